from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.hashing import hash_password, verify_password
from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime
from contest.units.models import Unit

ROLES = ("contestant", "unit_manager", "organizer", "admin")
ROLE_LABELS = {
    "contestant": "Người dự thi",
    "unit_manager": "Lãnh đạo đơn vị",
    "organizer": "Ban Tổ chức",
    "admin": "Quản trị",
}
GENDERS = {"nam": "Nam", "nu": "Nữ", "khac": "Khác"}
AUDIENCES = {
    "cbccvc": "Cán bộ, công chức, viên chức",
    "citizen": "Người dân",
    "student": "Học sinh, sinh viên",
    "business": "Doanh nghiệp",
    "armed_forces": "Lực lượng vũ trang",
    "other": "Khác",
}


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
    date_of_birth: Mapped[date]
    gender: Mapped[str] = mapped_column(String(8))
    phone: Mapped[str] = mapped_column(String(10), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    cccd: Mapped[str | None] = mapped_column(String(12), unique=True)
    audience: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16), default="contestant")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # A locked account cannot log in (set by an organizer, with a reason in the audit log).
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Extra time an organizer gave this person (WCAG 2.2.1): their attempts last
    # this percent of a round's time limit; NULL: the limit itself (accounts.extra_time).
    time_limit_percent: Mapped[int | None]

    unit: Mapped[Unit] = relationship(lazy="joined")

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return verify_password(self.password_hash, password)

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_organizer(self) -> bool:
        return self.role in ("organizer", "admin")
