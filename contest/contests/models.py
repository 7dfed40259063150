from datetime import datetime, timedelta

from sqlalchemy import (
    JSON, CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint, false, true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.audiences import AUDIENCES
from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime

PREDICTION_KINDS = {
    "perfect_scorers": "Có bao nhiêu người trả lời đúng tất cả các câu hỏi của đợt thi?",
    "perfect_attempts": "Có bao nhiêu lượt thi trả lời đúng tất cả các câu hỏi của đợt thi?",
    "attempts": "Có bao nhiêu lượt thi trong đợt thi này?",
    "participants": "Có bao nhiêu người tham gia đợt thi này?",
}


# When correct answers and explanations of an attempt become visible.
REVIEW_AFTER = {
    "contest": "Sau khi toàn bộ cuộc thi kết thúc",
    "round": "Sau khi từng đợt thi kết thúc",
}


class Contest(db.Model):
    __tablename__ = "contests"
    __table_args__ = (
        CheckConstraint("review_after IN ('contest', 'round')", name="review_after"),
        CheckConstraint(
            "prediction_kind IN ('perfect_scorers', 'perfect_attempts', 'attempts', 'participants')",
            name="prediction_kind",
        ),
        CheckConstraint("ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at",
                        name="window"),
        CheckConstraint("prize_min_score >= 0", name="prize_min_score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    # Branding shown on every public page: the issuing body, its logo, a contact line.
    organizer_name: Mapped[str] = mapped_column(String(200))
    contact_line: Mapped[str] = mapped_column(String(300), default="", server_default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    logo_type: Mapped[str | None] = mapped_column(String(32))  # image/png, image/jpeg
    logo_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    rules: Mapped[str] = mapped_column(Text)  # Markdown, shown sanitised
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The prediction target new rounds start with (each round may choose its own).
    prediction_kind: Mapped[str] = mapped_column(String(20), default="perfect_scorers",
                                                 server_default="perfect_scorers")
    # Scopes of the bank the contest's rounds draw from, comma-separated: "national",
    # and the province whose plans it tests ("national,gia_lai").
    question_scopes: Mapped[str] = mapped_column(String(200), default="national",
                                                 server_default="national")
    # "contest" (the safe default: later rounds may draw the same questions) or "round".
    review_after: Mapped[str] = mapped_column(String(16), default="contest",
                                              server_default="contest")
    # Unit prizes: a unit below this participation rate (percent) is not eligible.
    unit_min_rate: Mapped[int | None]
    # Organizer, admin and unit-manager accounts take no individual prize.
    prizes_exclude_staff: Mapped[bool] = mapped_column(default=True, server_default=true())
    # At most one individual prize per person across all rounds of the contest
    # (the next in order moves up); off by default.
    one_prize_per_person: Mapped[bool] = mapped_column(default=False, server_default=false())
    # An attempt with fewer correct answers takes no individual prize (0: no minimum).
    prize_min_score: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    rounds: Mapped[list["Round"]] = relationship(
        back_populates="contest", order_by="Round.number", cascade="all, delete-orphan"
    )

    @property
    def public_rounds(self) -> list["Round"]:
        """The rounds the public may see: drafts left out."""
        return [round_ for round_ in self.rounds if not round_.is_draft]


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
    # False (the default): the prediction given in a person's first submitted attempt
    # of the round is theirs for the round, so more attempts are not more guesses.
    # True: each attempt carries its own prediction (the organizer's choice).
    prediction_per_attempt: Mapped[bool] = mapped_column(default=False, server_default=false())
    results_computed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    results_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Lifecycle: a round is a draft (invisible, cannot be taken) until the organizer
    # schedules it; then its times open and close it.
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Rounds of a contest do not overlap unless the organizer allows it for this one.
    allow_overlap: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Topic keys the round draws from, comma-separated; empty: every active question.
    topics: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Optional mixes, each summing to questions_per_attempt: questions per topic
    # ({"mot_cua": 5, ...}) and per difficulty ({"1": 6, "2": 9, "3": 5}).
    topic_mix: Mapped[dict | None] = mapped_column(JSON)
    difficulty_mix: Mapped[dict | None] = mapped_column(JSON)

    contest: Mapped[Contest] = relationship(back_populates="rounds")

    @property
    def time_limit(self) -> timedelta:
        return timedelta(seconds=self.time_limit_seconds)

    @property
    def is_draft(self) -> bool:
        return self.scheduled_at is None

    def status(self, at: datetime | None = None) -> str:
        """'upcoming', 'open' or 'closed' at ``at`` (default: now), by the times
        alone (``admin.services.lifecycle`` adds draft and published)."""
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
