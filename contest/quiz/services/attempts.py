"""The rules of an attempt: start, save an answer, submit, finish when overdue.

Every state change happens here, in one transaction. The database backs the
rules a race could break (attempt numbers unique per person and round, one
attempt in progress); a submit claims the attempt with a conditional UPDATE so
that a save racing with it cannot slip in after the score is computed.
"""
import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from contest.bank.models import QuestionOption
from contest.clock import now
from contest.contests.models import Round
from contest.extensions import db
from contest.parsing import json_integer
from contest.quiz.errors import (
    AttemptAlreadySubmitted, AttemptExpired, AttemptLimitReached, AttemptNotFound, InvalidAnswer,
    RoundNotOpen, TooManyConcurrentStarts,
)
from contest.quiz.models import IN_PROGRESS, SUBMITTED, Attempt, AttemptItem
from contest.quiz.rules import prediction as predictions
from contest.quiz.rules.plausibility import is_implausibly_fast
from contest.quiz.rules.selection import spec_for
from contest.quiz.services import saving
from contest.quiz.services.draw import draw_items
from contest.quiz.services.events import announce_scored
from contest.quiz.services.saving import Saved, grace
from contest.transactions import savepoint

START_RETRIES = 5


def deadline_for(round_: Round, started_at: datetime,
                 time_limit_percent: int | None = None) -> datetime:
    """Start plus the time limit (times the person's extra time, when an organizer
    gave them some: ``accounts.services.accounts.extra_time``), cut at the round's close time."""
    return min(started_at + round_.time_limit * (time_limit_percent or 100) / 100,
               round_.closes_at)


def remaining_ms(attempt: Attempt, at: datetime | None = None) -> int:
    return saving.remaining_ms(attempt.deadline_at, at or now())


# --- reading ---------------------------------------------------------------

def get_own_attempt(public_id: str, user, lock: bool = False,
                    with_round: bool = False) -> Attempt:
    """The attempt with this public id if it belongs to ``user``; otherwise 404.

    ``lock`` locks the row for this transaction where the database can
    (PostgreSQL), for a save that must not interleave with a submit;
    ``with_round`` reads its round in the same statement (the result page).
    """
    stmt = select(Attempt).where(Attempt.public_id == public_id)
    if with_round:
        stmt = stmt.options(joinedload(Attempt.round))
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    attempt = db.session.scalar(stmt)
    if attempt is None or attempt.user_id != user.id:
        raise AttemptNotFound()
    return attempt


def attempts_used(user_id: int, round_id: int) -> int:
    return db.session.scalar(
        select(func.count(Attempt.id))
        .where(Attempt.user_id == user_id, Attempt.round_id == round_id)
    )


def in_progress_attempt(user_id: int, round_id: int) -> Attempt | None:
    return db.session.scalar(select(Attempt).where(
        Attempt.user_id == user_id, Attempt.round_id == round_id,
        Attempt.status == IN_PROGRESS,
    ))


# --- starting --------------------------------------------------------------

def start_attempt(user, round_: Round, ip: str | None = None) -> Attempt:
    """Start an attempt, or return the one already in progress.

    Two starts at the same moment race on the unique (user, round, number)
    constraint and the one-in-progress index: the loser retries and finds the
    winner's attempt.
    """
    for _ in range(START_RETRIES):
        finish_overdue(user_id=user.id, round_id=round_.id)
        # Count before looking for the attempt in progress: a count that already
        # includes a concurrent start guarantees that the next read sees it.
        used = attempts_used(user.id, round_.id)
        current = in_progress_attempt(user.id, round_.id)
        if current is not None:
            return current
        attempt = _new_attempt(user, round_, used)
        attempt.started_ip = ip
        items = draw_items(spec_for(round_, user.audience))
        try:
            with savepoint():  # a lost race undoes this start only
                db.session.add(attempt)
                db.session.flush()
                # One multi-row INSERT: no item object, no id read back.
                db.session.execute(insert(AttemptItem), [{**item, "attempt_id": attempt.id}
                                                         for item in items])
            return attempt
        except IntegrityError:
            continue
    raise TooManyConcurrentStarts()


