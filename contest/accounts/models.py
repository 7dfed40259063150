from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import (
    JSON, CheckConstraint, ForeignKey, Index, LargeBinary, String, UniqueConstraint, event, false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.rules.hashing import hash_password, verify_password
from contest.audiences import AUDIENCES
from contest.clock import now
from contest.extensions import db
from contest.text import fold
from contest.types import UTCDateTime, new_public_id
from contest.units.models import Unit

ROLES = ("contestant", "unit_manager", "organizer", "admin")
# The two groupings of roles, named once. Organizer roles have the console's full
# rights, so only an admin grants them or touches such an account
# (``accounts.rules.permissions``); staff roles are every account that acts in a console
# rather than competes: staff are found by name in the audit log and may be passed
# over for prizes (``prizes_exclude_staff``).
ORGANIZER_ROLES = ("organizer", "admin")
STAFF_ROLES = ("unit_manager", *ORGANIZER_ROLES)
ROLE_LABELS = {
    "contestant": "Người dự thi",
    "unit_manager": "Lãnh đạo đơn vị",
    "organizer": "Ban Tổ chức",
    "admin": "Quản trị",
}
GENDERS = {"nam": "Nam", "nu": "Nữ", "khac": "Khác"}


def _in_list(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(_in_list("role", ROLES), name="role"),
        CheckConstraint(_in_list("gender", GENDERS), name="gender"),
        CheckConstraint(_in_list("audience", AUDIENCES), name="audience"),
        # A unit's people by name (the unit manager's lists).
        Index("ix_users_unit_name", "unit_id", "full_name"),
        CheckConstraint("time_limit_percent IS NULL OR time_limit_percent BETWEEN 101 AND 300",
                        name="time_limit_percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(100))
    # The name folded (no diacritics, lower case) for the organizers' search, kept
    # by ``_fold_name`` on every insert and update made through the ORM.
    name_folded: Mapped[str] = mapped_column(String(100), default="", server_default="")
    date_of_birth: Mapped[date]
    gender: Mapped[str] = mapped_column(String(8))
    phone: Mapped[str] = mapped_column(String(10), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    # The CCCD is never kept readable: its keyed hash (one account per CCCD) and its
    # last four digits (contest.accounts.rules.cccd).
    cccd_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    cccd_last4: Mapped[str | None] = mapped_column(String(4))
    audience: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    # The unit a unit manager manages: set by the organizer when granting the role,
    # cleared when it is taken away; never the editable ``unit_id`` (contest.access).
    managed_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16), default="contestant", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # A locked account cannot log in (set by an organizer, with a reason in the audit log).
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Extra time an organizer gave this person (WCAG 2.2.1): their attempts last
    # this percent of a round's time limit; NULL: the limit itself (accounts.services.accounts.extra_time).
    time_limit_percent: Mapped[int | None]
    # Part of every session and remember cookie (``get_id``): raised to end them all
    # (logout, a new password, a lock).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Set when the personal fields were replaced (contest.privacy.services.anonymise).
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The password was given by an organizer (bulk creation, a reset): the person sets
    # their own before anything else (contest.accounts.rules.first_login); cleared then.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())

    unit: Mapped[Unit] = relationship(lazy="joined", foreign_keys=[unit_id])
    managed_unit: Mapped[Unit | None] = relationship(foreign_keys=[managed_unit_id])

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember cookie: "<id>.<version>"."""
        return f"{self.id}.{self.session_version}"

    def end_sessions(self) -> None:
        """Every session and remember cookie made so far stops working (in the UPDATE
        itself, so two at once still both count)."""
        self.session_version = User.session_version + 1

    def check_password(self, password: str) -> bool:
        return verify_password(self.password_hash, password)

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_organizer(self) -> bool:
        return self.role in ORGANIZER_ROLES

    @property
    def is_staff(self) -> bool:
        """A unit manager, organizer or admin: may open the manager pages."""
        return self.role in STAFF_ROLES



@event.listens_for(User, "before_insert")
@event.listens_for(User, "before_update")
def _fold_name(_mapper, _connection, user: User) -> None:
    """Registration, imports, corrections and erasure all change ``full_name``
    through the ORM: the folded copy follows it in the same statement."""
    user.name_folded = fold(user.full_name or "")

class Consent(db.Model):
    __tablename__ = "consents"
    __table_args__ = (UniqueConstraint("user_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    version: Mapped[str] = mapped_column(String(16))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class BulkCreation(db.Model):
    """One upload that created accounts (contest.accounts.services.bulk_results): how
    many were created, already there or refused, and, until ``expires_at``, the
    refused rows and the workbook of initial passwords, which only ``created_by``
    may download again. Both are then cleared; the counts stay."""

    __tablename__ = "bulk_creations"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=new_public_id)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    filename: Mapped[str] = mapped_column(String(255))
    created_count: Mapped[int]
    existing_count: Mapped[int]
    refused_count: Mapped[int]
    refused: Mapped[list | None] = mapped_column(JSON)  # [{"row", "column", "message"}, ...]
    workbook: Mapped[bytes | None] = mapped_column(LargeBinary)

    @property
    def kept(self) -> bool:
        """The workbook is still there and its time has not passed."""
        return self.workbook is not None and now() < self.expires_at
