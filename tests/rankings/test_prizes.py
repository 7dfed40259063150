"""Prize allocation per group: groups and their audiences, staff passed over,
disqualification moving the next person up, verification before publication,
one prize per person, and the public list after publication only."""
import pytest

from contest.extensions import db
from contest.prizes import services
from contest.prizes.models import Award
from contest.contests.models import PrizeGroup
from contest.prizes.services import (
    AlreadyPublished, NotAWinner, ResultsNotFinal, WinnersNotVerified,
)
from contest.reasons import ReasonRequired
from contest.audit.models import AuditLog
from tests.conftest import login
from tests.rankings.helpers import take_attempt


@pytest.fixture
def groups(open_round):
    contest = open_round.contest
    db.session.add_all([
        PrizeGroup(contest_id=contest.id, position=1, name="Bảng A – CBCCVC", audiences="cbccvc",
                   first_prizes=1, second_prizes=1, third_prizes=0, consolation_prizes=0),
        PrizeGroup(contest_id=contest.id, position=2, name="Bảng B – Nhân dân",
                   audiences="citizen,student", first_prizes=1, second_prizes=0,
                   third_prizes=0, consolation_prizes=1),
    ])
    db.session.commit()


def person(make_user, audience, name, role="contestant"):
    user = make_user(role=role)
    user.audience, user.full_name = audience, name
    db.session.commit()
    return user


@pytest.fixture
def field(open_round, groups, make_user):
    """Everyone predicts the true count of perfect scorers (5) except where noted."""
    users = {
        "organizer": person(make_user, "cbccvc", "Ban Tổ chức", role="organizer"),
        "a1": person(make_user, "cbccvc", "Công chức Một"),
        "a2": person(make_user, "cbccvc", "Công chức Hai"),
        "a3": person(make_user, "cbccvc", "Công chức Ba"),
        "b1": person(make_user, "citizen", "Người dân Một"),
        "b2": person(make_user, "student", "Sinh viên Hai"),
        "b3": person(make_user, "citizen", "Người dân Ba"),
    }
    plan = {"organizer": (5, 1), "a1": (5, 2), "a2": (5, 3), "a3": (4, 4), "b1": (5, 5),
            "b2": (5, 6), "b3": (3, 7)}
    for key, (correct, seconds) in plan.items():
        take_attempt(users[key], open_round, correct=correct, seconds=seconds, prediction=5)
    return users


def winners(round_):
    return {result.group.name: [(w.prize, w.row.full_name) for w in result.winners]
            for result in services.provisional_winners(round_)}


def test_groups_fill_in_ranking_order_and_staff_are_passed_over(open_round, field, close_round):
    close_round(open_round)
    assert winners(open_round) == {
        "Bảng A – CBCCVC": [("first", "Công chức Một"), ("second", "Công chức Hai")],
        "Bảng B – Nhân dân": [("first", "Người dân Một"), ("consolation", "Sinh viên Hai")],
    }


def test_staff_can_be_included_when_the_contest_says_so(open_round, field, close_round):
    open_round.contest.prizes_exclude_staff = False
    close_round(open_round)
    assert winners(open_round)["Bảng A – CBCCVC"][0] == ("first", "Ban Tổ chức")


def test_disqualifying_moves_the_next_person_up(open_round, field, close_round, make_user):
    close_round(open_round)
    organizer = field["organizer"]
    with pytest.raises(ReasonRequired):
        services.disqualify_winner(open_round, field["a1"].id, "  ", organizer)
    services.disqualify_winner(open_round, field["a1"].id, "Thi hộ", organizer)
    assert winners(open_round)["Bảng A – CBCCVC"] == [
        ("first", "Công chức Hai"), ("second", "Công chức Ba")]
    entry = AuditLog.query.filter_by(action="prizes.disqualified").one()
    assert entry.details["reason"] == "Thi hộ" and entry.actor_id == organizer.id


