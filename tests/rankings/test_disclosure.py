"""What a visitor, a contestant and a unit manager see of a round before it is
settled (issue 17, cases 5 and 11): nothing from which the prediction's target
can be worked out; everything once the round is settled (closed + grace)."""
import re
from datetime import timedelta

import pytest

from contest import clock, formatting
from contest.contests.rules.disclosure import settled_at
from contest.extensions import db
from tests.conftest import login
from tests.rankings.helpers import take_attempt

SEALED_PLACE = "Thứ hạng được công bố sau khi"
PERSON_PLACE = re.compile(r"Thứ <strong>\d+</strong> (/ \d+ người|trong số)")


def stat(html: str, label: str) -> str | None:
    """The figure of a stat box ("3" for "người dự thi"), None when there is none."""
    found = re.search(rf'stat-value">([^<]*)</div><div class="stat-label">{label}', html)
    return found and found[1]


def settle(round_) -> None:
    """Just past the last moment an attempt of the round could still write."""
    clock.freeze(settled_at(round_) + timedelta(milliseconds=1))


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


# --- case 5, first bullet: one's own place ----------------------------------

def test_a_slow_full_mark_contestant_sees_no_place_until_the_round_settles(
        client, open_round, make_user):
    for seconds in (10, 20, 30):
        take_attempt(make_user(), open_round, correct=5, seconds=seconds, prediction=3)
    me = make_user()
    attempt = take_attempt(me, open_round, correct=5, seconds=300, prediction=3)
    login(client, me)
    result = page(client, f"/bai-thi/{attempt.public_id}/ket-qua")
    history = page(client, "/lich-su")
    assert '<strong>5</strong>/5' in result and "<strong>5/5</strong>" in history  # own score
    for html in (result, history):
        assert not PERSON_PLACE.search(html) and "cùng điểm" not in html
        assert SEALED_PLACE in html  # and when it will be
    clock.freeze(settled_at(open_round))  # closed, the last moment of the grace
    assert not PERSON_PLACE.search(page(client, f"/bai-thi/{attempt.public_id}/ket-qua"))
    settle(open_round)
    result = page(client, f"/bai-thi/{attempt.public_id}/ket-qua")
    assert "Thứ <strong>4</strong> / 4 người" in result and SEALED_PLACE not in result


def test_the_contest_place_waits_for_the_next_round_that_opens_before_this_one_settles(
        client, open_round, make_round, make_user):
    """Weekly rounds back to back: when round 1 settles, round 2 is already open,
    so the whole contest's places are promised for round 2's settle, not round 1's."""
    second = make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=8), questions=5,
                        number=2)
    me = make_user()
    attempt = take_attempt(me, open_round, correct=5, seconds=30, prediction=3)
    login(client, me)
    result = page(client, f"/bai-thi/{attempt.public_id}/ket-qua")
    contest_line = re.search(r"Thứ hạng toàn cuộc thi[^<]*", result)[0]
    assert formatting.format_local(settled_at(second)) in contest_line
    assert formatting.format_local(settled_at(open_round)) not in contest_line


# --- case 5, second bullet: the public unit ranking ---------------------------

@pytest.fixture
def two_communes(open_round, make_unit, make_user):
    """Same participation, different averages: "Xã Bình" has two full marks."""
    an = make_unit(name="Xã An", kind="commune", headcount=2)
    binh = make_unit(name="Xã Bình", kind="commune", headcount=2)
    for unit, scores in ((an, (5, 0)), (binh, (5, 5))):
        for correct in scores:
            take_attempt(make_user(unit=unit), open_round, correct=correct, seconds=20,
                         prediction=3)
    return an, binh


@pytest.mark.parametrize("dot", ["round", "toan-cuoc"])
def test_the_public_unit_ranking_of_an_open_round_shows_no_score(
        client, open_round, two_communes, dot):
    path = f"/xep-hang-don-vi?khoi=commune&dot={open_round.id if dot == 'round' else dot}"
    html = page(client, path)
    assert "Điểm TB" not in html and "5,00" not in html and "2,50" not in html
    assert html.index("Xã An") < html.index("Xã Bình"), "by participation, then name: no average"
    assert "100,0%" in html  # participation stays public for a full-mark prediction
    settle(open_round)
    html = page(client, path)
    assert "Điểm TB" in html and "5,00" in html and "2,50" in html
    assert html.index("Xã Bình") < html.index("Xã An")


def test_a_contestants_unit_rank_while_open_is_by_participation_only(
        client, open_round, two_communes, make_user):
    an, _ = two_communes
    me = make_user(unit=an)
    attempt = take_attempt(me, open_round, correct=1, seconds=20, prediction=3)
    an.headcount = 3
    db.session.commit()
    login(client, me)
    result = page(client, f"/bai-thi/{attempt.public_id}/ket-qua")
    assert "Thứ <strong>1</strong> / 2 đơn vị" in result  # 3/3 before 2/2 by people, not score


def test_a_unit_ranking_cached_while_open_is_not_served_once_settled(
        results_cached, client, open_round, two_communes):
    path = f"/xep-hang-don-vi?khoi=commune&dot={open_round.id}"
    assert "Điểm TB" not in page(client, path)
    settle(open_round)  # no write: only the clock moved
    assert "Điểm TB" in page(client, path)


