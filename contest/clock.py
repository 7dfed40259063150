"""The one source of the current time, so tests can move it.

Times are stored in UTC and shown in Asia/Ho_Chi_Minh.
"""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

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


def format_local(moment: datetime | None, pattern: str = "%d/%m/%Y %H:%M") -> str:
    if moment is None:
        return ""
    return to_local(moment).strftime(pattern)
