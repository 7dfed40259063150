from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.models import User
from contest.bank.models import Question
from contest.contests.models import Round
from contest.extensions import db
from contest.quiz.rules.plausibility import speed_text
from contest.types import UTCDateTime, new_public_id

IN_PROGRESS = "in_progress"
SUBMITTED = "submitted"


class Attempt(db.Model):
    """One timed attempt (lượt thi) of a person in a round."""

    __tablename__ = "attempts"
    __table_args__ = (
        UniqueConstraint("user_id", "round_id", "number"),
        CheckConstraint("status IN ('in_progress', 'submitted')", name="status"),
        CheckConstraint("number > 0", name="number"),
        CheckConstraint("prediction IS NULL OR prediction >= 0", name="prediction"),
        # At most one attempt in progress per person and round, even under a race.
        Index(
            "uq_attempts_one_in_progress", "user_id", "round_id", unique=True,
            sqlite_where=text("status = 'in_progress'"),
            postgresql_where=text("status = 'in_progress'"),
        ),
        Index("ix_attempts_round_status", "round_id", "status"),
        Index("ix_attempts_status_deadline", "status", "deadline_at"),
        Index("ix_attempts_round_submitted", "round_id", "submitted_at"),
        Index("ix_attempts_round_digest", "round_id", "answers_digest"),
        Index("ix_attempts_round_ip", "round_id", "started_ip"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=new_public_id)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default=IN_PROGRESS)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_by: Mapped[str | None] = mapped_column(String(16))  # contestant | timeout
    score: Mapped[int | None]
    total: Mapped[int]
    duration_ms: Mapped[int | None]
    prediction: Mapped[int | None]
    # For the organizer's checks of a winner: where the attempt was started from,
    # and a fingerprint of the answers given (same questions, same choices).
    started_ip: Mapped[str | None] = mapped_column(String(64))
    answers_digest: Mapped[str | None] = mapped_column(String(32))
    # Submitted faster than MIN_SECONDS_PER_QUESTION a question (quiz.rules.plausibility):
    # kept and ranked, shown to the organizer who verifies the winners.
    flagged_fast: Mapped[bool] = mapped_column(default=False, server_default=false())

    user: Mapped[User] = relationship()
    round: Mapped[Round] = relationship()
    items: Mapped[list["AttemptItem"]] = relationship(
        back_populates="attempt", order_by="AttemptItem.position", cascade="all, delete-orphan"
    )

    @property
    def is_submitted(self) -> bool:
        return self.status == SUBMITTED

    @property
    def fast_flag(self) -> str | None:
        """What the organizer reads about a flagged attempt, else None."""
        if not self.flagged_fast:
            return None
        return "Nộp quá nhanh: " + speed_text(self.total, self.duration_ms or 0)


class AttemptItem(db.Model):
    """A question drawn for an attempt: its place, the order its options were shown
    in, and the option the contestant chose."""

    __tablename__ = "attempt_items"
    __table_args__ = (
        UniqueConstraint("attempt_id", "position"),
        UniqueConstraint("attempt_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"))
    position: Mapped[int]
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    option_order: Mapped[str] = mapped_column(String(200))  # option ids, comma-separated
    chosen_option_id: Mapped[int | None] = mapped_column(ForeignKey("question_options.id"))
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_correct: Mapped[bool | None]

    attempt: Mapped[Attempt] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()

    @property
    def option_ids(self) -> list[int]:
        return [int(part) for part in self.option_order.split(",")]

    def shown_options(self):
        """The question's options in the order this attempt showed them."""
        by_id = {option.id: option for option in self.question.options}
        return [by_id[option_id] for option_id in self.option_ids]

    @property
    def chosen_index(self) -> int | None:
        if self.chosen_option_id is None:
            return None
        return self.option_ids.index(self.chosen_option_id)
