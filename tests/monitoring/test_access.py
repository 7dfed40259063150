"""The live dashboard is for organizers and admins only."""
import pytest

from tests.conftest import login

PATHS = ["/quan-tri/theo-doi/", "/quan-tri/theo-doi/dot-thi/{id}",
         "/quan-tri/theo-doi/dot-thi/{id}/theo-gio.svg"]


@pytest.mark.parametrize("path", PATHS)
def test_a_visitor_is_sent_to_log_in(client, make_round, path):
    response = client.get(path.format(id=make_round().id))
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


@pytest.mark.parametrize("role", ["contestant", "unit_manager"])
@pytest.mark.parametrize("path", PATHS)
def test_contestants_and_unit_managers_are_refused(client, make_round, make_user, role, path):
    round_ = make_round()
    login(client, make_user(role=role))
    response = client.get(path.format(id=round_.id))
    assert response.status_code == 403
    assert "Bạn không có quyền truy cập trang này." in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["organizer", "admin"])
@pytest.mark.parametrize("path", PATHS[1:])
def test_organizers_and_admins_see_it(client, make_round, make_user, role, path):
    round_ = make_round()
    login(client, make_user(role=role))
    assert client.get(path.format(id=round_.id)).status_code == 200