def test_only_provisional_winners_can_be_reviewed(open_round, field, close_round):
    with pytest.raises(ResultsNotFinal):
        services.verify_winner(open_round, field["a1"].id, field["organizer"])
    close_round(open_round)
    with pytest.raises(NotAWinner):
        services.verify_winner(open_round, field["b3"].id, field["organizer"])


def test_publication_needs_every_winner_verified_and_snapshots_them(open_round, field,
                                                                   close_round, client):
    close_round(open_round)
    organizer = field["organizer"]
    with pytest.raises(WinnersNotVerified):
        services.publish_results(open_round, organizer)
    assert "Người dân Một" not in client.get(f"/dot-thi/{open_round.id}/ket-qua").get_data(as_text=True)
    for key in ("a1", "a2", "b1", "b2"):
        services.verify_winner(open_round, field[key].id, organizer)
    awards = services.publish_results(open_round, organizer)
    assert len(awards) == 4 and Award.query.count() == 4
    assert len({a.user_id for a in awards}) == 4
    assert AuditLog.query.filter_by(action="results.publish").count() == 1
    with pytest.raises(AlreadyPublished):
        services.verify_winner(open_round, field["a1"].id, organizer)
    html = client.get(f"/dot-thi/{open_round.id}/ket-qua").get_data(as_text=True)
    assert "Người dân Một" in html and "Đáp án: 5" in html and "Giải Khuyến khích" in html
    ranking = client.get(f"/dot-thi/{open_round.id}/xep-hang").get_data(as_text=True)
    assert "7 người đứng đầu" in ranking and "Người dân Ba" in ranking


def test_console_walks_review_and_publication(open_round, field, close_round, client):
    close_round(open_round)
    login(client, field["organizer"])
    page = client.get(f"/quan-tri/dot-thi/{open_round.id}/ket-qua")
    assert page.status_code == 200 and "Công chức Một" in page.get_data(as_text=True)
    assert 'bg-secondary">Ban Tổ chức</span>' in page.get_data(as_text=True)  # staff marked
    bad = client.post(f"/quan-tri/dot-thi/{open_round.id}/loai/{field['a1'].id}", data={"reason": ""})
    assert bad.status_code == 400 and "Vui lòng ghi lý do" in bad.get_data(as_text=True)
    outsider = client.post(f"/quan-tri/dot-thi/{open_round.id}/xac-minh/{field['b3'].id}")
    assert outsider.status_code == 404
    early = client.post(f"/quan-tri/dot-thi/{open_round.id}/cong-bo")
    assert early.status_code == 409
    for key in ("a1", "a2", "b1", "b2"):
        assert client.post(f"/quan-tri/dot-thi/{open_round.id}/xac-minh/{field[key].id}").status_code == 302
    assert client.post(f"/quan-tri/dot-thi/{open_round.id}/cong-bo").status_code == 302
    assert Award.query.count() == 4


def test_console_offers_publication_only_when_it_can_succeed(open_round, field, close_round,
                                                             client):
    """Before the close, and while a winner awaits verification, the console says why
    instead of offering the button; posting anyway answers the console with the reason."""
    login(client, field["organizer"])
    console = f"/quan-tri/dot-thi/{open_round.id}/ket-qua"
    publish = f'action="/quan-tri/dot-thi/{open_round.id}/cong-bo"'
    early = client.get(console).get_data(as_text=True)
    assert publish not in early and "Chưa công bố được. Kết quả đợt thi chưa được tính" in early
    close_round(open_round)
    waiting = client.get(console).get_data(as_text=True)
    assert publish not in waiting and "Còn 4 người dự kiến đạt giải chưa được xác minh" in waiting
    refused = client.post(f"/quan-tri/dot-thi/{open_round.id}/cong-bo")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "Không thể thực hiện" not in page
    assert f"{open_round.name} — kết quả" in page and 'alert-danger' in page
    assert "Còn 4 người dự kiến đạt giải chưa được xác minh" in page
    for key in ("a1", "a2", "b1", "b2"):
        services.verify_winner(open_round, field[key].id, field["organizer"])
    db.session.commit()
    assert publish in client.get(console).get_data(as_text=True)
