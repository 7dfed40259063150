"""The live figures of one round, for the organizer's dashboard.

Every figure is a count over a time window read through an index:
``ix_attempts_round_submitted`` (round, submitted_at) for what was submitted,
``ix_attempts_round_status`` for what is in progress, ``ix_audit_log_at`` for
registrations, ``ix_logged_errors_at`` for errors. Nothing is read row by row
into Python, and windows are index ranges rather than rows grouped by a computed
hour or day (on a million attempts in PostgreSQL: the 24 hourly counts ~20 ms,
one day's fully-correct share ~25 ms).

The share of fully-correct attempts tells how many people answer everything
right, the value the prediction question asks for: organizer only, never on a
public page.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select

from contest.accounts.models import User
from contest.audit.models import AuditLog
from contest.clock import day_start, local_day, now
from contest.contests.models import Contest, Round
from contest.extensions import cache, db
from contest.formatting import format_local
from contest.monitoring.models import LoggedError
from contest.quiz.models import IN_PROGRESS, SUBMITTED, Attempt
from contest.units.models import Unit

HOURS_SHOWN = 24
FASTEST_UNITS = 10
RECENT_ERRORS = 50
# A day whose fully-correct share is more than this above the day before is flagged
# (a leaked answer key shows as a sudden jump).
SHARE_JUMP = 0.20
# Days before today hardly change: their shares are cached longer than the live figures.
PAST_DAY_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class HourCount:
    start: datetime  # UTC start of the hour
    submitted: int


@dataclass(frozen=True)
class UnitPace:
    name: str
    submitted: int


@dataclass(frozen=True)
class DayShare:
    day: date  # local day
    submitted: int
    fully_correct: int
    jump: bool = False  # share more than SHARE_JUMP above the previous day listed

    @property
    def share(self) -> float:
        return self.fully_correct / self.submitted if self.submitted else 0.0


@dataclass(frozen=True)
class ErrorLine:
    at: datetime
    level: str
    path: str | None
    first_line: str


@dataclass(frozen=True)
class LiveFigures:
    in_progress: int
    last_hour: int
    today: int
    registered_today: int
    fastest_units: list[UnitPace]
    shares: list[DayShare]
    errors: list[ErrorLine]


def round_to_watch(contest: Contest | None) -> Round | None:
    """The scheduled round of the contest that is open now, if any."""
    if contest is None:
        return None
    at = now()
    return next((r for r in contest.rounds if not r.is_draft and r.is_open(at)), None)


def live_figures(round_: Round) -> LiveFigures:
    at = now()
    midnight = day_start(local_day(at))
    return LiveFigures(
        in_progress=attempts_in_progress(round_, at),
        last_hour=submitted_between(round_, at - timedelta(hours=1), at),
        today=submitted_between(round_, midnight, at),
        registered_today=registered_between(midnight, at),
        fastest_units=fastest_units(round_, at),
        shares=fully_correct_shares(round_, at),
        errors=recent_errors(at),
    )


def attempts_in_progress(round_: Round, at: datetime) -> int:
    """Attempts started and not yet submitted whose deadline has not passed."""
    return db.session.scalar(
        select(func.count()).select_from(Attempt)
        .where(Attempt.round_id == round_.id, Attempt.status == IN_PROGRESS,
               Attempt.deadline_at > at))


def submitted_between(round_: Round, start: datetime, end: datetime) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Attempt)
        .where(Attempt.round_id == round_.id,
               Attempt.submitted_at >= start, Attempt.submitted_at <= end))


def registered_between(start: datetime, end: datetime) -> int:
    """People who registered themselves (each registration writes one
    ``account.register`` row, in the same transaction as the account)."""
    return db.session.scalar(
        select(func.count()).select_from(AuditLog)
        .where(AuditLog.at >= start, AuditLog.at <= end, AuditLog.action == "account.register"))


def _submitted_in(round_: Round, start: datetime, end: datetime):
    """Attempts submitted in [start, end), counted by a range of the index."""
    return (select(func.count()).select_from(Attempt)
            .where(Attempt.round_id == round_.id,
                   Attempt.submitted_at >= start, Attempt.submitted_at < end)
            .scalar_subquery())


def submissions_by_hour(round_: Round, at: datetime | None = None) -> list[HourCount]:
    """Submitted attempts in each of the last 24 hours, the current hour last
    (local hours are UTC hours: the offset is a whole seven hours). One statement
    of 24 index range counts: cheaper than grouping the day's rows by hour."""
    at = at or now()
    first = at.replace(minute=0, second=0, microsecond=0) - timedelta(hours=HOURS_SHOWN - 1)
    starts = [first + timedelta(hours=i) for i in range(HOURS_SHOWN)]
    counts = db.session.execute(
        select(*(_submitted_in(round_, start, start + timedelta(hours=1)) for start in starts))).one()
    return [HourCount(start, count) for start, count in zip(starts, counts)]


