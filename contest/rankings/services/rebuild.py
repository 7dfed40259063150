"""Rebuilding the derived tables of a round or a contest from the attempts, in
the database: when a round's results are computed (the prediction error joins
the order, which can change a person's best attempt), and by
``flask --app wsgi results rebuild`` after a correction or an upgrade.
"""
from sqlalchemy import case, delete, func, insert, literal, select

from contest.accounts.models import User
from contest.bank.models import QuestionTally
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.quiz.models import SUBMITTED, Attempt, AttemptItem
from contest.rankings.models import (
    MISSING_PREDICTION_ERROR, ContestEntry, RankBucket, RoundEntry, UnitContestStat, UnitRoundStat,
)

E = RoundEntry


def prediction_error(actual: int | None):
    """|prediction − actual| as SQL; no prediction ranks after every one given."""
    if actual is None:
        return literal(None, type_=db.Integer)
    return case((Attempt.prediction.is_(None), MISSING_PREDICTION_ERROR),
                else_=func.abs(Attempt.prediction - actual))


def rebuild_round_entries(round_: Round) -> None:
    """Each person's best attempt: the first of their attempts in ranking order."""
    error = prediction_error(round_.prediction_actual)
    ranked = select(
        Attempt.id, Attempt.user_id, Attempt.score, Attempt.total, Attempt.duration_ms,
        Attempt.submitted_at, Attempt.prediction, error.label("prediction_error"),
        func.row_number().over(
            partition_by=Attempt.user_id,
            order_by=(Attempt.score.desc(), error, Attempt.duration_ms,
                      Attempt.submitted_at, Attempt.id)).label("place"),
        func.count().over(partition_by=Attempt.user_id).label("attempts"),
    ).where(Attempt.round_id == round_.id, Attempt.status == SUBMITTED).subquery()
    best = select(
        ranked.c.user_id, ranked.c.id, User.unit_id, User.audience,
        ranked.c.score, ranked.c.total, ranked.c.duration_ms, ranked.c.submitted_at,
        ranked.c.prediction, ranked.c.prediction_error, ranked.c.attempts,
    ).join(User, User.id == ranked.c.user_id).where(ranked.c.place == 1).subquery()
    final_rank = literal(None, type_=db.Integer)
    if round_.prediction_actual is not None:
        final_rank = func.row_number().over(order_by=(
            best.c.score.desc(), best.c.prediction_error, best.c.duration_ms,
            best.c.submitted_at, best.c.id))
    rows = select(literal(round_.id), *best.c, final_rank)
    db.session.execute(delete(RoundEntry).where(RoundEntry.round_id == round_.id))
    db.session.execute(insert(RoundEntry).from_select(
        ["round_id", "user_id", "attempt_id", "unit_id", "audience", "score", "total",
         "duration_ms", "submitted_at", "prediction", "prediction_error", "attempts",
         "final_rank"], rows))


def rebuild_unit_round_stats(round_: Round) -> None:
    E = RoundEntry
    figures = select(literal(round_.id), E.unit_id, func.count(), func.sum(E.attempts),
                     func.sum(E.score)).where(E.round_id == round_.id).group_by(E.unit_id)
    db.session.execute(delete(UnitRoundStat).where(UnitRoundStat.round_id == round_.id))
    db.session.execute(insert(UnitRoundStat).from_select(
        ["round_id", "unit_id", "participants", "attempts", "score_sum"], figures))


def rebuild_contest(contest: Contest) -> None:
    """Contest entries from the round entries, then the units' contest figures."""
    E, C = RoundEntry, ContestEntry
    round_ids = select(Round.id).where(Round.contest_id == contest.id).scalar_subquery()
    totals = select(
        E.user_id, func.sum(E.score).label("score_sum"),
        func.sum(E.duration_ms).label("duration_sum"),
        func.max(E.submitted_at).label("last_submitted_at"),
        func.count().label("rounds"), func.sum(E.attempts).label("attempts"),
    ).where(E.round_id.in_(round_ids)).group_by(E.user_id).subquery()
    rows = select(
        literal(contest.id), totals.c.user_id, User.unit_id, User.audience, totals.c.score_sum,
        totals.c.duration_sum, totals.c.last_submitted_at, totals.c.rounds, totals.c.attempts,
    ).join(User, User.id == totals.c.user_id)
    db.session.execute(delete(C).where(C.contest_id == contest.id))
    db.session.execute(insert(C).from_select(
        ["contest_id", "user_id", "unit_id", "audience", "score_sum", "duration_sum",
         "last_submitted_at", "rounds", "attempts"], rows))
    figures = select(literal(contest.id), C.unit_id, func.count(), func.sum(C.attempts),
                     func.sum(C.score_sum)).where(C.contest_id == contest.id).group_by(C.unit_id)
    db.session.execute(delete(UnitContestStat).where(UnitContestStat.contest_id == contest.id))
    db.session.execute(insert(UnitContestStat).from_select(
        ["contest_id", "unit_id", "participants", "attempts", "score_sum"], figures))
    rebuild_rank_buckets("contest", contest.id)


def rebuild_rank_buckets(scope: str, scope_id: int) -> None:
    """People per (score, whole second of time), from the entries."""
    if scope == "round":
        match, score, ms = E.round_id == scope_id, E.score, E.duration_ms
    else:
        match = ContestEntry.contest_id == scope_id
        score, ms = ContestEntry.score_sum, ContestEntry.duration_sum
    seconds = ms // 1000
    rows = select(literal(scope), literal(scope_id), score, seconds, func.count()).where(
        match).group_by(score, seconds)
    db.session.execute(delete(RankBucket).where(RankBucket.scope == scope,
                                                RankBucket.scope_id == scope_id))
    db.session.execute(insert(RankBucket).from_select(
        ["scope", "scope_id", "score", "seconds", "people"], rows))


def rebuild_question_tallies(round_: Round) -> None:
    """Reads every answer of the round: for repairs, not for a page view."""
    correct = case((AttemptItem.is_correct.is_(True), 1), else_=0)
    rows = select(
        literal(round_.id), AttemptItem.question_id, Attempt.total, Attempt.score,
        func.count(), func.sum(correct),
    ).join(Attempt, Attempt.id == AttemptItem.attempt_id).where(
        Attempt.round_id == round_.id, Attempt.status == SUBMITTED,
    ).group_by(AttemptItem.question_id, Attempt.total, Attempt.score)
    db.session.execute(delete(QuestionTally).where(QuestionTally.round_id == round_.id))
    db.session.execute(insert(QuestionTally).from_select(
        ["round_id", "question_id", "total", "score", "drawn", "correct"], rows))


def rebuild_round(round_: Round, with_questions: bool = False) -> None:
    rebuild_round_entries(round_)
    rebuild_unit_round_stats(round_)
    rebuild_rank_buckets("round", round_.id)
    if with_questions:
        rebuild_question_tallies(round_)
