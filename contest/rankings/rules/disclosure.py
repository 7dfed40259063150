"""What a visitor, a contestant or a unit manager may read of a round's figures
(or the whole contest's) before the round is settled: the one rule every
public page, chart, JSON and export follows (issue 17, cases 5 and 11).

Until a round is settled (``contests.rules.disclosure``: its close plus the answer
grace) its prediction's target can still change, so nothing shown may let
anyone compute it or bound it more tightly than the round's own rules do:

- scores: nobody's score, average, place or count of full marks. A person sees
  their own score and time at once, on their own pages; places come once the
  round is settled.
- counts: when the prediction asks how many take part or how many attempts
  (``COUNTED_KINDS``), no count of the round's participants or attempts, nor
  anything that sums to it or bounds it: contest totals, the units' counts,
  rates and places, the number of registered accounts. For the full-mark kinds
  these counts stay public: they bound a full-mark count only trivially, and
  the organizer means them to be seen.

A unit manager still sees their own unit's people and how many of them took
part (they know them anyway), never their scores. Organizers see everything.
The whole contest's figures add up its rounds', so they follow every round
that has begun and not settled (a round not yet open has no figures).
"""
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from flask_login import current_user
from sqlalchemy import select

from contest.clock import now
from contest.contests.models import Contest, Round
from contest.contests.rules.disclosure import answer_grace, is_settled, settled_at
from contest.extensions import db
from contest.rankings.queries.units import UnitStanding, participation_order, ranked

# Prediction kinds whose target is a count of taking part: every count of it is sealed.
COUNTED_KINDS = frozenset({"attempts", "participants"})
RECENTLY = timedelta(minutes=1)


@dataclass(frozen=True)
class Shown:
    """Which figures of a scope may be shown now."""
    scores: bool  # anyone's score, average, place, count of full marks
    counts: bool  # how many take part and how many attempts, and what sums to them

    @property
    def everything(self) -> bool:
        return self.scores and self.counts

    @property
    def key(self) -> str:
        """Part of the cache key of every figure or page built under this rule:
        a round settles with no write at all, so a body cached before must not
        be served after, nor the reverse."""
        return f"shown-{int(self.scores)}{int(self.counts)}"


EVERYTHING = Shown(scores=True, counts=True)


def shown_for_round(round_: Round, at: datetime | None = None) -> Shown:
    if is_settled(round_, at):
        return EVERYTHING
    return Shown(scores=False, counts=round_.prediction_kind not in COUNTED_KINDS)


def sealing_rounds(contest: Contest, at: datetime | None = None) -> list[Round]:
    """The rounds whose figures are in the contest's and still sealed: opened,
    not settled."""
    at = at or now()
    return [round_ for round_ in contest.public_rounds
            if round_.opens_at <= at and not is_settled(round_, at)]


def shown_for_contest(contest: Contest, at: datetime | None = None) -> Shown:
    sealed = [shown_for_round(round_, at) for round_ in sealing_rounds(contest, at)]
    return Shown(scores=all(s.scores for s in sealed), counts=all(s.counts for s in sealed))


def shown_for(scope: Round | Contest, at: datetime | None = None) -> Shown:
    """What a visitor, contestant or unit manager may read of the scope now."""
    if isinstance(scope, Round):
        return shown_for_round(scope, at)
    return shown_for_contest(scope, at)


def shown_to_viewer(scope: Round | Contest) -> Shown:
    """``shown_for``, except that organizers see everything (pages they share
    with unit managers)."""
    if current_user.is_authenticated and current_user.is_organizer:
        return EVERYTHING
    return shown_for(scope)


def shown_from(scope: Round | Contest, at: datetime | None = None) -> datetime | None:
    """When the scope's sealed figures will be shown (the last of its sealing
    rounds settles); None when nothing is sealed."""
    rounds = [scope] if isinstance(scope, Round) else sealing_rounds(scope, at)
    until = max((settled_at(round_) for round_ in rounds if not is_settled(round_, at)),
                default=None)
    if until is None or isinstance(scope, Round):
        return until
    return _contest_sealed_until(scope, until)


def _contest_sealed_until(contest: Contest, until: datetime) -> datetime:
    """The whole contest's figures stay sealed past ``until`` while a later round
    opens before then (back-to-back weekly rounds): follow the chain."""
    for round_ in sorted(contest.public_rounds, key=lambda r: r.opens_at):
        if round_.opens_at <= until:
            until = max(until, settled_at(round_))
    return until


def registrations_shown(at: datetime | None = None) -> bool:
    """The number of registered accounts bounds how many take part (most who
    register take part): hidden while a round of any contest that asks for a
    count of taking part has begun and not settled (the few that closed lately
    are read, and ``is_settled`` decides)."""
    at = at or now()
    lately_open = db.session.scalars(select(Round).where(
        Round.scheduled_at.is_not(None), Round.prediction_kind.in_(COUNTED_KINDS),
        Round.opens_at <= at, Round.closes_at >= at - answer_grace() - RECENTLY))
    return all(is_settled(round_, at) for round_ in lately_open)


# --- the figures as shown ---------------------------------------------------

def standings_as_shown(standings: list[UnitStanding], shown: Shown,
                       min_rate: int | None) -> list[UnitStanding]:
    """A unit ranking with what is not shown taken out: without scores it is
    ordered by participation only (an order by average tells whose people score
    better); without counts it is the units by name, with no figures or places."""
    if shown.everything:
        return standings
    if not shown.counts:
        return [without_counts(standing)
                for standing in sorted(standings, key=lambda s: s.unit.name)]
    return ranked([without_scores(standing) for standing in standings], min_rate,
                  participation_order)


def without_scores(standing: UnitStanding) -> UnitStanding:
    return replace(standing, score_sum=None)


def without_counts(standing: UnitStanding) -> UnitStanding:
    return replace(standing, participants=None, attempts=None, score_sum=None, rank=None,
                   rate=None)


def own_unit_as_shown(own: UnitStanding | None, public: UnitStanding | None,
                      shown: Shown) -> UnitStanding | None:
    """A unit's figures for its manager, from its full (``own``) and shown
    (``public``) standings: how many of its people took part is theirs to know
    even while the counts are sealed for others; its place is the one everyone
    reads (none while sealed); its scores wait for the settle."""
    if own is None or public is None or shown.everything:
        return own
    return replace(own, score_sum=own.score_sum if shown.scores else None, rank=public.rank)
