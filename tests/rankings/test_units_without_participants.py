"""A unit nobody of which took part takes no place in the unit ranking: it is
listed after the ranked units under "Chưa có người dự thi", on the public page
and in the export."""
from datetime import timedelta

from contest.rankings.queries.units import unit_standings
from contest.rankings.services.results import compute_results
from contest.reports.queries.round_data import standings_by_kind
from contest.reports.queries.tables import unit_ranking_tables
from tests.rankings.helpers import take_attempt


def _played(open_round, make_unit, make_user):
    taking_part = make_unit(name="Xã Có Người Thi", kind="commune", headcount=10)
    for name in ("Xã An Phú", "Xã Bình Minh", "Xã Chư Păh"):
        make_unit(name=name, kind="commune", headcount=20)
    take_attempt(make_user(unit=taking_part), open_round, correct=3, seconds=10, prediction=1)


def test_units_without_participants_get_no_rank_and_come_last(open_round, make_unit, make_user):
    _played(open_round, make_unit, make_user)
    standings = unit_standings(open_round, "commune", None)
    assert [(s.unit.name, s.rank) for s in standings] == [
        ("Xã Có Người Thi", 1), ("Xã An Phú", None), ("Xã Bình Minh", None), ("Xã Chư Păh", None)]
    assert {s.why_not_eligible for s in standings[1:]} == {"Chưa có người dự thi"}


def test_the_public_page_lists_them_under_their_heading(client, open_round, make_unit, make_user):
    _played(open_round, make_unit, make_user)
    open_round.closes_at = open_round.opens_at + timedelta(hours=2)
    from contest import clock
    clock.freeze(open_round.closes_at + timedelta(minutes=5))
    compute_results(open_round)
    page = client.get(f"/xep-hang-don-vi?khoi=commune&dot={open_round.id}").get_data(as_text=True)
    heading = page.index("Chưa có người dự thi")
    assert page.index("Xã Có Người Thi") < heading < page.index("Xã An Phú")
    assert page.count("Chưa có người dự thi") == 1
    assert "<td class=\"text-end\">2</td>" not in page  # nobody is second


def test_the_export_gives_them_no_rank(open_round, make_unit, make_user):
    _played(open_round, make_unit, make_user)
    [table] = unit_ranking_tables(standings_by_kind(open_round))
    rows = [(row[0], row[2], row[-1]) for row in table.rows]
    assert rows[0] == (1, "Xã Có Người Thi", None)
    assert rows[1:] == [(None, name, "Chưa có người dự thi")
                        for name in ("Xã An Phú", "Xã Bình Minh", "Xã Chư Păh")]
