"""One parser for each kind of value a person sends (contest.parsing): a number or
a date within its bounds, or None; never an exception a route did not expect."""
from datetime import date, datetime

import pytest

from contest.parsing import (BIRTH_YEARS, json_integer, parse_day, parse_moment, whole_number,
                             whole_numbers)

BIG = "9" * 5000  # Python's int() refuses it with a ValueError nobody caught (a 500)


@pytest.mark.parametrize("text, number", [
    ("12", 12), ("0", 0), ("0012", 12), ("100", 100),
    ("101", None), ("-1", None), (" 12", None), ("1_000", None), ("1e3", None), ("²", None),
    ("١٢", None), ("", None), (None, None), (12, None), (BIG, None),
])
def test_whole_number_reads_ascii_digits_within_bounds(text, number):
    assert whole_number(text, 100) == number


def test_whole_number_signed_and_clamped():
    assert whole_number("-5", 10, -10, signed=True) == -5
    assert whole_number("+5", 10, -10, signed=True) == 5
    assert whole_number("-5", 10, -10) is None
    assert whole_number(BIG, 1_000_000, 1, clamp=True) == 1_000_000
    assert whole_number("0", 1_000_000, 1, clamp=True) == 1


def test_whole_numbers_is_all_or_nothing():
    assert whole_numbers("12,7,30", 100) == [12, 7, 30]
    assert whole_numbers("12,,30", 100) is None
    assert whole_numbers(f"12,{BIG}", 100) is None


@pytest.mark.parametrize("value, number", [
    (3, 3), (0, 0), (10, 10),
    (11, None), (-1, None), (10**30, None),
    (True, None), (False, None), (3.0, None), ("3", None), (None, None), ([3], None),
])
def test_json_integer_takes_only_a_whole_number_in_bounds(value, number):
    assert json_integer(value, 10) == number


def test_json_integer_minimum():
    assert json_integer(0, 10, minimum=1) is None
    assert json_integer(1, 10, minimum=1) == 1


@pytest.mark.parametrize("text, day", [
    ("20/11/2026", date(2026, 11, 20)),
    (" 20/11/2026 ", date(2026, 11, 20)),
    ("31/02/2026", None),
    ("20/11/0001", None),   # year 1: turning it into UTC overflows
    ("20/11/9999", None),   # year 9999: the next day overflows
    ("2026-11-20", None),   # not one of the formats asked for
    ("1" * 40, None),
    (None, None),
])
def test_parse_day_in_the_apps_years(text, day):
    assert parse_day(text) == day


def test_parse_day_of_birth_years_and_formats():
    assert parse_day("1950-03-05", ("%d/%m/%Y", "%Y-%m-%d"), BIRTH_YEARS) == date(1950, 3, 5)
    assert parse_day("05/03/1899", years=BIRTH_YEARS) is None


def test_parse_moment_first_format_that_fits():
    formats = ("%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M")
    assert parse_moment("01/12/2026 08:00", formats) == datetime(2026, 12, 1, 8, 0)
    assert parse_moment("2026-12-01T08:00", formats) == datetime(2026, 12, 1, 8, 0)
    assert parse_moment("01/12/2026 25:00", formats) is None
