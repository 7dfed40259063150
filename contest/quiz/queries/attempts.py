"""What a contestant reads about their own attempts."""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from contest.bank.models import Question
from contest.clock import now
from contest.contests.models import Round
from contest.extensions import db
from contest.quiz.models import Attempt, AttemptItem
from contest.quiz.rules.keys import Review, attempt_review
from contest.quiz.services.attempts import attempts_used


@dataclass
class AttemptSummary:
    attempt: Attempt
    round: Round
    remaining: int | None  # attempts left; None once the round has closed
    review: Review  # whether answers and explanations are shown, and when


def attempt_summary(attempt: Attempt) -> AttemptSummary:
    round_ = attempt.round
    at = now()
    closed = round_.status(at) == "closed"
    remaining = None if closed else max(
        0, round_.max_attempts - attempts_used(attempt.user_id, round_.id))
    return AttemptSummary(attempt=attempt, round=round_, remaining=remaining,
                          review=attempt_review(attempt, at))


def items_with_questions(attempt_id: int) -> list[AttemptItem]:
    return list(db.session.scalars(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)
        .options(selectinload(AttemptItem.question).selectinload(Question.options))
        .order_by(AttemptItem.position)
    ))


def user_history(user) -> list[tuple[Round, list[Attempt]]]:
    """The person's attempts grouped by round, newest round first."""
    attempts = db.session.scalars(
        select(Attempt).where(Attempt.user_id == user.id)
        .options(selectinload(Attempt.round))
        .order_by(Attempt.round_id.desc(), Attempt.number)
    )
    grouped: dict[int, tuple[Round, list[Attempt]]] = {}
    for attempt in attempts:
        grouped.setdefault(attempt.round_id, (attempt.round, []))[1].append(attempt)
    return list(grouped.values())


def attempts_of(user, limit: int) -> list[tuple[Attempt, Round]]:
    """A person's latest attempts with their rounds, for the organizer's account page."""
    stmt = (select(Attempt, Round).join(Round, Round.id == Attempt.round_id)
            .where(Attempt.user_id == user.id)
            .order_by(Round.number.desc(), Attempt.number.desc()).limit(limit))
    return list(db.session.execute(stmt))
