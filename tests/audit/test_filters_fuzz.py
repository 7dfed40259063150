"""Property-based: the audit log's filters, on the page and on its .xlsx export, fed
any day from year 1 to 9999, impossible days and hostile texts. Every answer is 200
or 400, never a 500; a day outside 2000–2100 is refused with the field's message;
reading the page changes nothing, and neither does a refused export."""
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contest.parsing import YEARS
from tests.conftest import login
from tests.fuzzing import FUZZ, fresh_client, texts
from tests.hostile import database_rows

PAGE, EXPORT = "/quan-tri/nhat-ky/", "/quan-tri/nhat-ky/nhat-ky.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EDGES = ["01/01/0001", "31/12/9999", "31/12/1999", "01/01/2000", "31/12/2100", "01/01/2101",
         "29/02/2000", "31/02/2026", "00/01/2026", "1/1/2026"]
UNKNOWN = "unknown"  # a text the oracle does not judge: only "200 or 400" is checked

typed_days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(
    lambda day: f"{day.day:02}/{day.month:02}/{day.year:04}")
filter_args = st.fixed_dictionaries({}, optional={
    "from": st.one_of(typed_days, st.sampled_from(EDGES), texts),
    "to": st.one_of(typed_days, st.sampled_from(EDGES), texts),
    "about": texts, "page": texts})


@pytest.fixture
def organizer(client, entries):
    login(client, entries["organizer"])
    return client


def _day(text: str):
    """The day a dd/mm/yyyy text names within the years kept (``date``), "refused"
    for an impossible day or a year outside them, ``UNKNOWN`` for other texts."""
    match = re.fullmatch(r"([0-9]{2})/([0-9]{2})/([0-9]{4})", text)
    if match is None:
        return UNKNOWN
    try:
        day = date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return "refused"
    return day if day.year in YEARS else "refused"


def _expected(args: dict) -> int | None:
    """200 or 400 when the filter decides it; None when a hostile text leaves it open."""
    days = [_day(args[name]) for name in ("from", "to") if name in args]
    if any("\x00" in value for value in args.values()):
        return None  # refused (400) before any filter is read: a request with NUL
    if "refused" in days:
        return 400
    if UNKNOWN in days or "about" in args or "page" in args:
        return None
    if len(days) == 2 and days[0] > days[1]:
        return 400
    return 200


@pytest.mark.parametrize("url", [PAGE, EXPORT])
def test_the_audit_log_filters(app, organizer, url):
    @FUZZ
    @given(args=filter_args)
    def check(args):
        before = database_rows()
        response = fresh_client(app, organizer).get(url, query_string=args)
        expected = _expected(args)
        assert response.status_code in (200, 400), args
        assert expected is None or response.status_code == expected, args
        if response.status_code == 200 and url == EXPORT:
            assert response.mimetype == XLSX
        else:  # the page, or a refused export: nothing written
            assert database_rows() == before
        if expected == 400 and "refused" in (_day(args.get("from", "")), _day(args.get("to", ""))):
            body = response.get_json()["error"] if response.is_json else response.get_data(as_text=True)
            assert "phải có dạng ngày/tháng/năm" in body, repr(args)
    check()
