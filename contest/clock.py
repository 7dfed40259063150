"""The one source of the current time, so tests can move it.

Times are stored in UTC and shown in Asia/Ho_Chi_Minh.
"""
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_frozen: datetime | None = None


def now() -> datetime:
    """Current time, timezone-aware, in UTC."""
    return _frozen if _frozen is not None else datetime.now(timezone.utc)


def freeze(moment: datetime | None) -> None:
    """Pin ``now()`` to ``moment`` (tests only); ``None`` lets the clock run again."""
    global _frozen
    if moment is not None and moment.tzinfo is None:
        raise ValueError("freeze() needs a timezone-aware datetime")
    _frozen = moment.astimezone(timezone.utc) if moment else None


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ)


def local_to_utc(naive_local: datetime) -> datetime:
    """A wall-clock time in Asia/Ho_Chi_Minh, as an aware UTC datetime."""
    return naive_local.replace(tzinfo=LOCAL_TZ).astimezone(timezone.utc)


def local_day(moment: datetime) -> date:
    """The day in Asia/Ho_Chi_Minh that contains the UTC ``moment``: the day a
    person there lived it (a submit at 23:30 UTC counts for the next day)."""
    return to_local(moment).date()


def day_start(day: date) -> datetime:
    """The UTC moment the local ``day`` starts (17:00 UTC the day before); the
    day after's start is where it ends."""
    return local_to_utc(datetime.combine(day, time()))


EPOCH_DAY = date(1970, 1, 1)
_UTC_OFFSET_SECONDS = 7 * 3600  # Asia/Ho_Chi_Minh has no daylight saving time


class local_day_number(FunctionElement):
    """SQL: days since 1970-01-01 of a UTC time column in Asia/Ho_Chi_Minh
    (``EPOCH_DAY + timedelta(days=n)`` is the local day), for grouping by local
    day on either database; each dialect spells "seconds since 1970" its own way."""

    type = Integer()
    inherit_cache = True


def _local_day_of_seconds(seconds: str) -> str:
    return f"CAST(floor(({seconds} + {_UTC_OFFSET_SECONDS}) / 86400) AS INTEGER)"


@compiles(local_day_number, "postgresql")
def _local_day_number_postgresql(element, compiler, **kw):
    return _local_day_of_seconds(f"extract(epoch FROM {compiler.process(element.clauses, **kw)})")


@compiles(local_day_number)
def _local_day_number_sqlite(element, compiler, **kw):
    column = compiler.process(element.clauses, **kw)
    return _local_day_of_seconds(f"CAST(strftime('%s', {column}) AS INTEGER)")
