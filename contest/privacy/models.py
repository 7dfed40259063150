"""What the privacy rules keep: each consent given (with its text version) and
each request to delete a person's data.

Consents are rows, not columns on ``users``: the text changes over the years and
each version a person agreed to is kept with its time, and a withdrawal stamps
the row it withdraws."""
from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.models import User
from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime


class DeletionRequest(db.Model):
    """One per account (the unique user_id makes a double submit harmless); carried
    out by an organizer or by ``flask privacy anonymise``."""

    __tablename__ = "deletion_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    reason: Mapped[str | None] = mapped_column(Text)
    carried_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    carried_out_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    carried_out_by: Mapped[User | None] = relationship(foreign_keys=[carried_out_by_id])

    @property
    def is_done(self) -> bool:
        return self.carried_out_at is not None
