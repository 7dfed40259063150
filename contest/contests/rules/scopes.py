"""What a contest may draw from: the scopes of the bank (the national core and
the provinces whose plans it tests) and the topics inside them, with how many
questions each holds, for the organizer's forms."""
from dataclasses import dataclass

from sqlalchemy import and_, func, select

from contest.bank.models import Question, Topic
from contest.extensions import db
from contest.key_lists import keys_of

NATIONAL = "national"
SCOPE_NAMES = {
    NATIONAL: "Toàn quốc",
    "gia_lai": "Tỉnh Gia Lai",
    "lao_cai": "Tỉnh Lào Cai",
    "tuyen_quang": "Tỉnh Tuyên Quang",
    "cao_bang": "Tỉnh Cao Bằng",
}


@dataclass(frozen=True)
class TopicCount:
    key: str
    title: str
    scope: str
    questions: int  # active current questions


def scope_label(key: str) -> str:
    return SCOPE_NAMES.get(key, key)


def join_scopes(keys) -> str:
    """Scopes as stored: "national" first, then the provinces in order."""
    unique = set(keys)
    return ",".join(([NATIONAL] if NATIONAL in unique else []) + sorted(unique - {NATIONAL}))


def contest_scopes(contest) -> tuple[str, ...]:
    return keys_of(contest.question_scopes) or (NATIONAL,)


def _active_questions():
    """The join condition of a topic's questions that a draw may use."""
    return and_(Question.topic_id == Topic.id, Question.scope == Topic.scope,
                Question.active.is_(True), Question.is_current.is_(True))


def bank_scopes() -> dict[str, tuple[int, int]]:
    """Every scope of the bank -> (topics, active current questions)."""
    rows = db.session.execute(
        select(Topic.scope, func.count(func.distinct(Topic.id)), func.count(Question.id))
        .outerjoin(Question, _active_questions()).group_by(Topic.scope))
    return {scope: (topics, questions) for scope, topics, questions in rows}


def bank_has_questions() -> bool:
    """Any active current question in any scope (the contest form says to load the
    bank first while there is none)."""
    return any(questions for _, questions in bank_scopes().values())


def scope_choices(keep=()) -> list[tuple[str, str]]:
    """(key, label) of the scopes an organizer may tick: every scope the bank
    knows (``SCOPE_NAMES``: the national core and the provinces, each said to have
    no question yet until the bank is loaded), any other the bank holds, and
    ``keep`` (a contest's current scopes)."""
    counts = bank_scopes()
    keys = join_scopes([*SCOPE_NAMES, *counts, *keep]).split(",")
    return [(key, _scope_choice_label(key, counts.get(key))) for key in keys]


def _scope_choice_label(key: str, counts: tuple[int, int] | None) -> str:
    if not counts:
        return f"{scope_label(key)} (chưa có câu hỏi trong ngân hàng)"
    topics, questions = counts
    return f"{scope_label(key)} ({topics} chủ đề, {questions} câu hỏi đang dùng)"


def scopes_problem(keys, keep=()) -> str | None:
    """At least one scope, each one the form offers."""
    if not keys:
        return "Vui lòng chọn ít nhất một phạm vi câu hỏi."
    known = {key for key, _ in scope_choices(keep)}
    unknown = [key for key in keys if key not in known]
    if unknown:
        return "Phạm vi câu hỏi không tồn tại: " + ", ".join(sorted(unknown)) + "."
    return None


def topics_in_scopes(scopes) -> list[TopicCount]:
    """The topics of these scopes, by key, each with its active current questions."""
    rows = db.session.execute(
        select(Topic.key, Topic.title, Topic.scope, func.count(Question.id))
        .outerjoin(Question, _active_questions()).where(Topic.scope.in_(tuple(scopes)))
        .group_by(Topic.id, Topic.key, Topic.title, Topic.scope).order_by(Topic.key))
    return [TopicCount(*row) for row in rows]


def topic_choices(contest, keep=()) -> list[tuple[str, str]]:
    """(key, label) of the topics a round or a prize group of the contest may
    draw from; ``keep`` (what is stored now) stays listed even when it is no
    longer in the contest's scopes, so that it can be unticked."""
    choices = [(topic.key, f"{topic.title} ({topic.key}) — {topic.questions} câu hỏi")
               for topic in topics_in_scopes(contest_scopes(contest))]
    listed = {key for key, _ in choices}
    choices += [(key, f"{key} — không thuộc phạm vi câu hỏi của cuộc thi")
                for key in sorted(set(keep) - listed)]
    return choices


def topics_problem(contest, keys) -> str | None:
    """Every topic exists and lies in the contest's scopes."""
    keys = set(keys)
    if not keys:
        return None
    scopes = dict(db.session.execute(select(Topic.key, Topic.scope).where(Topic.key.in_(keys))).all())
    unknown = sorted(keys - set(scopes))
    if unknown:
        return "Chủ đề không tồn tại: " + ", ".join(unknown) + "."
    outside = sorted(key for key, scope in scopes.items() if scope not in contest_scopes(contest))
    if outside:
        return ("Chủ đề không thuộc phạm vi câu hỏi của cuộc thi: " + ", ".join(outside)
                + ". Chọn chủ đề khác hoặc thêm phạm vi trong cài đặt cuộc thi.")
    return None
