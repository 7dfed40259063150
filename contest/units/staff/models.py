from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime


class UnitStaff(db.Model):
    """One person of a unit's uploaded staff list (replaced whole by the next upload)."""
    __tablename__ = "unit_staff"
    __table_args__ = (
        # One row per phone in a unit; people without a phone are told apart by name.
        Index("uq_unit_staff_unit_id_phone", "unit_id", "phone", unique=True,
              sqlite_where=text("phone IS NOT NULL"), postgresql_where=text("phone IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(100))
    name_folded: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(10))
    position: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
