"""What the rankings read, kept current by ``rankings.services.tally`` when an attempt is
submitted, and rebuilt from the attempts by ``rankings.services.rebuild``.

Every table here is derived: the attempts are the truth.
"""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.models import User
from contest.extensions import db
from contest.types import UTCDateTime

# The prediction error given to a best attempt without a prediction: it ranks
# after every attempt that has one (a real error is at most 100,000,000 + actual).
MISSING_PREDICTION_ERROR = 2_000_000_000


class RoundEntry(db.Model):
    """A person's best attempt in a round, in ranking order by one index.

    ``prediction_error`` stays NULL while the round is open (every entry ties on
    it, so the live order is by score and time) and is set when the round's
    results are computed after it closes.
    """

    __tablename__ = "round_entries"
    __table_args__ = (
    )

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    audience: Mapped[str] = mapped_column(String(16))
    score: Mapped[int]
    total: Mapped[int]
    duration_ms: Mapped[int]
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    prediction: Mapped[int | None]
    prediction_error: Mapped[int | None]
    attempts: Mapped[int] = mapped_column(default=1)
    # Place in the final ranking, set when the results are computed.
    final_rank: Mapped[int | None]

    user: Mapped[User] = relationship()


class ContestEntry(db.Model):
    """A person's whole-contest total: the sum of their per-round best scores and
    the time of those attempts."""

    __tablename__ = "contest_entries"
    __table_args__ = (
        Index("ix_contest_entries_unit", "contest_id", "unit_id"),
    )

    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    audience: Mapped[str] = mapped_column(String(16))
    score_sum: Mapped[int]
    duration_sum: Mapped[int]
    last_submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rounds: Mapped[int] = mapped_column(default=1)
    attempts: Mapped[int] = mapped_column(default=1)

    user: Mapped[User] = relationship()


# The ranking order, one index each (score descending, the rest ascending).
Index("ix_round_entries_rank", RoundEntry.round_id, RoundEntry.score.desc(),
      RoundEntry.prediction_error, RoundEntry.duration_ms, RoundEntry.submitted_at,
      RoundEntry.attempt_id)
# A unit's people in ranking order (the unit manager's list), and its GROUP BY.
Index("ix_round_entries_unit", RoundEntry.round_id, RoundEntry.unit_id, RoundEntry.score.desc(),
      RoundEntry.prediction_error, RoundEntry.duration_ms, RoundEntry.submitted_at,
      RoundEntry.attempt_id)
Index("ix_contest_entries_rank", ContestEntry.contest_id, ContestEntry.score_sum.desc(),
      ContestEntry.duration_sum, ContestEntry.last_submitted_at, ContestEntry.user_id)


class RankBucket(db.Model):
    """How many people's best (round) or total (contest) has this score and a time
    in this whole second. A person's place is then a sum over a few hundred
    buckets plus a count inside their own second, instead of a count over every
    person with the same score (which at a million attempts is most of them)."""

    __tablename__ = "rank_buckets"
    __table_args__ = (CheckConstraint("scope IN ('round', 'contest')", name="scope"),)

    scope: Mapped[str] = mapped_column(String(8), primary_key=True)
    scope_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    score: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seconds: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    people: Mapped[int] = mapped_column(default=0)


class UnitRoundStat(db.Model):
    """A unit's figures in a round: participants (distinct people with a
    submitted attempt), submitted attempts, and the sum of their best scores."""

    __tablename__ = "unit_round_stats"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    participants: Mapped[int] = mapped_column(default=0)
    attempts: Mapped[int] = mapped_column(default=0)
    score_sum: Mapped[int] = mapped_column(default=0)


class UnitContestStat(db.Model):
    """A unit's figures over the whole contest (people counted once)."""

    __tablename__ = "unit_contest_stats"

    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    participants: Mapped[int] = mapped_column(default=0)
    attempts: Mapped[int] = mapped_column(default=0)
    score_sum: Mapped[int] = mapped_column(default=0)
