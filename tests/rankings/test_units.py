"""Unit rankings: rate with and without a headcount, the minimum rate, and the
figures per round and for the whole contest."""
from datetime import timedelta

from contest.rankings.queries.units import unit_standings
from tests.rankings.helpers import take_attempt


def test_rate_then_average_with_headcounts_and_the_minimum(open_round, make_unit, make_user):
    full = make_unit(name="Xã Đầy Đủ", kind="commune", headcount=2)
    half = make_unit(name="Xã Một Nửa", kind="commune", headcount=4)
    half_better = make_unit(name="Phường Giỏi", kind="commune", headcount=2)
    no_count = make_unit(name="Xã Chưa Có Số", kind="commune", headcount=None)
    low = make_unit(name="Xã Ít Người", kind="commune", headcount=10)
    make_unit(name="Sở Khác Khối", kind="agency", headcount=1)
    plan = [(full, 3), (full, 2), (half, 1), (half, 1), (half_better, 5),
            (no_count, 5), (no_count, 5), (low, 5)]
    for unit, correct in plan:
        take_attempt(make_user(unit=unit), open_round, correct=correct, seconds=30)
    open_round.contest.unit_min_rate = 20
    standings = unit_standings(open_round, "commune", open_round.contest.unit_min_rate)
    summary = [(s.unit.name, s.rank, s.participants, s.rate, s.average_score) for s in standings]
    assert summary == [
        ("Xã Đầy Đủ", 1, 2, 1.0, 2.5),
        ("Phường Giỏi", 2, 1, 0.5, 5.0),   # same rate as "Một Nửa", better average
        ("Xã Một Nửa", 3, 2, 0.5, 1.0),
        ("Xã Ít Người", None, 1, 0.1, 5.0),      # not eligible: listed after, by rate
        ("Xã Chưa Có Số", None, 2, None, 5.0),   # no headcount, no rate: last
    ]
    why = {s.unit.name: s.why_not_eligible for s in standings}
    assert why["Xã Chưa Có Số"] == "Chưa có số cán bộ, công chức, viên chức"
    assert why["Xã Ít Người"] == "Tỷ lệ tham gia dưới 20%"
    without_minimum = unit_standings(open_round, "commune", None)
    assert [s.rank for s in without_minimum if s.unit.name == "Xã Ít Người"] == [4]


def test_contest_figures_count_a_person_once_and_attempts_all(frozen, make_questions, make_round,
                                                               make_unit, make_user):
    make_questions(10)
    first = make_round(questions=5, closes_in=timedelta(days=1))
    second = make_round(questions=5, closes_in=timedelta(days=1))
    unit = make_unit(name="Xã Hai Đợt", kind="commune", headcount=4)
    user = make_user(unit=unit)
    take_attempt(user, first, correct=3, seconds=10)
    take_attempt(user, first, correct=4, seconds=10, at=frozen.at + timedelta(minutes=1))
    take_attempt(user, second, correct=5, seconds=10, at=frozen.at + timedelta(minutes=2))
    standing = unit_standings(first.contest, "commune", None)[0]
    assert (standing.participants, standing.attempts, standing.score_sum) == (1, 3, 9)
    assert standing.rate == 0.25
    by_round = unit_standings(first, "commune", None)[0]
    assert (by_round.participants, by_round.attempts, by_round.score_sum) == (1, 2, 4)


def test_whole_contest_ranking_sums_round_bests_then_time(client, frozen, make_questions,
                                                           make_round, make_user):
    from tests.conftest import login
    make_questions(10)
    first = make_round(questions=5, closes_in=timedelta(days=1))
    second = make_round(questions=5, closes_in=timedelta(days=1))
    steady, sprinter, one_round = make_user(), make_user(), make_user()
    steady.full_name, sprinter.full_name, one_round.full_name = "Đều Đặn", "Nhanh Nhẹn", "Một Đợt"
    take_attempt(steady, first, correct=4, seconds=100)
    take_attempt(steady, second, correct=4, seconds=100)     # 8 in 200 s
    take_attempt(sprinter, first, correct=5, seconds=50)
    take_attempt(sprinter, second, correct=3, seconds=50)    # 8 in 100 s
    take_attempt(one_round, first, correct=5, seconds=10)    # 5
    login(client, make_user(role="organizer"))
    html = client.get("/quan-tri/ket-qua/toan-cuoc").get_data(as_text=True)
    assert html.index("Nhanh Nhẹn") < html.index("Đều Đặn") < html.index("Một Đợt")
