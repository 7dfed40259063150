"""When a round is settled: the moment after which nothing can change its answers
or its prediction's target any more.

Attempts end at the round's close at the latest, and a save or submit is still
accepted for ``ANSWER_GRACE_SECONDS`` after an attempt's deadline (a slow phone).
So until ``closes_at + grace`` a round is treated as open by every rule that
seals something: keys (``quiz.rules.keys``) and the figures from which the
prediction's target could be computed or bounded (places, scores, counts).
"""
from datetime import datetime, timedelta

from flask import current_app

from contest.clock import now
from contest.contests.models import Round


def answer_grace() -> timedelta:
    """How long after a deadline an answer or a submit is still accepted."""
    return timedelta(seconds=current_app.config["ANSWER_GRACE_SECONDS"])


def settled_at(round_: Round) -> datetime:
    """The last moment an attempt of the round can still save or submit (a save
    is refused only once the clock is past its deadline plus the grace)."""
    return round_.closes_at + answer_grace()


def is_settled(round_: Round, at: datetime | None = None) -> bool:
    """Scheduled, closed, and past the last moment an attempt could still write."""
    return not round_.is_draft and (at or now()) > settled_at(round_)
