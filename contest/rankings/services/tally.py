"""Keeping the rankings current: called in the transaction that submits (or
finishes) an attempt, so a ranking never misses an acknowledged attempt.

A few statements a submit, none of which reads more than one person's rows:
the person's round entry (their best attempt), their contest entry, their
unit's figures for the round and the contest, and the per-question tallies.
Locks are taken in one order (entry, contest entry, units, rank buckets by
key, questions by id), so two submits never deadlock.
"""
from dataclasses import dataclass

from sqlalchemy import select

from contest.accounts.models import User
from contest.bank.models import QuestionTally
from contest.extensions import db
from contest.quiz.models import Attempt
from contest.rankings.models import (
    ContestEntry, RankBucket, RoundEntry, UnitContestStat, UnitRoundStat,
)
from contest.upsert import add_counts, insert_for

STAT_COUNTERS = ["participants", "attempts", "score_sum"]


@dataclass(frozen=True)
class Change:
    """What one submission changed in a person's figures."""
    unit_id: int
    new_person: bool
    score: int        # change in the best score
    duration_ms: int  # change in the best attempt's time
    left: tuple[int, int] | None = None     # (score, ms) the person leaves in the ranking
    entered: tuple[int, int] | None = None  # (score, ms) the person now holds


def record_submission(attempt: Attempt) -> None:
    """Bring the person's rankings and their unit's figures up to date with a
    just-scored attempt (same transaction)."""
    user = db.session.get(User, attempt.user_id)
    round_change = _update_round_entry(attempt, user)
    _add_unit_round(attempt.round_id, round_change)
    contest_change = _update_contest_entry(attempt, user, round_change)
    _add_unit_contest(attempt.round.contest_id, contest_change)
    _move_in_buckets("round", attempt.round_id, round_change)
    _move_in_buckets("contest", attempt.round.contest_id, contest_change)
    _add_question_tallies(attempt)


def better_than(attempt: Attempt, entry: RoundEntry) -> bool:
    """The live order (the prediction counts only once the round is over): more
    correct, then less time, earlier submission, lower attempt id."""
    mine = (-attempt.score, attempt.duration_ms, attempt.submitted_at, attempt.id)
    theirs = (-entry.score, entry.duration_ms, entry.submitted_at, entry.attempt_id)
    return mine < theirs


def _entry_values(attempt: Attempt, user: User) -> dict:
    return dict(attempt_id=attempt.id, score=attempt.score, total=attempt.total,
                duration_ms=attempt.duration_ms, submitted_at=attempt.submitted_at,
                prediction=attempt.prediction)


def _update_round_entry(attempt: Attempt, user: User) -> Change:
    values = _entry_values(attempt, user)
    inserted = db.session.execute(
        insert_for(RoundEntry)
        .values(round_id=attempt.round_id, user_id=user.id, unit_id=user.unit_id,
                audience=user.audience, attempts=1, **values)
        .on_conflict_do_nothing(index_elements=["round_id", "user_id"])
        .returning(RoundEntry.user_id)
    ).first()
    if inserted is not None:
        return Change(user.unit_id, True, attempt.score, attempt.duration_ms,
                      entered=(attempt.score, attempt.duration_ms))
    entry = db.session.scalar(
        select(RoundEntry).where(RoundEntry.round_id == attempt.round_id,
                                 RoundEntry.user_id == user.id)
        .with_for_update().execution_options(populate_existing=True))
    entry.attempts += 1
    if not better_than(attempt, entry):
        return Change(entry.unit_id, False, 0, 0)
    change = Change(entry.unit_id, False, attempt.score - entry.score,
                    attempt.duration_ms - entry.duration_ms,
                    left=(entry.score, entry.duration_ms),
                    entered=(attempt.score, attempt.duration_ms))
    for name, value in values.items():
        setattr(entry, name, value)
    return change


def _add_unit_round(round_id: int, change: Change) -> None:
    add_counts(UnitRoundStat, ["round_id", "unit_id"], [dict(
        round_id=round_id, unit_id=change.unit_id, participants=int(change.new_person),
        attempts=1, score_sum=change.score)], STAT_COUNTERS)


def _update_contest_entry(attempt: Attempt, user: User, round_change: Change) -> Change:
    contest_id = attempt.round.contest_id
    inserted = db.session.execute(
        insert_for(ContestEntry)
        .values(contest_id=contest_id, user_id=user.id, unit_id=user.unit_id,
                audience=user.audience, score_sum=attempt.score,
                duration_sum=attempt.duration_ms, last_submitted_at=attempt.submitted_at,
                rounds=1, attempts=1)
        .on_conflict_do_nothing(index_elements=["contest_id", "user_id"])
        .returning(ContestEntry.user_id)
    ).first()
    if inserted is not None:
        return Change(user.unit_id, True, attempt.score, attempt.duration_ms,
                      entered=(attempt.score, attempt.duration_ms))
    entry = db.session.scalar(
        select(ContestEntry).where(ContestEntry.contest_id == contest_id,
                                   ContestEntry.user_id == user.id)
        .with_for_update().execution_options(populate_existing=True))
    entry.attempts += 1
    entry.rounds += int(round_change.new_person)
    if round_change.entered is None:
        return Change(entry.unit_id, False, 0, 0)
    left = (entry.score_sum, entry.duration_sum)
    entry.score_sum += round_change.score
    entry.duration_sum += round_change.duration_ms
    entry.last_submitted_at = max(entry.last_submitted_at, attempt.submitted_at)
    return Change(entry.unit_id, False, round_change.score, round_change.duration_ms,
                  left=left, entered=(entry.score_sum, entry.duration_sum))


def _add_unit_contest(contest_id: int, change: Change) -> None:
    add_counts(UnitContestStat, ["contest_id", "unit_id"], [dict(
        contest_id=contest_id, unit_id=change.unit_id, participants=int(change.new_person),
        attempts=1, score_sum=change.score)], STAT_COUNTERS)


def bucket_of(score: int, duration_ms: int) -> tuple[int, int]:
    return score, duration_ms // 1000


def _move_in_buckets(scope: str, scope_id: int, change: Change) -> None:
    """One person fewer where they were, one more where they are now."""
    moves: dict[tuple[int, int], int] = {}
    if change.left is not None:
        key = bucket_of(*change.left)
        moves[key] = moves.get(key, 0) - 1
    if change.entered is not None:
        key = bucket_of(*change.entered)
        moves[key] = moves.get(key, 0) + 1
    rows = [dict(scope=scope, scope_id=scope_id, score=score, seconds=seconds, people=people)
            for (score, seconds), people in sorted(moves.items()) if people]
    add_counts(RankBucket, ["scope", "scope_id", "score", "seconds"], rows, ["people"])


def _add_question_tallies(attempt: Attempt) -> None:
    rows = [dict(round_id=attempt.round_id, question_id=item.question_id, total=attempt.total,
                 score=attempt.score, drawn=1, correct=int(bool(item.is_correct)))
            for item in sorted(attempt.items, key=lambda item: item.question_id)]
    add_counts(QuestionTally, ["round_id", "question_id", "total", "score"], rows,
               ["drawn", "correct"])
