from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.models import User
from contest.clock import now
from contest.contests.models import PRIZES
from contest.extensions import db
from contest.types import UTCDateTime


class WinnerReview(db.Model):
    """The organizer's decision on a provisional winner of a round: identity
    verified, or disqualified with a reason (the next in order moves up)."""

    __tablename__ = "winner_reviews"
    __table_args__ = (
        UniqueConstraint("round_id", "user_id"),
        CheckConstraint("decision IN ('verified', 'disqualified')", name="decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class Award(db.Model):
    """A published prize: a snapshot of the winner and their best attempt at the
    moment the organizer published the round's results."""

    __tablename__ = "awards"
    __table_args__ = (
        UniqueConstraint("round_id", "user_id"),  # one prize per person per round
        CheckConstraint("prize IN ('first', 'second', 'third', 'consolation')", name="prize"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    group_name: Mapped[str] = mapped_column(String(120))
    group_position: Mapped[int]
    prize: Mapped[str] = mapped_column(String(16))
    place: Mapped[int]  # order within the group's list
    rank: Mapped[int]   # place in the round's whole ranking
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"))
    full_name: Mapped[str] = mapped_column(String(100))
    unit_name: Mapped[str] = mapped_column(String(200))
    score: Mapped[int]
    total: Mapped[int]
    duration_ms: Mapped[int]
    prediction: Mapped[int | None]
    prediction_error: Mapped[int | None]

    user: Mapped[User] = relationship()

    @property
    def prize_label(self) -> str:
        return PRIZES[self.prize]
