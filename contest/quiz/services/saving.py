"""Saving one answer: the request a deadline rush is made of (about twenty per
attempt), so it reads and writes as little as the rules allow.

One SELECT reads the attempt's state with the item at the position asked for
(and locks the attempt row on PostgreSQL, so a save and a submit of the same
attempt take turns); one conditional UPDATE writes the choice only while the
attempt is still in progress (SQLite runs the SELECT outside the write
transaction, so the UPDATE checks again); then COMMIT. No ORM object is loaded.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import bindparam, exists, select, update

from contest.clock import now
from contest.extensions import db
from contest.parsing import json_integer
from contest.quiz.errors import (
    AttemptAlreadySubmitted, AttemptExpired, AttemptNotFound, InvalidAnswer,
)
from contest.quiz.models import IN_PROGRESS, Attempt, AttemptItem

# Positions are small numbers; anything else matches no item (and never reaches
# the database as an integer it cannot hold).
MAX_POSITION = 1000
NO_POSITION = -1
NOT_IN_ATTEMPT = "Câu hỏi không thuộc bài thi này."


@dataclass(frozen=True)
class Saved:
    at: datetime
    remaining_ms: int


def grace() -> timedelta:
    """How long after the deadline a save or submit is still accepted (a slow phone)."""
    return timedelta(seconds=current_app.config["ANSWER_GRACE_SECONDS"])


def remaining_ms(deadline_at: datetime, at: datetime) -> int:
    return max(0, int((deadline_at - at).total_seconds() * 1000))


def ensure_writable(attempt, at: datetime) -> None:
    """An attempt (or a row with its ``deadline_at``, ``finished_by`` and ``status``)
    takes answers until its deadline plus grace, while in progress."""
    if at > attempt.deadline_at + grace() or attempt.finished_by == "timeout":
        raise AttemptExpired()
    if attempt.status != IN_PROGRESS:
        raise AttemptAlreadySubmitted()


def save_answer(user_id: int, public_id: str, position, choice) -> Saved:
    """Store the option at display index ``choice`` for the question at
    ``position`` of the person's attempt ``public_id``.

    Errors, in this order: not the person's attempt (404), past the deadline or
    already submitted (409), no such question or option (400).
    """
    at = now()
    target = _target(public_id, _as_position(position))
    if target is None or target.user_id != user_id:
        raise AttemptNotFound()
    ensure_writable(target, at)
    if target.item_id is None:
        raise InvalidAnswer(NOT_IN_ATTEMPT)
    _write_choice(target, option_at(target.option_order, choice), at)
    return Saved(at, remaining_ms(target.deadline_at, at))


def _as_position(position) -> int:
    number = json_integer(position, MAX_POSITION, minimum=1)
    return NO_POSITION if number is None else number


# Built once: a save only binds its values (statement building is most of an
# ORM query's cost at this size).
TARGET = (
    select(Attempt.id, Attempt.user_id, Attempt.status, Attempt.deadline_at,
           Attempt.finished_by, AttemptItem.id.label("item_id"), AttemptItem.option_order)
    .outerjoin(AttemptItem, (AttemptItem.attempt_id == Attempt.id)
               & (AttemptItem.position == bindparam("position")))
    .where(Attempt.public_id == bindparam("public_id"))
    .with_for_update(of=Attempt)
)
WRITE_CHOICE = (
    update(AttemptItem)
    .where(AttemptItem.id == bindparam("b_item_id"),
           exists().where(Attempt.id == bindparam("b_attempt_id"), Attempt.status == IN_PROGRESS))
    .values(chosen_option_id=bindparam("b_option_id"), saved_at=bindparam("b_at"))
)


def _target(public_id: str, position: int):
    """The attempt's owner and state, with the item at ``position`` (its id and
    option order, None when there is none), the attempt row locked."""
    return db.session.connection().execute(
        TARGET, {"public_id": public_id, "position": position}).first()


def option_at(option_order: str, choice) -> int:
    """The option shown at display index ``choice`` by an item's ``option_order``."""
    option_ids = [int(part) for part in option_order.split(",")]
    index = json_integer(choice, len(option_ids) - 1)
    if index is None:
        raise InvalidAnswer("Phương án trả lời không hợp lệ.")
    return option_ids[index]


def _write_choice(target, option_id: int, at: datetime) -> None:
    result = db.session.connection().execute(WRITE_CHOICE, {
        "b_item_id": target.item_id, "b_attempt_id": target.id, "b_option_id": option_id,
        "b_at": at})
    if result.rowcount != 1:
        raise AttemptAlreadySubmitted()
