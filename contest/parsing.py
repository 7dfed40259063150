"""Whole numbers and dates typed by a person (query string, form, JSON, a piece of
a path, a spreadsheet cell): one parser each, with bounds.

Python's own parsers are not made for this: ``isdigit`` accepts "²", which
``int`` then refuses; ``int`` takes " 12" and "1_000", and refuses 5,000 digits
with an error no caller expected (a 500); ``strptime``
takes year 1 and year 9999, and then turning the day into UTC or adding a day to
it raises ``OverflowError`` (a 500). Every request value goes through here, so
that a caller only ever sees a number or a date within its bounds, or None, and
answers None with its own Vietnamese message and 4xx.
"""
import re
from datetime import date, datetime

# Contest times, audit-log filters: the app's own life, with room on both sides;
# far from year 1 and year 9999, where UTC conversion and "+1 day" overflow.
YEARS = range(2000, 2101)
# Dates of birth: the oldest person alive was born after 1900; a future one is
# refused by the form with its own message (``contest.forms.not_in_future``), and
# nothing converts a date of birth or adds to it, so no later bound is needed.
BIRTH_YEARS = range(1900, 10000)
DAY_FORMAT = "%d/%m/%Y"
# Longer than any date or time typed in any accepted form: never parsed.
MAX_DATE_CHARS = 32


def whole_number(text, maximum: int, minimum: int = 0, *, signed: bool = False,
                 clamp: bool = False) -> int | None:
    """``text`` as a whole number from ``minimum`` to ``maximum``, in ASCII digits
    with a leading sign only when ``signed``; None for anything else (a space
    inside, "²", "1_000", "1e3", more digits than the bounds have). ``clamp``:
    a number beyond a bound is that bound rather than None (a page past the end)."""
    if not isinstance(text, str):
        return None
    digits = text[1:] if signed and text[:1] in "+-" else text
    if not (digits.isascii() and digits.isdigit()):
        return None
    widest = max(len(str(abs(minimum))), len(str(abs(maximum))))
    if len(digits.lstrip("0")) > widest:  # before ``int``: it refuses 4,300+ digits
        return (minimum if text[:1] == "-" else maximum) if clamp else None
    number = int(text)
    if clamp:
        return min(max(minimum, number), maximum)
    return number if minimum <= number <= maximum else None


def json_integer(value, maximum: int, minimum: int = 0) -> int | None:
    """A whole number sent in JSON, from ``minimum`` to ``maximum``; None for
    anything else: true and false (Python counts them as 1 and 0), 2.0, "2",
    and a number of any size out of bounds (JSON has no limit on digits)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if minimum <= value <= maximum else None


def whole_numbers(text, maximum: int, separator: str = ",") -> list[int] | None:
    """"12,7,30" as whole numbers from 0 to ``maximum``; None when any part is not one."""
    if not isinstance(text, str):
        return None
    numbers = [whole_number(part, maximum) for part in text.split(separator)]
    return None if None in numbers else numbers


def parse_moment(text, formats: tuple[str, ...], years: range = YEARS) -> datetime | None:
    """``text`` read by the first of ``formats`` that fits, as a naive datetime in
    a year of ``years``; None when no format fits or the year is outside."""
    if not isinstance(text, str) or len(text.strip()) > MAX_DATE_CHARS:
        return None
    for pattern in formats:
        try:
            moment = datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        return moment if moment.year in years else None
    return None


def parse_day(text, formats: tuple[str, ...] = (DAY_FORMAT,), years: range = YEARS) -> date | None:
    """The same for a day (``parse_moment`` without the time)."""
    moment = parse_moment(text, formats, years)
    return moment.date() if moment else None


# A day as a person types it, day first whatever their browser's language:
# 05/09/1990, 5/9/1990, 05-09-1990, 05.09.1990, 05 09 1990, and 05091990 (a phone's
# number pad has no "/"). Also ISO 1990-09-05: what the old <input type="date"> and
# API clients send. ASCII digits only (``\d`` would take "١٢").
_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.\- ])([0-9]{1,2})\2([0-9]{4})")
_DAY_FIRST_DIGITS = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def typed_day_parts(text) -> tuple[int, int, int] | None:
    """(year, month, day) as written in ``text``, not yet checked to be a real day
    (31/02 is returned as it is); None when ``text`` is not written as a day."""
    if not isinstance(text, str) or len(text.strip()) > MAX_DATE_CHARS:
        return None
    text = text.strip()
    if match := _DAY_FIRST.fullmatch(text):
        day, _, month, year = match.groups()
    elif match := _DAY_FIRST_DIGITS.fullmatch(text):
        day, month, year = match.groups()
    elif match := _ISO_DAY.fullmatch(text):
        year, month, day = match.groups()
    else:
        return None
    return int(year), int(month), int(day)


def real_day(parts: tuple[int, int, int]) -> date | None:
    """The day (year, month, day) names; None when there is no such day (31/02/1990)."""
    try:
        return date(*parts)
    except ValueError:
        return None
