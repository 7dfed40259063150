"""Creating and editing a round's settings.

Once a round has an attempt, the settings that change what an attempt means
(questions per attempt, time limit, attempts allowed, topics and the mixes per
topic and per difficulty, the prediction question, one prediction per person or
per attempt) are locked; once it has
opened, its times change only through the lifecycle (close early, extend, with
a reason). A refused change changes nothing.
"""
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func, select

from contest.admin.rules import (
    group_topic_sets, groups_problem, mix_sum_problem, not_past_problem, overlap_problem,
    pool_problem, settings_spec, window_problem,
)
from contest.admin.services import lifecycle
from contest.admin.services.settings import apply_settings
from contest.audit.services import record
from contest.bank.queries.questions import topic_titles
from contest.caching import results_changed
from contest.changes import audit_values, changed
from contest.contests.models import PREDICTION_KINDS, Contest, Round
from contest.contests.rules.period import round_outside
from contest.contests.rules.scopes import topics_problem
from contest.errors import Conflict, DomainError
from contest.extensions import db
from contest.key_lists import keys_of
from contest.transactions import refused_as

ATTEMPT_FIELDS = ("questions_per_attempt", "time_limit_seconds", "max_attempts", "topics",
                  "topic_mix", "difficulty_mix", "prediction_kind", "prediction_question",
                  "prediction_per_attempt")
DRAW_FIELDS = ("questions_per_attempt", "topics", "topic_mix", "difficulty_mix")
TIME_FIELDS = ("opens_at", "closes_at")
ATTEMPT_LOCK_REASON = ("Đợt thi đã có lượt thi nên không thể thay đổi số câu hỏi mỗi lượt, "
                       "thời gian làm bài, số lượt thi, chủ đề, cơ cấu câu hỏi, câu hỏi "
                       "dự đoán và cách tính dự đoán (một dự đoán mỗi người hay mỗi lượt).")
DIFFICULTIES = {"1": "Dễ", "2": "Trung bình", "3": "Khó"}
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
    # Questions per topic key / per difficulty ("1", "2", "3"); None = no mix.
    topic_mix: dict[str, int] | None = None
    difficulty_mix: dict[str, int] | None = None
    # Each attempt its own prediction (each extra attempt another guess); False:
    # one prediction per person and round (``quiz.rules.prediction``).
    prediction_per_attempt: bool = False

    @classmethod
    def of(cls, round_: Round) -> "RoundSettings":
        values = {name: getattr(round_, name) for name in cls.__dataclass_fields__}
        return cls(**{**values, "topic_mix": clean_mix(round_.topic_mix),
                      "difficulty_mix": clean_mix(round_.difficulty_mix)})


class InvalidRound(DomainError):
    """Bad settings: one Vietnamese message per form field."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


class SettingsLocked(Conflict):
    message = ATTEMPT_LOCK_REASON


def join_topics(keys) -> str:
    return ",".join(sorted(set(keys)))


def clean_mix(mix: dict | None) -> dict[str, int] | None:
    """A mix as stored: string keys, the counts above zero; None when empty."""
    mix = {str(key): int(count) for key, count in (mix or {}).items() if count}
    return mix or None


def mix_summary(round_: Round) -> dict[str, str]:
    """The round's mixes as the console shows them ("Nghị quyết 76: 5 câu; …"), when set."""
    summary = {}
    topic_mix, difficulty_mix = clean_mix(round_.topic_mix), clean_mix(round_.difficulty_mix)
    if topic_mix:
        keys = sorted(topic_mix)
        summary["topic_mix"] = "; ".join(f"{title}: {topic_mix[key]} câu"
                                         for key, title in zip(keys, topic_titles(keys)))
    if difficulty_mix:
        summary["difficulty_mix"] = "; ".join(
            f"{label}: {difficulty_mix[level]} câu" for level, label in DIFFICULTIES.items()
            if level in difficulty_mix)
    return summary


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
    if touched(*DRAW_FIELDS):
        _draw_problems(problems, db.session.get(Contest, contest_id), settings)
    if touched("opens_at", "closes_at", "allow_overlap"):
        _put(problems, "closes_at", window_problem(settings.opens_at, settings.closes_at)
             or overlap_problem(round_, contest_id, settings.opens_at, settings.closes_at,
                                settings.allow_overlap))
    if touched("opens_at", "closes_at"):
        contest = db.session.get(Contest, contest_id)
        for name, problem in round_outside(contest.starts_at, contest.ends_at,
                                           settings.opens_at, settings.closes_at).items():
            _put(problems, name, problem)
    if touched("opens_at") and round_ is not None and lifecycle.status(round_) == "scheduled":
        _put(problems, "opens_at", not_past_problem(settings.opens_at))
    return problems


