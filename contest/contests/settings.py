"""Creating and editing a contest: its texts, window, branding and defaults."""
import re
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from contest.audit.services import record
from contest.contests.changes import audit_change, audit_values, changed
from contest.contests.models import PREDICTION_KINDS, REVIEW_AFTER, Contest
from contest.errors import DomainError, NotFound
from contest.extensions import db
from contest.text import fold

SLUG_LENGTH = 48


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
    contest = db.session.get(Contest, contest_id)
    if contest is None:
        raise NotFound("Không tìm thấy cuộc thi.")
    return contest


def _problems(settings: ContestSettings) -> dict[str, str]:
    problems = {}
    if not settings.name.strip():
        problems["name"] = "Vui lòng nhập tên cuộc thi."
    if not settings.organizer_name.strip():
        problems["organizer_name"] = "Vui lòng nhập tên cơ quan tổ chức."
    if settings.starts_at and settings.ends_at and settings.ends_at <= settings.starts_at:
        problems["ends_at"] = "Thời điểm kết thúc phải sau thời điểm bắt đầu."
    if settings.prediction_kind not in PREDICTION_KINDS:
        problems["prediction_kind"] = "Vui lòng chọn một giá trị trong danh sách."
    if settings.review_after not in REVIEW_AFTER:
        problems["review_after"] = "Vui lòng chọn một giá trị trong danh sách."
    if settings.unit_min_rate is not None and not 0 <= settings.unit_min_rate <= 100:
        problems["unit_min_rate"] = "Tỷ lệ tối thiểu phải từ 0 đến 100 (%)."
    return problems


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
    db.session.commit()
    return contest


def update_contest(contest: Contest, settings: ContestSettings, actor) -> Contest:
    problems = _problems(settings)
    if problems:
        raise InvalidContest(problems)
    before, after = asdict(ContestSettings.of(contest)), asdict(settings)
    diff = changed(before, after)
    for name, value in diff.items():
        setattr(contest, name, value)
    if diff:
        record("contest.update", actor=actor, target=contest, **audit_change(before, after))
    db.session.commit()
    return contest

