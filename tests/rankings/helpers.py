"""Building submitted attempts through the real services, with the clock frozen,
so every test exercises the same submit path (and ranking upkeep) as a person."""
from datetime import datetime, timedelta

from contest import clock
from contest.extensions import db
from contest.quiz import saving, services
from contest.quiz.models import Attempt


def correct_index(item) -> int:
    return next(i for i, option in enumerate(item.shown_options()) if option.is_correct)


def take_attempt(user, round_, *, correct: int, seconds: float, prediction: int | None = None,
                 at: datetime | None = None, ip: str | None = None) -> Attempt:
    """Start an attempt at ``at`` (default: the clock), answer the first
    ``correct`` questions right and the rest wrong, submit ``seconds`` later."""
    start = at or clock.now()
    clock.freeze(start)
    attempt = services.start_attempt(user, round_, ip=ip)
    for item in attempt.items:
        right = correct_index(item)
        choice = right if item.position <= correct else (right + 1) % len(item.option_ids)
        saving.save_answer(user.id, attempt.public_id, item.position, choice)
    clock.freeze(start + timedelta(seconds=seconds))
    attempt = db.session.get(Attempt, attempt.id)
    services.submit_attempt(attempt, prediction)
    return attempt
