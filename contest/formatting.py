"""Vietnamese numbers, days and times: one place, one rounding rule.

Every number a person reads (web pages, the Word report, charts, messages)
goes through here, so the same rate reads the same everywhere. Vietnamese
writes "1.234.567" and "87,3%": a dot between thousands, a comma before the
decimals.

The rule is half up on the decimal value: 0,8725 reads 87,3%, as a reader
rounding by hand (and Excel's ROUND, and the signed report) would have it.
Python's ``round()`` and f-strings round the binary float instead (0.8725 is
stored as 0.87249999…, so it read 87,2% on the web page while the Word report
said 87,3%). A float is taken by its shortest text (``repr``), which is the
decimal the reader computed.

Babel is not used: its CLDR Vietnamese percent pattern has no decimals, it
rounds half to even unless the decimal context is changed around every call,
and two fixed separators do not need a locale database loaded at import.
"""
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from contest.clock import to_local
from contest.parsing import DAY_FORMAT

DASH = "—"
MOMENT = f"{DAY_FORMAT} %H:%M"
_VI_SEPARATORS = str.maketrans(",.", ".,")
Number = int | float | Decimal | Fraction


def as_decimal(value: Number) -> Decimal:
    """The decimal a reader means by ``value`` (a float by its shortest text)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(int(value))


def rounded(value: Number, digits: int = 0) -> Decimal:
    """``value`` rounded half up to ``digits`` decimals: the one rounding rule."""
    return as_decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def decimal(value: Number | None, digits: int = 2) -> str:
    """12.345 -> '12,35', 1234.5 -> '1.234,50'; None -> '—'."""
    if value is None:
        return DASH
    return f"{rounded(value, digits):,.{digits}f}".translate(_VI_SEPARATORS)


def number(value: Number | None) -> str:
    """1234567 -> '1.234.567' (a whole number; a fraction is rounded half up)."""
    return decimal(value or 0, 0)


def percent(rate: Number | None, digits: int = 1) -> str:
    """0.8725 -> '87,3%', 1 -> '100,0%'; None -> '—'."""
    return DASH if rate is None else f"{decimal(as_decimal(rate) * 100, digits)}%"


def share(count: int, total: int, digits: int = 1) -> str:
    """47 of 200 -> '23,5%' (computed exactly); '—' when there is nothing to share."""
    return DASH if not total else percent(Fraction(count, total), digits)


def trimmed(value: Number, digits: int = 2) -> str:
    """0.04 -> '0,04', 1.5 -> '1,5', 3.0 -> '3': at most ``digits`` decimals."""
    text = decimal(value, digits)
    return text.rstrip("0").rstrip(",") if "," in text else text


def megabytes(size: int) -> str:
    """A size in bytes as megabytes with one decimal: 2_621_440 -> '2,5'."""
    return decimal(Fraction(size, 1024 * 1024), 1)


def duration(ms: int | None) -> str:
    """Milliseconds as 'm phút s giây' (or 's,t giây' under a minute)."""
    if ms is None:
        return ""
    minutes, rest = divmod(ms // 1000, 60)
    if minutes == 0:
        return f"{decimal(Fraction(ms, 1000), 1)} giây"
    return f"{minutes} phút {rest} giây"


def day(value: date | None) -> str:
    """A calendar day (a date of birth, a local day already computed) as
    dd/mm/yyyy, the form ``contest.parsing`` reads back; None -> ''."""
    return value.strftime(DAY_FORMAT) if value else ""


def format_local(moment: datetime | None, pattern: str = MOMENT) -> str:
    """A stored UTC time as people in Asia/Ho_Chi_Minh read it (dd/mm/yyyy HH:MM
    unless ``pattern`` says otherwise); None -> ''."""
    if moment is None:
        return ""
    return to_local(moment).strftime(pattern)