def _new_attempt(user, round_: Round, used: int) -> Attempt:
    started = now()
    if round_.is_draft:
        raise RoundNotOpen("Đợt thi chưa được Ban Tổ chức công bố, không thể bắt đầu lượt thi.")
    if not round_.is_open(started):
        raise RoundNotOpen()
    if used >= round_.max_attempts:
        raise AttemptLimitReached()
    return Attempt(
        user_id=user.id, round_id=round_.id, number=used + 1, status=IN_PROGRESS,
        started_at=started, deadline_at=deadline_for(round_, started, user.time_limit_percent),
        total=round_.questions_per_attempt,
        # The person's prediction for the round, when an earlier attempt fixed it.
        prediction=predictions.round_prediction(round_.id, user.id, used + 1),
    )


# --- answers sent with the submit form ------------------------------------

def _item_at(attempt: Attempt, position) -> AttemptItem:
    item = next((i for i in attempt.items if i.position == position), None)
    if item is None:
        raise InvalidAnswer(saving.NOT_IN_ATTEMPT)
    return item


def save_prediction(user, public_id: str, prediction) -> Saved:
    """Store the prediction; like an answer, only while the attempt is in progress
    (checked again inside the UPDATE, so it cannot land after a submit), and never
    other than the one an earlier attempt fixed for the round."""
    at = now()
    attempt = get_own_attempt(public_id, user, lock=True)
    saving.ensure_writable(attempt, at)
    prediction = _valid_prediction(prediction)
    predictions.ensure_changeable(attempt, prediction)
    result = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.status == IN_PROGRESS)
        .values(prediction=prediction)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise AttemptAlreadySubmitted()
    return Saved(at, remaining_ms(attempt, at))


def _valid_prediction(value) -> int:
    prediction = json_integer(value, 100_000_000)
    if prediction is None:
        raise InvalidAnswer("Số dự đoán phải là số nguyên từ 0 đến 100.000.000.")
    return prediction


# --- submitting and finishing ----------------------------------------------

def submit_attempt(attempt: Attempt, prediction: int | None,
                   answers: dict[int, int] | None = None) -> Attempt:
    """Submit: idempotent; refused (changing nothing) after deadline plus grace.

    ``answers`` maps positions to display indexes sent with the form (the page
    without JavaScript); they are stored before scoring. Before the deadline a
    submit with no prediction (none sent, none saved) is refused with
    ``PredictionRequired``: the answers sent are kept, the attempt stays in
    progress. A later attempt carries the round's prediction (``quiz.rules.prediction``).
    """
    at = now()
    if attempt.status == SUBMITTED and attempt.finished_by == "contestant":
        return attempt
    if at > attempt.deadline_at + grace() or attempt.finished_by == "timeout":
        raise AttemptExpired()
    if prediction is not None:
        prediction = _valid_prediction(prediction)
    choices = _options_for_answers(attempt, answers or {})
    if not _claim(attempt):  # finished meanwhile (another tab, the overdue sweep)
        db.session.refresh(attempt)
        return attempt
    db.session.refresh(attempt)
    for item in attempt.items:
        if item.position in choices and choices[item.position] != item.chosen_option_id:
            item.chosen_option_id, item.saved_at = choices[item.position], at
    prediction = predictions.carried(attempt, prediction)
    if prediction is None and predictions.required(attempt, at):
        _release(attempt)
        raise predictions.PredictionRequired()
    attempt.prediction = prediction
    _score(attempt, end=at, finished_by="contestant")
    return attempt


def _release(attempt: Attempt) -> None:
    """Undo the claim of a submit that is refused, keeping the answers it sent:
    the attempt stays in progress with its deadline, and nothing is scored (the
    page that shows the refusal returns normally, so its unit of work keeps them)."""
    attempt.status = IN_PROGRESS
    db.session.flush()


def _options_for_answers(attempt: Attempt, answers: dict[int, int]) -> dict[int, int]:
    return {position: saving.option_at(_item_at(attempt, position).option_order, choice)
            for position, choice in answers.items()}


