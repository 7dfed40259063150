"""Vietnamese numbers: a dot between thousands, a comma before decimals, and
one rounding rule (half up on the decimal value) wherever a number is read."""
from datetime import date, datetime, timezone
from decimal import Decimal
from fractions import Fraction

import pytest

from contest import formatting


@pytest.mark.parametrize("rate, text", [
    (0.8725, "87,3%"),   # a float just under 0.8725: half up on the decimal all the same
    (1 / 16, "6,3%"),    # exactly halfway in binary too: half up, not to even
    (0.875, "87,5%"),
    (0, "0,0%"),
    (1, "100,0%"),
    (Decimal("0.00049"), "0,0%"),
    (Fraction(349, 400), "87,3%"),
    (None, "—"),
])
def test_percent_rounds_half_up(rate, text):
    assert formatting.percent(rate) == text


def test_percent_digits():
    assert formatting.percent(0.125, 0) == "13%"
    assert formatting.percent(0.12345, 2) == "12,35%"


def test_share_of_counts_is_exact():
    assert formatting.share(349, 400) == "87,3%"
    assert formatting.share(47, 200) == "23,5%"
    assert formatting.share(3, 0) == "—"


@pytest.mark.parametrize("value, text", [
    (1234567, "1.234.567"), (0, "0"), (1, "1"), (None, "0"), (999, "999"), (1000, "1.000"),
    (-1234, "-1.234"),
])
def test_number_has_thousands_dots(value, text):
    assert formatting.number(value) == text


def test_decimal_has_a_comma_and_rounds_half_up():
    assert formatting.decimal(2.675) == "2,68"  # round(2.675, 2) gives 2.67
    assert formatting.decimal(1234.5) == "1.234,50"
    assert formatting.decimal(None) == "—"


def test_trimmed_drops_trailing_zeros():
    assert [formatting.trimmed(v) for v in (0.04, 1.5, 3.0, 0.125)] == ["0,04", "1,5", "3", "0,13"]


def test_megabytes_and_duration():
    assert formatting.megabytes(2_621_440) == "2,5"
    assert formatting.duration(4_250) == "4,3 giây"
    assert formatting.duration(95_300) == "1 phút 35 giây"
    assert formatting.duration(None) == ""


def test_day_reads_dd_mm_yyyy():
    assert formatting.day(date(2026, 3, 5)) == "05/03/2026"
    assert formatting.day(None) == ""


def test_a_moment_reads_in_ho_chi_minh_time():
    # 17:30 UTC is 00:30 the next day in Asia/Ho_Chi_Minh
    moment = datetime(2026, 11, 19, 17, 30, tzinfo=timezone.utc)
    assert formatting.format_local(moment) == "20/11/2026 00:30"
    assert formatting.format_local(moment, "%H:00") == "00:00"
    assert formatting.format_local(None) == ""