def _draw_problems(problems: dict[str, str], contest: Contest, settings: RoundSettings) -> None:
    """The topics lie in the contest's scopes, each mix adds up to the questions of
    an attempt, and the bank can fill one (for every prize group with its own
    topics too). A problem of the mixes is shown under the mix."""
    questions = settings.questions_per_attempt
    _put(problems, "topics", topics_problem(contest, keys_of(settings.topics)))
    if set(settings.difficulty_mix or ()) - set(DIFFICULTIES):
        _put(problems, "difficulty_mix", "Độ khó phải là Dễ, Trung bình hoặc Khó.")
    for name in ("topic_mix", "difficulty_mix"):
        _put(problems, name, mix_sum_problem(name, getattr(settings, name), questions))
    if problems.keys() & {"topics", "topic_mix", "difficulty_mix"}:
        return
    spec = settings_spec(contest, questions, settings.topics, settings.topic_mix,
                         settings.difficulty_mix)
    where = ("topic_mix" if settings.topic_mix else
             "difficulty_mix" if settings.difficulty_mix else "questions_per_attempt")
    _put(problems, where, pool_problem(spec) or groups_problem(spec, group_topic_sets(contest.id)))


def _put(problems: dict[str, str], name: str, problem: str | None) -> None:
    if problem and name not in problems:
        problems[name] = problem


def _number_taken(contest_id: int, round_: Round | None, number: int) -> bool:
    stmt = select(Round.id).where(Round.contest_id == contest_id, Round.number == number)
    if round_ is not None:
        stmt = stmt.where(Round.id != round_.id)
    return db.session.scalar(stmt) is not None


def _normalized(settings: RoundSettings) -> RoundSettings:
    """Mixes as stored; with a topic mix, the round's topics are the mix's."""
    settings.topic_mix = clean_mix(settings.topic_mix)
    settings.difficulty_mix = clean_mix(settings.difficulty_mix)
    if settings.topic_mix:
        settings.topics = join_topics(settings.topic_mix)
    return settings


def create_round(contest: Contest, settings: RoundSettings, actor) -> Round:
    """A new round, as a draft: invisible until the organizer schedules it."""
    settings = _normalized(settings)
    problems = _problems(contest.id, None, settings)
    if problems:
        raise InvalidRound(problems)
    with refused_as(_number_taken_meanwhile(settings.number)):
        round_ = Round(contest_id=contest.id, scheduled_at=None, **asdict(settings))
        db.session.add(round_)
    record("round.create", actor=actor, target=round_, **audit_values(asdict(settings)))
    results_changed()  # the public pages (the key rule reads no cache)
    return round_


def update_round(round_: Round, settings: RoundSettings, actor) -> Round:
    settings = _normalized(settings)
    before, after = asdict(RoundSettings.of(round_)), asdict(settings)
    diff = changed(before, after)
    locked = locked_fields(round_)
    refused = [name for name in diff if name in locked]
    if refused:
        raise SettingsLocked(locked[refused[0]])
    problems = _problems(round_.contest_id, round_, settings, names=diff)
    if problems:
        raise InvalidRound(problems)
    with refused_as(_number_taken_meanwhile(settings.number)):
        apply_settings(round_, before, after, "round.update", actor)
    return round_


def _number_taken_meanwhile(number: int):
    """Two organizers saving the same number at once: the unique constraint decides."""
    return lambda _refused: InvalidRound(
        {"number": f"Số thứ tự {number} đã được dùng cho một đợt khác."})

