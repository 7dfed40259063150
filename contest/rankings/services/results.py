"""Computing a round's results once it has closed: the prediction's actual
value is fixed, every best attempt gets its prediction error, and the ranking
becomes final. Idempotent ("recompute") until the results are published.
"""
from sqlalchemy import distinct, func, select

from contest.audit.services import record
from contest.caching import results_changed
from contest.clock import now
from contest.contests.models import Round
from contest.errors import Conflict
from contest.extensions import db
from contest.quiz.models import SUBMITTED, Attempt
from contest.quiz.services.attempts import finish_overdue, grace
from contest.rankings.services.rebuild import rebuild_contest, rebuild_round


class RoundNotOver(Conflict):
    message = "Đợt thi chưa kết thúc, chưa thể tính kết quả chính thức."


class ResultsAlreadyPublished(Conflict):
    message = "Kết quả đợt thi đã được công bố, không thể tính lại."


def prediction_actual(round_: Round) -> int:
    """The value the prediction question asks for, counted over submitted attempts."""
    submitted = (Attempt.round_id == round_.id) & (Attempt.status == SUBMITTED)
    perfect = submitted & (Attempt.score == Attempt.total)
    counts = {
        "perfect_scorers": (func.count(distinct(Attempt.user_id)), perfect),
        "perfect_attempts": (func.count(), perfect),
        "attempts": (func.count(), submitted),
        "participants": (func.count(distinct(Attempt.user_id)), submitted),
    }
    aggregate, condition = counts[round_.prediction_kind]
    return db.session.scalar(select(aggregate).select_from(Attempt).where(condition))


def is_over(round_: Round) -> bool:
    """Closed, and past the grace in which a last answer may still arrive."""
    return now() > round_.closes_at + grace()


def compute_results(round_: Round, actor=None) -> Round:
    """Fix the prediction's actual value and make the ranking final."""
    if round_.results_published:
        raise ResultsAlreadyPublished()
    if not is_over(round_):
        raise RoundNotOver()
    finish_overdue(round_id=round_.id)
    before = round_.prediction_actual
    round_.prediction_actual = prediction_actual(round_)
    db.session.flush()
    rebuild_round(round_)
    rebuild_contest(round_.contest)
    round_.results_computed_at = now()
    record("results.compute", actor=actor, target=round_, prediction_kind=round_.prediction_kind,
           before=before, actual=round_.prediction_actual)
    results_changed()
    return round_


def compute_due_results() -> list[Round]:
    """Results of every round that is over and has none yet (for cron)."""
    due = db.session.scalars(select(Round).where(
        Round.results_computed_at.is_(None), Round.closes_at < now() - grace()))
    return [compute_results(round_) for round_ in list(due)]
