"""The prediction (tie-break) of an attempt: whose it is, and when it must be given.

One prediction per person and round. In real contests 20–60% of attempts answer
everything right, so the prediction decides most prizes; if each attempt carried
its own, a person with three attempts would place three bets (50, 1, 9) and keep
the one that turned out closest. So, unless the organizer chose per-attempt
predictions for the round (``Round.prediction_per_attempt``), the prediction of
the person's first submitted attempt of the round that carried one is theirs
for the round: it is copied onto each later attempt when it starts and again
when it is finished. The rankings read the attempts, so they (and ``results
rebuild``) see that one value on every later attempt with no rule of their own.
Attempts follow one another (one in progress per person and round, backed by a
unique index), so "first submitted" is the lowest number; it is read in the
transaction that starts or finishes the attempt.

A prediction is asked, not lost: a submit by hand without one is refused (the
answers stay saved, the timer runs); only the deadline (the page's own timer,
or the overdue sweep) finishes an attempt without one.
"""
from datetime import datetime

from sqlalchemy import select

from contest import formatting
from contest.contests.models import Round
from contest.errors import DomainError
from contest.extensions import db
from contest.quiz.models import SUBMITTED, Attempt


class PredictionRequired(DomainError):
    message = ("Vui lòng trả lời câu hỏi dự đoán trước khi nộp bài. Bài thi chưa được nộp: "
               "các câu trả lời của bạn vẫn được giữ và thời gian làm bài vẫn tiếp tục.")


class PredictionFixed(DomainError):
    """A change to the prediction of a later attempt of the round (400)."""

    def __init__(self, fixed: int):
        super().__init__(
            f"Dự đoán của bạn cho đợt thi này là {formatting.number(fixed)}, đã ghi nhận ở "
            "lượt thi trước, và không thể thay đổi: mỗi người chỉ có một dự đoán cho mỗi đợt thi.")


def round_prediction(round_id: int, user_id: int, number: int) -> int | None:
    """The prediction a person gave for the round before their attempt ``number``
    (in their first submitted attempt that carried one); None when the round
    takes a prediction per attempt, or when none was given yet."""
    if number <= 1:
        return None  # a first attempt (most of them): no query on its start or page
    return db.session.scalar(
        select(Attempt.prediction)
        .join(Round, Round.id == Attempt.round_id)
        .where(Attempt.round_id == round_id, Attempt.user_id == user_id,
               Attempt.number < number, Attempt.status == SUBMITTED,
               Attempt.prediction.is_not(None), Round.prediction_per_attempt.is_(False))
        .order_by(Attempt.number).limit(1))


def fixed_for(attempt: Attempt) -> int | None:
    """The round's prediction that ``attempt`` must carry, if one is fixed already."""
    return round_prediction(attempt.round_id, attempt.user_id, attempt.number)


def ensure_changeable(attempt: Attempt, value: int) -> None:
    """A save of the prediction may not change the one fixed for the round."""
    fixed = fixed_for(attempt)
    if fixed is not None and value != fixed:
        raise PredictionFixed(fixed)


def carried(attempt: Attempt, given: int | None = None) -> int | None:
    """What the finished attempt carries: the round's fixed prediction, else the
    one sent with the submit, else the one saved during the attempt. A different
    value sent with the submit of a later attempt (its field is read-only) is not
    taken: the round's prediction is."""
    for value in (fixed_for(attempt), given, attempt.prediction):
        if value is not None:
            return value
    return None


def required(attempt: Attempt, at: datetime) -> bool:
    """Whether a submit at ``at`` must carry a prediction: one by hand, before the
    deadline, does; the page's own submit when the timer runs out (at or after the
    deadline) does not, since the time is up."""
    return at < attempt.deadline_at
