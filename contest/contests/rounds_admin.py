"""Creating and editing a round's settings.

Once a round has an attempt, the settings that change what an attempt means
(questions per attempt, time limit, attempts allowed, topics, the prediction
question) are locked; once it has opened, its times change only through the
lifecycle (close early, extend, with a reason). A refused change changes nothing.
"""
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from contest.audit.services import record
from contest.contests.changes import audit_change, audit_values, changed
from contest.bank.models import Topic
from contest.contests import lifecycle
from contest.contests.models import PREDICTION_KINDS, Contest, Round
from contest.contests.round_rules import (
    not_past_problem, overlap_problem, pool_problem, settings_spec, window_problem,
)
from contest.errors import Conflict, DomainError
from contest.extensions import db
from contest.quiz.draw import topic_keys

ATTEMPT_FIELDS = ("questions_per_attempt", "time_limit_seconds", "max_attempts", "topics",
                  "prediction_kind", "prediction_question")
TIME_FIELDS = ("opens_at", "closes_at")
ATTEMPT_LOCK_REASON = ("Đợt thi đã có lượt thi nên không thể thay đổi số câu hỏi mỗi lượt, "
                       "thời gian làm bài, số lượt thi, chủ đề và câu hỏi dự đoán.")
TIME_LOCK_REASON = ("Đợt thi đã mở nên không thể sửa giờ mở, giờ đóng ở đây: dùng "
                    "“Đóng sớm” hoặc “Gia hạn” trên trang đợt thi.")


@dataclass
class RoundSettings:
    name: str
    number: int
    opens_at: datetime
    closes_at: datetime
    questions_per_attempt: int
    time_limit_seconds: int
    max_attempts: int
    topics: str  # topic keys, comma-separated, sorted; "" = every topic
    prediction_kind: str
    prediction_question: str
    allow_overlap: bool

    @classmethod
    def of(cls, round_: Round) -> "RoundSettings":
        return cls(**{name: getattr(round_, name) for name in cls.__dataclass_fields__})


class InvalidRound(DomainError):
    """Bad settings: one Vietnamese message per form field."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


class SettingsLocked(Conflict):
    message = ATTEMPT_LOCK_REASON


def join_topics(keys) -> str:
    return ",".join(sorted(set(keys)))


def prediction_text(kind: str, question: str | None) -> str:
    """The question of the chosen kind, unless the organizer wrote their own."""
    question = (question or "").strip()
    if not question or question in PREDICTION_KINDS.values():
        return PREDICTION_KINDS.get(kind, "")
    return question


def next_number(contest: Contest) -> int:
    highest = db.session.scalar(select(func.max(Round.number)).where(Round.contest_id == contest.id))
    return (highest or 0) + 1


def locked_fields(round_: Round) -> dict[str, str]:
    """Field name -> why it cannot be changed now."""
    locked = {}
    if lifecycle.status(round_) in ("open", "closed", "published"):
        locked.update(dict.fromkeys(TIME_FIELDS, TIME_LOCK_REASON))
    if lifecycle.has_attempts(round_):
        locked.update(dict.fromkeys(ATTEMPT_FIELDS, ATTEMPT_LOCK_REASON))
    return locked


def _problems(contest_id: int, round_: Round | None, settings: RoundSettings,
              names=None) -> dict[str, str]:
    """What is wrong with ``settings``; on an edit only the rules that the changed
    ``names`` touch are checked again (a shrunken bank does not block renaming)."""
    def touched(*fields):
        return names is None or any(name in names for name in fields)

    problems = {}
    if not settings.name.strip():
        problems["name"] = "Vui lòng nhập tên đợt thi."
    if settings.prediction_kind not in PREDICTION_KINDS:
        problems["prediction_kind"] = "Vui lòng chọn một giá trị trong danh sách."
    if touched("number") and _number_taken(contest_id, round_, settings.number):
        problems["number"] = f"Số thứ tự {settings.number} đã được dùng cho một đợt khác."
    if touched("topics", "questions_per_attempt"):
        _put(problems, "topics", _topics_problem(settings.topics))
        if "topics" not in problems:
            _put(problems, "questions_per_attempt", pool_problem(settings_spec(
                db.session.get(Contest, contest_id), settings.questions_per_attempt,
                settings.topics)))
    if touched("opens_at", "closes_at", "allow_overlap"):
        _put(problems, "closes_at", window_problem(settings.opens_at, settings.closes_at)
             or overlap_problem(round_, contest_id, settings.opens_at, settings.closes_at,
                                settings.allow_overlap))
    if touched("opens_at") and round_ is not None and lifecycle.status(round_) == "scheduled":
        _put(problems, "opens_at", not_past_problem(settings.opens_at))
    return problems


def _topics_problem(topics: str) -> str | None:
    unknown = set(topic_keys(topics)) - set(db.session.scalars(select(Topic.key)))
    if unknown:
        return "Chủ đề không tồn tại: " + ", ".join(sorted(unknown)) + "."
    return None


def _put(problems: dict[str, str], name: str, problem: str | None) -> None:
    if problem and name not in problems:
        problems[name] = problem


def _number_taken(contest_id: int, round_: Round | None, number: int) -> bool:
    stmt = select(Round.id).where(Round.contest_id == contest_id, Round.number == number)
    if round_ is not None:
        stmt = stmt.where(Round.id != round_.id)
    return db.session.scalar(stmt) is not None


def create_round(contest: Contest, settings: RoundSettings, actor) -> Round:
    """A new round, as a draft: invisible until the organizer schedules it."""
    problems = _problems(contest.id, None, settings)
    if problems:
        raise InvalidRound(problems)
    round_ = Round(contest_id=contest.id, scheduled_at=None, **asdict(settings))
    db.session.add(round_)
    _flush_or_number_taken(settings.number)
    record("round.create", actor=actor, target=round_, **audit_values(asdict(settings)))
    db.session.commit()
    return round_


def update_round(round_: Round, settings: RoundSettings, actor) -> Round:
    before, after = asdict(RoundSettings.of(round_)), asdict(settings)
    diff = changed(before, after)
    locked = locked_fields(round_)
    refused = [name for name in diff if name in locked]
    if refused:
        raise SettingsLocked(locked[refused[0]])
    problems = _problems(round_.contest_id, round_, settings, names=diff)
    if problems:
        raise InvalidRound(problems)
    for name, value in diff.items():
        setattr(round_, name, value)
    _flush_or_number_taken(settings.number)
    if diff:
        record("round.update", actor=actor, target=round_, **audit_change(before, after))
    db.session.commit()
    return round_


def _flush_or_number_taken(number: int) -> None:
    """Two organizers saving the same number at once: the unique constraint decides."""
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise InvalidRound({"number": f"Số thứ tự {number} đã được dùng cho một đợt khác."})

