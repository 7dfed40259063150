"""Reading accounts for the organizer console: search (a page at a time, the
users table may hold hundreds of thousands of rows) and the audit rows about
a person (their attempts are the quiz's: ``quiz.queries.attempts.attempts_of``)."""
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from contest.accounts.models import ROLES, User
from contest.accounts.rules.phone import normalize_phone
from contest.audit import personal
from contest.audit.models import AuditLog
from contest.extensions import db
from contest.ids import id_arg
from contest.text import fold
from contest.units.models import Unit

PER_PAGE = 50
HISTORY_LIMIT = 100
_NON_DIGITS = re.compile(r"\D")


@dataclass(frozen=True)
class AccountFilter:
    name: str = ""
    phone: str = ""
    unit_id: int | None = None
    role: str = ""
    locked: bool = False

    @classmethod
    def from_args(cls, args) -> "AccountFilter":
        phone = normalize_phone(args.get("sdt", "")[:20])
        return cls(
            name=unicodedata.normalize("NFC", args.get("q", "")[:100]).strip(),
            phone=_NON_DIGITS.sub("", phone),
            unit_id=args.get("don-vi", type=id_arg),
            role=args.get("vai-tro", "") if args.get("vai-tro") in ROLES else "",
            locked=args.get("khoa") == "1",
        )


def _name_matches(word: str):
    """Part of the name, whatever the case and diacritics ("binh" finds "Bình")."""
    return User.name_folded.contains(fold(word), autoescape=True)


def filtered_accounts(filters: AccountFilter):
    stmt = select(User).order_by(User.id.desc())
    for word in filters.name.split():
        stmt = stmt.where(_name_matches(word))
    if len(filters.phone) == 10:  # a whole number: the unique index finds it
        stmt = stmt.where(User.phone == filters.phone)
    elif filters.phone:
        stmt = stmt.where(User.phone.startswith(filters.phone, autoescape=True))
    if filters.unit_id:
        stmt = stmt.where(User.unit_id == filters.unit_id)
    if filters.role:
        stmt = stmt.where(User.role == filters.role)
    if filters.locked:
        stmt = stmt.where(User.locked_at.is_not(None))
    return stmt


def page_of_accounts(filters: AccountFilter, page: int):
    return db.paginate(filtered_accounts(filters), page=page, per_page=PER_PAGE,
                       error_out=False, max_per_page=PER_PAGE)


def audit_about(user: User) -> list[tuple[AuditLog, str | None, dict | None]]:
    """The latest audit rows whose target is ``user``, with the actor's name and
    the details as they read now (personal values, or "(đã xóa)" once erased)."""
    stmt = (select(AuditLog, User.full_name).outerjoin(User, User.id == AuditLog.actor_id)
            .where(AuditLog.target_type == "User", AuditLog.target_id == str(user.id))
            .order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(HISTORY_LIMIT))
    rows = list(db.session.execute(stmt))
    details = personal.resolved([entry.details for entry, _ in rows])
    return [(entry, actor, entry_details) for (entry, actor), entry_details in zip(rows, details)]


def units_for_select(include_inactive: bool = True) -> list[Unit]:
    stmt = select(Unit).order_by(Unit.kind, Unit.name)
    if not include_inactive:
        stmt = stmt.where(Unit.active.is_(True))
    return list(db.session.scalars(stmt))


def account_counts(unit_ids: list[int] | None = None) -> dict[int, int]:
    """Accounts registered under each unit (all of them, or those of ``unit_ids``),
    in one grouped query."""
    stmt = select(User.unit_id, func.count(User.id)).group_by(User.unit_id)
    if unit_ids is not None:
        if not unit_ids:
            return {}
        stmt = stmt.where(User.unit_id.in_(unit_ids))
    return dict(db.session.execute(stmt).all())
