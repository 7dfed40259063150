from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.models import AUDIENCES, User
from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime

# Prize kinds in award order, with what a reader sees.
PRIZES = {
    "first": "Giải Nhất",
    "second": "Giải Nhì",
    "third": "Giải Ba",
    "consolation": "Giải Khuyến khích",
}
DEFAULT_COUNTS = {"first": 1, "second": 2, "third": 3, "consolation": 5}


class PrizeGroup(db.Model):
    """A prize group (bảng) of a contest: the audience groups it ranks and how
    many prizes of each kind it gives per round."""

    __tablename__ = "prize_groups"
    __table_args__ = (
        UniqueConstraint("contest_id", "position"),
        CheckConstraint("first_prizes >= 0 AND second_prizes >= 0 AND third_prizes >= 0 "
                        "AND consolation_prizes >= 0", name="counts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(120))
    audiences: Mapped[str] = mapped_column(String(200))  # audience keys, comma-separated
    # Topic keys this group's people draw from (e.g. a citizens' question set);
    # empty: the round's topics.
    topics: Mapped[str] = mapped_column(String(500), default="", server_default="")
    first_prizes: Mapped[int] = mapped_column(default=DEFAULT_COUNTS["first"])
    second_prizes: Mapped[int] = mapped_column(default=DEFAULT_COUNTS["second"])
    third_prizes: Mapped[int] = mapped_column(default=DEFAULT_COUNTS["third"])
    consolation_prizes: Mapped[int] = mapped_column(default=DEFAULT_COUNTS["consolation"])

    @property
    def audience_keys(self) -> tuple[str, ...]:
        return tuple(key for key in self.audiences.split(",") if key in AUDIENCES)

    @property
    def counts(self) -> dict[str, int]:
        return {"first": self.first_prizes, "second": self.second_prizes,
                "third": self.third_prizes, "consolation": self.consolation_prizes}


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
