"""The weekly report's figures gathered from the database."""
from contest.reports.queries.round_report import build_round_report
from tests.reports.conftest import AN, AT_SIGN, FORMULA, TAB


def test_report_figures_of_the_closed_round(scenario):
    report = build_round_report(scenario.round)
    assert (report.participants, report.attempts) == (4, 5)
    assert report.registered == 4  # contestant accounts only
    assert (report.units_taking_part, report.units_total) == (2, 3)
    assert report.prediction_actual == 2 and not report.published
    assert (report.bands.attempts, report.bands.full, report.bands.high) == (5, 2, 1)
    assert [unit.name for unit in report.full_units] == ["Xã Hải An"]
    assert [(unit.name, unit.rate) for unit in report.lowest_units] == [
        ("Sở Tư pháp", 0.5), ("Xã Hải An", 1.0)]


def test_report_winners_are_the_provisional_list_before_publication(scenario):
    winners = build_round_report(scenario.round).winners
    assert [(w.prize_label, w.full_name, w.error) for w in winners] == [
        ("Giải Nhất", AN, 0), ("Giải Nhì", FORMULA, 3), ("Giải Nhì", AT_SIGN, None),
        ("Giải Ba", TAB, 1)]