def fastest_units(round_: Round, at: datetime) -> list[UnitPace]:
    """The units with the most attempts submitted in the last hour."""
    count = func.count().label("submitted")
    rows = db.session.execute(
        select(Unit.name, count).select_from(Attempt)
        .join(User, User.id == Attempt.user_id).join(Unit, Unit.id == User.unit_id)
        .where(Attempt.round_id == round_.id,
               Attempt.submitted_at >= at - timedelta(hours=1), Attempt.submitted_at <= at)
        .group_by(Unit.id, Unit.name).order_by(count.desc(), Unit.name).limit(FASTEST_UNITS))
    return [UnitPace(name, submitted) for name, submitted in rows]


def round_days(round_: Round, at: datetime) -> list[date]:
    """The local days of the round so far."""
    first = local_day(round_.opens_at)
    last = local_day(min(at, round_.closes_at))
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def day_share(round_: Round, day: date) -> DayShare:
    """Submitted and fully-correct attempts (score == total) of one local day."""
    start = day_start(day)
    submitted, full = db.session.execute(
        select(func.count(), func.sum(case((Attempt.score == Attempt.total, 1), else_=0)))
        .where(Attempt.round_id == round_.id, Attempt.status == SUBMITTED,
               Attempt.submitted_at >= start, Attempt.submitted_at < start + timedelta(days=1))
    ).one()
    return DayShare(day, submitted, int(full or 0))


def fully_correct_shares(round_: Round, at: datetime) -> list[DayShare]:
    """Each day of the round with a submitted attempt, flagged when its share jumped.
    Past days are read once an hour (they change only when an attempt left open
    is finished late); today is read live."""
    today = local_day(at)
    shares = [_past_day_share(round_, day) if day < today else day_share(round_, day)
              for day in round_days(round_, at)]
    return flag_jumps([share for share in shares if share.submitted])


def _past_day_share(round_: Round, day: date) -> DayShare:
    key = f"monitoring-day:{round_.id}:{day.isoformat()}"
    share = cache.get(key)
    if share is None:
        share = day_share(round_, day)
        cache.set(key, share, timeout=PAST_DAY_CACHE_SECONDS)
    return share


def flag_jumps(days: list[DayShare]) -> list[DayShare]:
    """Flag a day whose share is more than SHARE_JUMP above the previous day listed
    (days without a submitted attempt are not listed)."""
    flagged = []
    for previous, day in zip([None] + days[:-1], days):
        jump = previous is not None and day.share - previous.share > SHARE_JUMP + 1e-9
        flagged.append(DayShare(day.day, day.submitted, day.fully_correct, jump))
    return flagged


def recent_errors(at: datetime) -> list[ErrorLine]:
    """What the app logged at ERROR or above in the last hour, newest first."""
    rows = db.session.execute(
        select(LoggedError.at, LoggedError.level, LoggedError.path, LoggedError.message)
        .where(LoggedError.at >= at - timedelta(hours=1), LoggedError.at <= at)
        .order_by(LoggedError.at.desc(), LoggedError.id.desc()).limit(RECENT_ERRORS))
    return [ErrorLine(when, level, path, first_line(message)) for when, level, path, message in rows]


def first_line(message: str | None, limit: int = 300) -> str:
    lines = (message or "").strip().splitlines()
    return lines[0][:limit] if lines else ""


def hour_label(start: datetime) -> str:
    """A UTC hour start as the local "HH:00"."""
    return format_local(start, "%H:00")
