"""Days as people in Asia/Ho_Chi_Minh live them (contest.clock): 17:00 UTC is
midnight there, so a submit at 17:30 UTC counts for the next day, in Python and
in the SQL that groups attempts by day, on either database."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import literal, select

from contest.clock import EPOCH_DAY, day_start, local_day, local_day_number
from contest.extensions import db
from contest.types import UTCDateTime


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize("moment, day", [
    (utc(2026, 11, 19, 16, 59), date(2026, 11, 19)),
    (utc(2026, 11, 19, 17, 0), date(2026, 11, 20)),
    (utc(2026, 11, 20, 3, 0), date(2026, 11, 20)),
])
def test_local_day_of_a_utc_moment(moment, day):
    assert local_day(moment) == day


def test_a_local_day_starts_at_17_utc_the_day_before():
    assert day_start(date(2026, 11, 20)) == utc(2026, 11, 19, 17, 0)
    assert local_day(day_start(date(2026, 11, 20))) == date(2026, 11, 20)


@pytest.mark.parametrize("moment", [
    utc(2026, 11, 19, 16, 59, 59), utc(2026, 11, 19, 17, 0), utc(2026, 11, 20, 16, 59, 59),
    utc(2026, 2, 28, 23, 0), utc(2000, 1, 1, 0, 0),
])
def test_sql_local_day_agrees_with_python(app, moment):
    number = db.session.scalar(select(local_day_number(literal(moment, UTCDateTime()))))
    assert EPOCH_DAY + timedelta(days=number) == local_day(moment)
