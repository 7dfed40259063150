"""Building submitted attempts through the real services, with the clock frozen,
so every test exercises the same submit path (and ranking upkeep) as a person."""
from datetime import datetime, timedelta

from contest import clock
from contest.extensions import db
from contest.transactions import unit_of_work
from contest.quiz.services import saving
from contest.quiz.services import attempts as services
from contest.quiz.models import Attempt


def correct_index(item) -> int:
    return next(i for i, option in enumerate(item.shown_options()) if option.is_correct)


def take_attempt(user, round_, *, correct: int, seconds: float, prediction: int | None = None,
                 at: datetime | None = None, ip: str | None = None) -> Attempt:
    """Start an attempt at ``at`` (default: the clock), answer the first
    ``correct`` questions right and the rest wrong, submit ``seconds`` later.

    Without a prediction (none given, none fixed by an earlier attempt of the
    round) a submit by hand is refused, so the attempt is one whose time ran out
    at ``seconds``: the page's timer submits it at its deadline."""
    start = at or clock.now()
    clock.freeze(start)
    with unit_of_work():  # each step committed, as its request would be
        attempt = services.start_attempt(user, round_, ip=ip)
    for item in attempt.items:
        right = correct_index(item)
        choice = right if item.position <= correct else (right + 1) % len(item.option_ids)
        with unit_of_work():
            saving.save_answer(user.id, attempt.public_id, item.position, choice)
    clock.freeze(start + timedelta(seconds=seconds))
    attempt = db.session.get(Attempt, attempt.id)
    with unit_of_work():
        if prediction is None:
            attempt.deadline_at = clock.now()
        services.submit_attempt(attempt, prediction)
    return attempt
