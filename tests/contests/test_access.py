"""Only organizers and admins reach the console; others get 403, anonymous the login page."""
import pytest

from tests.conftest import login
from tests.contests.helpers import reload


def _pages(contest, round_):
    return [
        "/quan-tri/cuoc-thi", "/quan-tri/cuoc-thi/moi", f"/quan-tri/cuoc-thi/{contest.id}",
        f"/quan-tri/cuoc-thi/{contest.id}/bang-giai/moi",
        f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi",
        f"/quan-tri/cuoc-thi/dot-thi/{round_.id}", f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/sua",
    ]


def _actions(contest, round_):
    return [
        f"/quan-tri/cuoc-thi/{contest.id}", f"/quan-tri/cuoc-thi/{contest.id}/logo/xoa",
        f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/cong-bo-lich",
        f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/ve-ban-nhap",
        f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/dong-som",
        f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/gia-han",
    ]


@pytest.fixture
def draft(make_round):
    return make_round(scheduled=False)


def test_anonymous_is_sent_to_login(client, draft):
    for url in _pages(draft.contest, draft):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"], url


@pytest.mark.parametrize("role", ["contestant", "unit_manager"])
def test_other_roles_are_refused_and_change_nothing(client, make_user, draft, role):
    login(client, make_user(role=role))
    for url in _pages(draft.contest, draft):
        assert client.get(url).status_code == 403, url
    for url in _actions(draft.contest, draft):
        assert client.post(url, data={"confirm": "y", "reason": "x",
                                      "closes_at": "01/01/2030 08:00"}).status_code == 403, url
    assert reload(draft).scheduled_at is None


@pytest.mark.parametrize("role", ["organizer", "admin"])
def test_organizers_and_admins_see_every_page(client, make_user, draft, role):
    login(client, make_user(role=role))
    for url in _pages(draft.contest, draft):
        assert client.get(url).status_code == 200, url


def test_unknown_ids_are_404(console, draft):
    assert console.get("/quan-tri/cuoc-thi/999").status_code == 404
    assert console.get("/quan-tri/cuoc-thi/dot-thi/999").status_code == 404
    assert console.post("/quan-tri/cuoc-thi/dot-thi/999/cong-bo-lich").status_code == 404
