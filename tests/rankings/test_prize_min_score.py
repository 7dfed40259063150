"""A minimum score for a prize: an attempt with fewer correct answers takes no
individual prize even when prizes are left (a 2/10 attempt won "Khuyến khích").
Set in the contest's settings (audited), shown on the rules page."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from contest import clock
from contest.audit.models import AuditLog
from contest.contests.models import PrizeGroup
from contest.extensions import db
from contest.prizes import services
from contest.prizes.queries import prize_book
from contest.rankings.services.results import compute_results
from tests.conftest import login
from tests.contests.helpers import contest_form
from tests.rankings.helpers import take_attempt


@pytest.fixture
def played(open_round, make_user):
    """One prize group with three prizes; An 5/5, Bình 4/5, Cường 2/5; closed."""
    db.session.add(PrizeGroup(contest_id=open_round.contest_id, position=1, name="Bảng chung",
                              audiences="cbccvc", first_prizes=1, second_prizes=1,
                              third_prizes=0, consolation_prizes=1))
    people = {}
    for seconds, (name, correct) in enumerate((("An", 5), ("Bình", 4), ("Cường", 2)), start=1):
        people[name] = make_user()
        people[name].full_name = name
        db.session.commit()
        take_attempt(people[name], open_round, correct=correct, seconds=seconds, prediction=3)
    clock.freeze(open_round.closes_at + timedelta(seconds=10))
    compute_results(open_round)
    return open_round, people


def _winners(round_) -> dict[str, str]:
    return {winner.row.full_name: winner.prize for result in services.provisional_winners(round_)
            for winner in result.winners}


def _set_min_score(client, contest, value: str):
    return client.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(
        name=contest.name, organizer_name=contest.organizer_name, starts_at="", ends_at="",
        prize_min_score=value))


def test_below_the_minimum_no_prize_even_when_one_is_left(client, played, make_user):
    round_, people = played
    assert _winners(round_)["Cường"] == "consolation"  # without a minimum: 2/5 wins
    login(client, make_user(role="organizer"))
    response = _set_min_score(client, round_.contest, "3")
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert _winners(round_) == {"An": "first", "Bình": "second"}
    label = prize_book(round_).label(people["Cường"].id, "contestant", "cbccvc", 2)
    assert label == "Không xét giải: dưới điểm tối thiểu để xét giải (3 câu đúng)"


def test_the_setting_is_audited_and_shown_on_the_rules_page(client, played, make_user):
    round_, _ = played
    login(client, make_user(role="organizer"))
    assert _set_min_score(client, round_.contest, "4").status_code == 302
    row = db.session.scalars(select(AuditLog).where(AuditLog.action == "contest.update")).one()
    assert (row.details["before"]["prize_min_score"], row.details["after"]["prize_min_score"]) \
        == (0, 4)
    rules = client.get("/the-le").get_data(as_text=True)
    assert "Điểm tối thiểu để xét giải: 4 câu trả lời đúng." in rules


def test_a_negative_or_huge_minimum_is_refused_and_changes_nothing(client, played, make_user):
    round_, _ = played
    login(client, make_user(role="organizer"))
    for value in ("-1", "500"):
        response = _set_min_score(client, round_.contest, value)
        assert response.status_code == 400
        assert "Điểm tối thiểu để xét giải phải từ 0 đến 200" in response.get_data(as_text=True)
    db.session.expire_all()
    assert round_.contest.prize_min_score == 0
    assert "Điểm tối thiểu để xét giải:" not in client.get("/the-le").get_data(as_text=True)
