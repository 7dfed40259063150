"""What the quiz tells the layers above it without importing them.

``attempt_scored`` is sent inside the transaction that scores an attempt. The
rankings connect to it at start-up (``contest.create_app``), so their tables
change in that same transaction: a rolled-back submit changes neither. Scoring
refuses to run with no receiver, since an attempt no ranking counted would be
lost without a word.
"""
from blinker import Namespace

_signals = Namespace()
attempt_scored = _signals.signal("attempt-scored")


def announce_scored(attempt) -> None:
    if not attempt_scored.receivers:
        raise RuntimeError("attempt_scored has no receiver: create_app connects the rankings")
    attempt_scored.send(attempt)
