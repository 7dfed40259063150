"""Creating and editing a contest: its texts, window, branding, defaults and the
scopes of the bank its rounds draw from.

Changing the scopes while rounds already have attempts is allowed: attempts
keep the questions they were given, and the edit page warns that only new
attempts draw from the new scopes. A change that would leave a round that has
not closed unable to fill an attempt is refused."""
import re
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from contest.admin.rules import scopes_change_problem
from contest.audit.services import record
from contest.caching import results_changed
from contest.changes import audit_change, audit_values, changed
from contest.contests.models import PREDICTION_KINDS, REVIEW_AFTER, Contest, Round
from contest.contests.rules.period import rounds_outside_problem
from contest.contests.rules.scopes import contest_scopes, scopes_problem
from contest.errors import DomainError
from contest.extensions import db
from contest.key_lists import keys_of
from contest.lookups import get_or_404
from contest.quiz.models import Attempt
from contest.text import fold

SLUG_LENGTH = 48
MAX_MIN_SCORE = 200  # an attempt has at most 200 questions
MIN_SCORE_RANGE = f"Điểm tối thiểu để xét giải phải từ 0 đến {MAX_MIN_SCORE} (câu đúng)."


@dataclass
class ContestSettings:
    name: str
    description: str
    rules: str
    starts_at: datetime | None
    ends_at: datetime | None
    organizer_name: str
    contact_line: str
    prediction_kind: str
    review_after: str
    unit_min_rate: int | None
    prizes_exclude_staff: bool
    one_prize_per_person: bool
    question_scopes: str  # "national,gia_lai": national first, then sorted
    prize_min_score: int = 0  # correct answers an attempt needs for a prize; 0: none

    @classmethod
    def of(cls, contest: Contest) -> "ContestSettings":
        return cls(**{name: getattr(contest, name) for name in cls.__dataclass_fields__})


class InvalidContest(DomainError):
    """Bad settings: one Vietnamese message per form field."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


def all_contests() -> list[Contest]:
    return list(db.session.scalars(
        select(Contest).options(selectinload(Contest.rounds))
        .order_by(Contest.created_at.desc(), Contest.id.desc())))


def get_contest(contest_id: int) -> Contest:
    return get_or_404(Contest, contest_id, "Không tìm thấy cuộc thi.")


def has_attempts(contest: Contest) -> bool:
    """Any attempt in any round of the contest."""
    return bool(db.session.scalar(select(exists().where(
        Attempt.round_id == Round.id, Round.contest_id == contest.id))))


def _problems(settings: ContestSettings, contest: Contest | None = None) -> dict[str, str]:
    """What is wrong with ``settings`` (for an edit, of ``contest``)."""
    problems = {}
    if not settings.name.strip():
        problems["name"] = "Vui lòng nhập tên cuộc thi."
    if not settings.organizer_name.strip():
        problems["organizer_name"] = "Vui lòng nhập tên cơ quan tổ chức."
    if settings.starts_at and settings.ends_at and settings.ends_at <= settings.starts_at:
        problems["ends_at"] = "Thời điểm kết thúc phải sau thời điểm bắt đầu."
    elif contest is not None:
        _put_period_problem(problems, contest, settings)
    if settings.prediction_kind not in PREDICTION_KINDS:
        problems["prediction_kind"] = "Vui lòng chọn một giá trị trong danh sách."
    if settings.review_after not in REVIEW_AFTER:
        problems["review_after"] = "Vui lòng chọn một giá trị trong danh sách."
    if settings.unit_min_rate is not None and not 0 <= settings.unit_min_rate <= 100:
        problems["unit_min_rate"] = "Tỷ lệ tối thiểu phải từ 0 đến 100 (%)."
    if not 0 <= settings.prize_min_score <= MAX_MIN_SCORE:
        problems["prize_min_score"] = MIN_SCORE_RANGE
    problem = _scopes_problem(settings.question_scopes, contest)
    if problem:
        problems["question_scopes"] = problem
    return problems


def _put_period_problem(problems: dict[str, str], contest: Contest,
                        settings: ContestSettings) -> None:
    """A new period must keep every round of the contest (drafts too) inside it;
    the message names the first round left out, under the side that moved."""
    if (settings.starts_at, settings.ends_at) == (contest.starts_at, contest.ends_at):
        return
    problem = rounds_outside_problem(contest.rounds, settings.starts_at, settings.ends_at)
    if problem:
        side, message = problem
        problems[side] = message


def _scopes_problem(scopes: str, contest: Contest | None) -> str | None:
    keep = contest_scopes(contest) if contest is not None else ()
    problem = scopes_problem(keys_of(scopes), keep)
    if problem is None and contest is not None and keys_of(scopes) != contest_scopes(contest):
        problem = scopes_change_problem(contest, keys_of(scopes))
    return problem


def _free_slug(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:SLUG_LENGTH] or "cuoc-thi"
    taken = set(db.session.scalars(select(Contest.slug).where(Contest.slug.like(f"{base}%"))))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def create_contest(settings: ContestSettings, actor) -> Contest:
    problems = _problems(settings)
    if problems:
        raise InvalidContest(problems)
    contest = Contest(slug=_free_slug(settings.name), **asdict(settings))
    db.session.add(contest)
    db.session.flush()
    record("contest.create", actor=actor, target=contest, slug=contest.slug,
           **audit_values(asdict(settings)))
    results_changed()
    return contest


def update_contest(contest: Contest, settings: ContestSettings, actor) -> Contest:
    problems = _problems(settings, contest)
    if problems:
        raise InvalidContest(problems)
    apply_settings(contest, asdict(ContestSettings.of(contest)), asdict(settings),
                   "contest.update", actor)
    return contest


def apply_settings(target, before: dict, after: dict, action: str, actor) -> dict:
    """Set the fields of ``after`` that differ from ``before`` on ``target``; if
    any did, write the audit row with both values and clear the public pages'
    caches on commit (the key rule, quiz.rules.keys, reads no cache). The diff."""
    diff = changed(before, after)
    for name, value in diff.items():
        setattr(target, name, value)
    if diff:
        record(action, actor=actor, target=target, **audit_change(before, after))
        results_changed()
    return diff

