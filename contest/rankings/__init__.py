"""Rankings: each person's best attempt per round, the whole-contest totals, and
the unit figures, all kept current in the submit's own transaction."""
