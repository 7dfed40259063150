from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime


class LoggedError(db.Model):
    """An error the app logged (level ERROR and above), kept for the organizer's
    live dashboard; written on its own connection, never in a request's transaction."""

    __tablename__ = "logged_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    level: Mapped[str] = mapped_column(String(16))
    logger: Mapped[str] = mapped_column(String(120))
    message: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(String(300))
