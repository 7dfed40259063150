from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime


class AuditLog(db.Model):
    __tablename__ = "audit_log"
    # A person's page lists the rows about them.
    __table_args__ = (Index("ix_audit_log_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str | None] = mapped_column(String(32))
    target_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict | None] = mapped_column(JSON)
    ip: Mapped[str | None] = mapped_column(String(64))


class AuditPersonalValue(db.Model):
    """A personal value an audit row mentions (an old phone, a corrected name, a
    reason typed about someone), kept here rather than in ``audit_log.details``:
    the row holds a reference (``contest.audit.personal``), so deleting a
    person's data deletes these rows and leaves the log itself untouched."""

    __tablename__ = "audit_personal_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