def _claim(attempt: Attempt) -> bool:
    """Mark the attempt submitted if it is still in progress; False if it was not.

    The first statement of the transaction is this UPDATE, so the row (PostgreSQL)
    or the database (SQLite) is locked before the answers are read for scoring.
    """
    result = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.status == IN_PROGRESS)
        .values(status=SUBMITTED)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _score(attempt: Attempt, end: datetime, finished_by: str) -> None:
    """Score the attempt and bring the rankings up to date, in this transaction."""
    question_ids = [item.question_id for item in attempt.items]
    correct_ids = set(db.session.scalars(
        select(QuestionOption.id).where(
            QuestionOption.question_id.in_(question_ids), QuestionOption.is_correct.is_(True))
    ))
    for item in attempt.items:
        item.is_correct = item.chosen_option_id in correct_ids
    attempt.score = sum(1 for item in attempt.items if item.is_correct)
    attempt.answers_digest = answers_digest(attempt.items)
    attempt.status = SUBMITTED
    attempt.submitted_at = end
    attempt.finished_by = finished_by
    attempt.duration_ms = int((end - attempt.started_at).total_seconds() * 1000)
    attempt.flagged_fast = is_implausibly_fast(attempt.total, attempt.duration_ms)
    announce_scored(attempt)


def answers_digest(items) -> str:
    """The same for two attempts that got the same questions and chose the same
    options (in any order of display)."""
    pairs = sorted((item.question_id, item.chosen_option_id or 0) for item in items)
    return hashlib.blake2b(repr(pairs).encode(), digest_size=16).hexdigest()


# The pages a person's own attempts show on (a result page of an attempt not yet
# finished redirects to the attempt page, which is one of them).
PAGES_SHOWING_MY_ATTEMPTS = frozenset({"site.home", "quiz.attempt", "my_results.history"})


def finish_overdue_on_pages_showing_them(endpoint: str | None, person) -> None:
    """An attempt left open past its deadline is finished when its owner comes
    back to a page that shows their attempts (the JSON saves check their own
    deadline; cron's `finish-overdue` finishes the rest every minute). ``person``
    is read only on those pages: the answer save never loads the account."""
    if endpoint in PAGES_SHOWING_MY_ATTEMPTS and person.is_authenticated:
        finish_overdue(user_id=person.id)


def finish_overdue(user_id: int | None = None, round_id: int | None = None,
                   batch_size: int = 500, limit: int | None = None,
                   each: Callable[[], AbstractContextManager] = nullcontext) -> int:
    """Finish attempts left open past deadline plus grace with their saved answers.

    Returns how many were finished (at most ``limit``, when given, so a page
    view never does a cron job's work). Each is claimed first, so a finish
    racing with the contestant's own submit scores the attempt once. ``each``
    wraps every attempt: the command passes ``unit_of_work``, so a sweep of
    thousands never keeps the ranking rows locked beyond one attempt; the few a
    page finishes join its request's unit of work.
    """
    cutoff = now() - grace()
    stmt = select(Attempt.id).where(Attempt.status == IN_PROGRESS, Attempt.deadline_at < cutoff)
    if user_id is not None:
        stmt = stmt.where(Attempt.user_id == user_id)
    if round_id is not None:
        stmt = stmt.where(Attempt.round_id == round_id)
    finished = 0
    batch = min(batch_size, limit) if limit else batch_size
    while ids := list(db.session.scalars(stmt.order_by(Attempt.id).limit(batch))):
        for attempt_id in ids:
            with each():
                finished += _finish_one_overdue(attempt_id)
        if len(ids) < batch or (limit and finished >= limit):
            break
    return finished


def _finish_one_overdue(attempt_id: int) -> int:
    attempt = db.session.get(Attempt, attempt_id)
    if not _claim(attempt):
        return 0
    db.session.refresh(attempt)
    attempt.prediction = predictions.carried(attempt)
    _score(attempt, end=attempt.deadline_at, finished_by="timeout")
    return 1
