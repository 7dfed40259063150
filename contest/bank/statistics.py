"""Per-question statistics for organizers: how often drawn, share answered
correctly, and the discrimination index.

Discrimination = share correct among the top 27% of submitted attempts by score
minus share correct among the bottom 27%. Attempts are ordered by score share
(score / total), ties broken by attempt id, so the groups are reproducible.
Everything is aggregated in the database: one query for the group size, one
for the per-question sums.
"""
import math
from dataclasses import dataclass

from sqlalchemy import Float, case, cast, func, select

from contest.bank.models import Question
from contest.extensions import db
from contest.quiz.models import SUBMITTED, Attempt, AttemptItem

GROUP_SHARE = 0.27
LOW_CORRECT_SHARE = 0.2
MIN_DRAWN_FOR_FLAGS = 5


@dataclass(frozen=True)
class QuestionStats:
    question_id: int
    code: str
    version: int
    text: str
    drawn: int
    correct_share: float | None
    discrimination: float | None
    flags: tuple[str, ...]


def group_size(attempt_count: int) -> int:
    return max(1, math.ceil(GROUP_SHARE * attempt_count)) if attempt_count else 0


def _submitted(round_id: int | None):
    stmt = select(Attempt.id).where(Attempt.status == SUBMITTED)
    return stmt.where(Attempt.round_id == round_id) if round_id is not None else stmt


def _group(round_id: int | None, size: int, best_first: bool):
    share = cast(Attempt.score, Float) / Attempt.total
    order = (share.desc(), Attempt.id.asc()) if best_first else (share.asc(), Attempt.id.desc())
    return _submitted(round_id).order_by(*order).limit(size)


def question_statistics(round_id: int | None = None,
                        min_drawn: int = MIN_DRAWN_FOR_FLAGS) -> list[QuestionStats]:
    """Statistics for every question version drawn in submitted attempts
    (of one round, or of all rounds)."""
    attempts = db.session.scalar(select(func.count()).select_from(_submitted(round_id).subquery()))
    if not attempts:
        return []
    size = group_size(attempts)
    top = _group(round_id, size, best_first=True).scalar_subquery()
    bottom = _group(round_id, size, best_first=False).scalar_subquery()
    correct = case((AttemptItem.is_correct.is_(True), 1), else_=0)
    in_top = AttemptItem.attempt_id.in_(top)
    in_bottom = AttemptItem.attempt_id.in_(bottom)
    rows = db.session.execute(
        select(
            AttemptItem.question_id, Question.code, Question.version, Question.text,
            func.count(), func.sum(correct),
            func.sum(case((in_top, 1), else_=0)), func.sum(case((in_top, correct), else_=0)),
            func.sum(case((in_bottom, 1), else_=0)), func.sum(case((in_bottom, correct), else_=0)),
        )
        .join(Question, Question.id == AttemptItem.question_id)
        .where(AttemptItem.attempt_id.in_(_submitted(round_id).scalar_subquery()))
        .group_by(AttemptItem.question_id, Question.code, Question.version, Question.text)
        .order_by(Question.code, Question.version)
    ).all()
    return [_stats(row, min_drawn) for row in rows]


def _share(part, whole) -> float | None:
    return part / whole if whole else None


def _stats(row, min_drawn: int) -> QuestionStats:
    question_id, code, version, text, drawn, correct, top_n, top_ok, bottom_n, bottom_ok = row
    share = _share(correct, drawn)
    top_share, bottom_share = _share(top_ok, top_n), _share(bottom_ok, bottom_n)
    discrimination = (top_share - bottom_share
                      if top_share is not None and bottom_share is not None else None)
    flags = []
    if drawn >= min_drawn:
        if share is not None and share < LOW_CORRECT_SHARE:
            flags.append("Rất ít người trả lời đúng")
        if discrimination is not None and discrimination < 0:
            flags.append("Độ phân biệt âm: người điểm thấp đúng nhiều hơn người điểm cao")
    return QuestionStats(question_id, code, version, text, drawn, share, discrimination, tuple(flags))
