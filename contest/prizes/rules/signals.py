"""What an organizer looks at before verifying a winner. Flags inform; they
never disqualify by themselves.

- time per question (the attempt flagged when it was scored, under
  ``MIN_SECONDS_PER_QUESTION`` a question on average: ``quiz.rules.plausibility``);
- other accounts registered, or starting an attempt of the round, from the same
  IP address within an hour;
- accounts that look like the same person (same name and date of birth, same
  phone digits written another way; two accounts cannot share a CCCD: its keyed
  hash is unique, and the number itself is not kept to compare with phones);
- attempts of other accounts in the round with exactly the same answers.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from contest.accounts.models import User
from contest.audit.models import AuditLog
from contest.contests.models import Round
from contest.extensions import db
from contest.prizes.services import NotAWinner
from contest.quiz.models import Attempt
from contest.quiz.queries.attempts import items_with_questions
from contest.rankings.models import RoundEntry
from contest.text import fold

WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Signals:
    user: User
    attempt: Attempt
    answer_times: list[tuple[int, float]]  # (position, seconds after the start), in answer order
    too_fast: bool
    registered_nearby: list[tuple[User, datetime]]
    attempted_nearby: list[tuple[User, Attempt]]
    look_alikes: list[tuple[User, str]]
    same_answers: list[tuple[User, Attempt]]

    @property
    def flag_count(self) -> int:
        return (int(self.too_fast) + len(self.registered_nearby) + len(self.attempted_nearby)
                + len(self.look_alikes) + len(self.same_answers))


def signals_for(round_: Round, user_id: int) -> Signals:
    entry = db.session.get(RoundEntry, (round_.id, user_id))
    if entry is None:
        raise NotAWinner()
    attempt = db.session.get(Attempt, entry.attempt_id)
    user = db.session.get(User, user_id)
    return Signals(
        user=user, attempt=attempt, answer_times=answer_times(attempt),
        too_fast=attempt.flagged_fast,
        registered_nearby=registered_nearby(user), attempted_nearby=attempted_nearby(attempt),
        look_alikes=look_alikes(user), same_answers=same_answers(attempt),
    )


def answer_times(attempt: Attempt) -> list[tuple[int, float]]:
    saved = [item for item in items_with_questions(attempt.id) if item.saved_at is not None]
    saved.sort(key=lambda item: item.saved_at)
    return [(item.position, (item.saved_at - attempt.started_at).total_seconds())
            for item in saved]


def _registration(user_id: int) -> AuditLog | None:
    return db.session.scalar(select(AuditLog).where(
        AuditLog.action == "account.register", AuditLog.target_type == "User",
        AuditLog.target_id == str(user_id)))


def registered_nearby(user: User) -> list[tuple[User, datetime]]:
    mine = _registration(user.id)
    if mine is None or not mine.ip:
        return []
    rows = db.session.execute(
        select(User, AuditLog.at).join(AuditLog, AuditLog.target_id == db.cast(User.id, db.String))
        .where(AuditLog.action == "account.register", AuditLog.ip == mine.ip,
               AuditLog.at.between(mine.at - WINDOW, mine.at + WINDOW), User.id != user.id)
        .order_by(AuditLog.at).limit(50)).all()
    return [(other, at) for other, at in rows]


def attempted_nearby(attempt: Attempt) -> list[tuple[User, Attempt]]:
    if not attempt.started_ip:
        return []
    rows = db.session.execute(
        select(User, Attempt).join(User, User.id == Attempt.user_id)
        .where(Attempt.round_id == attempt.round_id, Attempt.started_ip == attempt.started_ip,
               Attempt.started_at.between(attempt.started_at - WINDOW, attempt.started_at + WINDOW),
               Attempt.user_id != attempt.user_id)
        .order_by(Attempt.started_at).limit(50)).all()
    return [(other, theirs) for other, theirs in rows]


def _digits(value: str | None) -> str:
    return "".join(ch for ch in value or "" if ch.isdigit())


def look_alikes(user: User) -> list[tuple[User, str]]:
    found: dict[int, tuple[User, str]] = {}
    same_birthday = db.session.scalars(select(User).where(
        User.date_of_birth == user.date_of_birth, User.id != user.id).limit(5000))
    name = fold(user.full_name)
    for other in same_birthday:
        if fold(other.full_name) == name:
            found[other.id] = (other, "Cùng họ tên và ngày sinh")
    phone_tail = _digits(user.phone)[-9:]
    for other in db.session.scalars(select(User).where(
            User.phone.endswith(phone_tail), User.id != user.id).limit(20)):
        found.setdefault(other.id, (other, "Cùng số điện thoại (viết khác)"))
    return list(found.values())


def same_answers(attempt: Attempt) -> list[tuple[User, Attempt]]:
    if not attempt.answers_digest:
        return []
    rows = db.session.execute(
        select(User, Attempt).join(User, User.id == Attempt.user_id)
        .where(Attempt.round_id == attempt.round_id,
               Attempt.answers_digest == attempt.answers_digest,
               Attempt.user_id != attempt.user_id)
        .order_by(Attempt.submitted_at).limit(50)).all()
    return [(other, theirs) for other, theirs in rows]