# --- case 5, third bullet: a prediction that asks for a count -----------------

@pytest.mark.parametrize("kind", ["participants", "attempts"])
def test_the_counts_a_prediction_asks_for_are_absent_until_the_round_settles(
        client, open_round, make_unit, make_user, kind):
    open_round.prediction_kind = kind
    db.session.commit()
    unit = make_unit(name="Xã Đông Người", kind="commune", headcount=10)
    manager = make_user(role="unit_manager", unit=unit)
    people = [make_user(unit=unit) for _ in range(3)]
    for person in people:
        take_attempt(person, open_round, correct=2, seconds=20, prediction=7)
    take_attempt(people[0], open_round, correct=3, seconds=20)  # 3 people, 4 attempts

    def public_pages():
        return (page(client, "/"), page(client, f"/dot-thi/{open_round.id}/ket-qua"),
                page(client, f"/bieu-do/dot-thi/{open_round.id}/theo-ngay.svg"),
                page(client, f"/xep-hang-don-vi?khoi=commune&dot={open_round.id}"),
                page(client, "/xep-hang-don-vi?khoi=commune&dot=toan-cuoc"),
                page(client, f"/bieu-do/don-vi.svg?khoi=commune&dot={open_round.id}"))

    home, results, by_day, units, contest_units, top_units = public_pages()
    for html in (home, results):
        for label in ("người dự thi", "lượt thi đã nộp", "người đăng ký", "đơn vị tham gia"):
            assert stat(html, label) is None, label
    assert "được công bố sau khi" in home and "được công bố sau khi" in results
    assert "Lượt thi" not in by_day and "Công bố khi đợt thi kết thúc" in by_day
    for html in (units, contest_units):
        assert "30,0%" not in html and not re.search(r'text-end">[34]</td>', html)
    assert "30,0%" not in top_units and "Người dự thi" not in top_units
    login(client, manager)  # a manager still sees their own people (they know them)
    own = page(client, f"/don-vi/{unit.code}")
    assert "Đã tham gia (3)" in own and "30,0%" in own and "hạng trong khối" in own
    client.post("/dang-xuat")

    settle(open_round)
    home, results, by_day, units, contest_units, top_units = public_pages()
    for html in (home, results):
        assert (stat(html, "người dự thi"), stat(html, "lượt thi đã nộp")) == ("3", "4")
    assert "Lượt thi" in by_day
    assert "30,0%" in units and "30,0%" in contest_units and "30,0%" in top_units


def test_full_mark_kinds_keep_the_counts_public_while_open(client, open_round, make_user):
    open_round.prediction_kind = "perfect_attempts"
    db.session.commit()
    take_attempt(make_user(), open_round, correct=5, seconds=20, prediction=1)
    results = page(client, f"/dot-thi/{open_round.id}/ket-qua")
    assert stat(results, "người dự thi") == "1" and stat(page(client, "/"), "người đăng ký") == "1"
    assert "Lượt thi" in page(client, f"/bieu-do/dot-thi/{open_round.id}/theo-ngay.svg")


# --- case 11: the unit manager ----------------------------------------------

def test_a_unit_manager_sees_no_score_of_their_people_until_the_round_settles(
        client, open_round, make_unit, make_user):
    unit = make_unit(name="Xã Của Tôi", kind="commune", headcount=4)
    manager = make_user(role="unit_manager", unit=unit)
    fast, slow = make_user(unit=unit), make_user(unit=unit)
    fast.full_name, slow.full_name = "Bùi Văn Nhanh", "An Thị Chậm"
    take_attempt(fast, open_round, correct=5, seconds=20, prediction=2)
    take_attempt(slow, open_round, correct=3, seconds=20, prediction=2)
    login(client, manager)
    for path in (f"/don-vi/{unit.code}", "/don-vi-cua-toi"):
        response = client.get(path, follow_redirects=True)
        html = response.get_data(as_text=True)
        assert "5/5" not in html and "3/5" not in html and "Điểm trung bình" not in html
        assert "Đã tham gia (2)" in html and "1 lượt" in html
        assert html.index("An Thị Chậm") < html.index("Bùi Văn Nhanh"), "by name, not by score"
    settle(open_round)
    html = page(client, f"/don-vi/{unit.code}")
    assert "5/5" in html and "3/5" in html and "Điểm trung bình" in html
    assert html.index("Bùi Văn Nhanh") < html.index("An Thị Chậm")


def test_an_organizer_sees_the_scores_of_an_open_round(client, open_round, make_unit, make_user):
    unit = make_unit(name="Xã Của Tôi", kind="commune")
    take_attempt(make_user(unit=unit), open_round, correct=5, seconds=20, prediction=2)
    login(client, make_user(role="organizer"))
    html = page(client, f"/don-vi/{unit.code}")
    assert "5/5" in html and "Điểm trung bình" in html


def test_the_rules_page_says_what_is_shown_when(client, open_round):
    open_round.prediction_kind = "participants"
    db.session.commit()
    html = page(client, "/the-le")
    assert "Số liệu nào được công bố, khi nào" in html
    assert f"Câu hỏi dự đoán của {open_round.name} hỏi về số người tham gia" in html
