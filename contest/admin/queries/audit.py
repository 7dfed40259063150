"""Searching the audit log (read-only): by person, kind of action and local dates.

Newest first, through the ``at`` index; the person filter is a sub-select of
user ids, so a common name never becomes a long list of ids in Python.
"""
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select

from contest import formatting
from contest.accounts.models import STAFF_ROLES, User
from contest.admin.queries import audit_labels as labels
from contest.admin.queries.audit_values import Lookups
from contest.audit import personal
from contest.audit.models import AuditLog
from contest.clock import day_start
from contest.extensions import cache, db
from contest.ids import id_of
from contest.parsing import YEARS, parse_day
from contest.text import fold

PER_PAGE = 50
ACTIONS_CACHE_SECONDS = 60
MAX_QUERY = 100
_ACTION = re.compile(r"^[a-z_]+(\.\*|(\.[a-z_]+)+)?$")
_PHONE_LIKE = re.compile(r"^[\d\s.+-]+$")


@dataclass(frozen=True)
class AuditFilter:
    person: str = ""
    action: str = ""        # an action ("unit.update") or an area ("unit.*")
    date_from: date | None = None
    date_to: date | None = None
    about: int | None = None  # a user the entry is about (target)

    @classmethod
    def from_args(cls, args) -> tuple["AuditFilter", list[str]]:
        """The filter asked for and, when some of it is not understood, why."""
        problems: list[str] = []
        action = args.get("action", "").strip()
        if action and not _ACTION.match(action):
            problems.append("Loại thao tác không hợp lệ.")
        date_from = _date(args.get("from", ""), "Từ ngày", problems)
        date_to = _date(args.get("to", ""), "Đến ngày", problems)
        if date_from and date_to and date_from > date_to:
            problems.append("“Từ ngày” phải trước hoặc bằng “Đến ngày”.")
        about = args.get("about", "").strip()
        about_id = id_of(about)
        if about and about_id is None:
            problems.append("Mã tài khoản không hợp lệ.")
        return cls(person=args.get("q", "").strip()[:MAX_QUERY], action=action,
                   date_from=date_from, date_to=date_to, about=about_id), problems

    def as_args(self) -> dict:
        """The filter as query arguments (links to other pages and to the export)."""
        args = {"q": self.person, "action": self.action,
                "from": formatting.day(self.date_from), "to": formatting.day(self.date_to),
                "about": str(self.about) if self.about is not None else ""}
        return {name: value for name, value in args.items() if value}


def _date(text: str, label: str, problems: list[str]) -> date | None:
    """A day of the filter, in the app's years: year 1 or 9999 would overflow when
    turned into UTC or moved to the next day (``contest.parsing``)."""
    text = (text or "").strip()
    if not text:
        return None
    day = parse_day(text)
    if day is None:
        problems.append(f"{label} phải có dạng ngày/tháng/năm, ví dụ 20/11/2026, "
                        f"năm từ {YEARS.start} đến {YEARS.stop - 1}.")
    return day


def filtered(filters: AuditFilter, *columns):
    """The entries the filter keeps, newest first (whole rows, or ``columns``)."""
    stmt = select(*columns) if columns else select(AuditLog)
    stmt = stmt.order_by(AuditLog.at.desc(), AuditLog.id.desc())
    if filters.person:
        stmt = stmt.where(_by_person(filters.person))
    if filters.action.endswith(".*"):
        stmt = stmt.where(AuditLog.action.startswith(filters.action[:-1], autoescape=True))
    elif filters.action:
        stmt = stmt.where(AuditLog.action == filters.action)
    if filters.date_from:
        stmt = stmt.where(AuditLog.at >= day_start(filters.date_from))
    if filters.date_to:
        stmt = stmt.where(AuditLog.at < day_start(filters.date_to + timedelta(days=1)))
    if filters.about is not None:
        stmt = stmt.where(and_(AuditLog.target_type == "User",
                               AuditLog.target_id == str(filters.about)))
    return stmt


