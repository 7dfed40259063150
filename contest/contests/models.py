from datetime import datetime, timedelta

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime

PREDICTION_KINDS = {
    "perfect_scorers": "Có bao nhiêu người trả lời đúng tất cả các câu hỏi của đợt thi?",
    "perfect_attempts": "Có bao nhiêu lượt thi trả lời đúng tất cả các câu hỏi của đợt thi?",
    "attempts": "Có bao nhiêu lượt thi trong đợt thi này?",
    "participants": "Có bao nhiêu người tham gia đợt thi này?",
}


class Contest(db.Model):
    __tablename__ = "contests"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    organizer_name: Mapped[str] = mapped_column(String(200))
    rules: Mapped[str] = mapped_column(Text)
    # Unit prizes: a unit below this participation rate (percent) is not eligible.
    unit_min_rate: Mapped[int | None]
    # Organizer, admin and unit-manager accounts take no individual prize.
    prizes_exclude_staff: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    rounds: Mapped[list["Round"]] = relationship(
        back_populates="contest", order_by="Round.number", cascade="all, delete-orphan"
    )


class Round(db.Model):
    __tablename__ = "rounds"
    __table_args__ = (
        UniqueConstraint("contest_id", "number"),
        CheckConstraint("closes_at > opens_at", name="window"),
        CheckConstraint("questions_per_attempt > 0", name="questions"),
        CheckConstraint("time_limit_seconds > 0", name="time_limit"),
        CheckConstraint("max_attempts > 0", name="max_attempts"),
        CheckConstraint(
            "prediction_kind IN ('perfect_scorers', 'perfect_attempts', 'attempts', 'participants')",
            name="prediction_kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    questions_per_attempt: Mapped[int] = mapped_column(default=20)
    time_limit_seconds: Mapped[int] = mapped_column(default=20 * 60)
    max_attempts: Mapped[int] = mapped_column(default=3)
    prediction_kind: Mapped[str] = mapped_column(String(20), default="perfect_scorers")
    prediction_question: Mapped[str] = mapped_column(
        String(500), default=PREDICTION_KINDS["perfect_scorers"]
    )
    # Fixed when the results are computed after the round closes.
    prediction_actual: Mapped[int | None]
    results_computed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    results_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    contest: Mapped[Contest] = relationship(back_populates="rounds")

    @property
    def time_limit(self) -> timedelta:
        return timedelta(seconds=self.time_limit_seconds)

    def status(self, at: datetime | None = None) -> str:
        """'upcoming', 'open' or 'closed' at ``at`` (default: now)."""
        at = at or now()
        if at < self.opens_at:
            return "upcoming"
        return "open" if at < self.closes_at else "closed"

    @property
    def results_final(self) -> bool:
        """The ranking counts the prediction: the round closed and results were computed."""
        return self.results_computed_at is not None

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None

    def is_open(self, at: datetime | None = None) -> bool:
        return self.status(at) == "open"