def _by_person(text: str):
    """Entries by a person found by phone (digits) or by name. A name matches as
    typed (case-insensitive) for everyone, and without diacritics for staff
    accounts, the few people who act in the console."""
    if _PHONE_LIKE.match(text):
        digits = re.sub(r"\D", "", text)
        return AuditLog.actor_id.in_(select(User.id).where(User.phone.contains(digits, autoescape=True)))
    by_name = select(User.id).where(User.full_name.icontains(text, autoescape=True))
    return or_(AuditLog.actor_id.in_(by_name), AuditLog.actor_id.in_(_staff_named(text)))


def _staff_named(text: str) -> list[int]:
    words = fold(text).split()
    staff = db.session.execute(select(User.id, User.full_name).where(User.role.in_(STAFF_ROLES)))
    return [user_id for user_id, name in staff if all(word in fold(name) for word in words)]


def page_of_entries(filters: AuditFilter, page: int):
    return db.paginate(filtered(filters), page=page, per_page=PER_PAGE, error_out=False)


@dataclass(frozen=True)
class ActionChoice:
    value: str
    label: str


@dataclass(frozen=True)
class ActionGroup:
    label: str
    choices: list[ActionChoice]


def action_choices() -> list[ActionGroup]:
    """For the select: per area present, "all of the area" ("unit.*") then each action."""
    actions = cache.get("audit-actions")
    if actions is None:
        actions = list(db.session.scalars(
            select(AuditLog.action).group_by(AuditLog.action).order_by(AuditLog.action)))
        cache.set("audit-actions", actions, timeout=ACTIONS_CACHE_SECONDS)
    groups: dict[str, list[ActionChoice]] = {}
    for action in actions:
        area = action.split(".", 1)[0]
        groups.setdefault(area, [ActionChoice(f"{area}.*", "Tất cả thao tác nhóm này")])
        groups[area].append(ActionChoice(action, labels.action_label(action)))
    return [ActionGroup(labels.prefix_label(area), choices) for area, choices in groups.items()]


@dataclass(frozen=True)
class EntryView:
    at: datetime
    actor_id: int | None
    actor: str
    action: str
    action_label: str
    target: str
    about_user: int | None  # the target, when it is a user (a link to their entries)
    details: list[labels.DetailLine] = field(default_factory=list)
    ip: str | None = None


ENTRY_COLUMNS = (AuditLog.at, AuditLog.actor_id, AuditLog.action, AuditLog.target_type,
                 AuditLog.target_id, AuditLog.details, AuditLog.ip)


def describe(entries) -> list[EntryView]:
    """Entries (rows or ``AuditLog`` objects) as a reader sees them; the names
    of the people involved read in one query."""
    entries = list(entries)
    resolved = personal.resolved([e.details for e in entries])
    lookups = Lookups.for_details(
        resolved, {e.actor_id for e in entries if e.actor_id is not None}
        | {_target_user(e) for e in entries if _target_user(e) is not None})
    names = lookups.users
    return [EntryView(
        at=e.at, actor_id=e.actor_id,
        actor=names.get(e.actor_id, f"#{e.actor_id}") if e.actor_id is not None else labels.SYSTEM,
        action=e.action, action_label=labels.action_label(e.action),
        target=labels.target_label(e.target_type, e.target_id, names.get(_target_user(e))),
        about_user=_target_user(e), details=labels.detail_lines(details, lookups, e.action),
        ip=e.ip,
    ) for e, details in zip(entries, resolved)]


def person_name(user_id: int | None) -> str | None:
    """The name of the person the log is filtered on ("about"), when there is one."""
    if user_id is None:
        return None
    return db.session.scalar(select(User.full_name).where(User.id == user_id))


def _target_user(entry) -> int | None:
    return id_of(entry.target_id) if entry.target_type == "User" else None
