"""Who may use the account console: every route, every role."""
import pytest

from tests.accounts.admin_helpers import URL, accounts_snapshot, reload
from tests.conftest import PASSWORD


def target_routes(user_id, unit_id, new_role="contestant", manager_unit_id=None):
    """The routes that act on one account, with a valid form for each."""
    return [
        ("GET", f"{URL}/{user_id}/sua", {}),
        ("POST", f"{URL}/{user_id}/sua", {"full_name": "Tên Mới", "date_of_birth": "02/02/1990",
                                          "unit_id": str(unit_id), "reason": "Theo CCCD"}),
        ("POST", f"{URL}/{user_id}/dat-lai-mat-khau", {"confirm": "y"}),
        ("POST", f"{URL}/{user_id}/khoa", {"reason": "Thi hộ người khác"}),
        ("POST", f"{URL}/{user_id}/mo-khoa", {"reason": "Đã xác minh"}),
        ("POST", f"{URL}/{user_id}/vai-tro", {"role": new_role}),
        ("POST", f"{URL}/{user_id}/lanh-dao-don-vi", {"unit_id": str(manager_unit_id or unit_id)}),
    ]


def all_routes(user_id, unit_id):
    return [
        ("GET", f"{URL}/", {}),
        ("GET", f"{URL}/?q=an&vai-tro=contestant", {}),
        ("GET", f"{URL}/{user_id}", {}),
        ("GET", f"{URL}/tao-hang-loat", {}),
        ("POST", f"{URL}/tao-hang-loat", {}),
        ("GET", f"{URL}/tao-hang-loat/mau.xlsx", {}),
        *target_routes(user_id, unit_id),
    ]


def call(client, method, url, data):
    return client.open(url, method=method, data=data) if method == "POST" else client.get(url)


def test_visitors_are_sent_to_the_login_page(client, make_user, make_unit):
    target, unit = make_user(), make_unit()
    before = accounts_snapshot()
    for method, url, data in all_routes(target.id, unit.id):
        response = call(client, method, url, data)
        assert response.status_code == 302, (method, url)
        assert "/dang-nhap" in response.headers["Location"], (method, url)
    assert accounts_snapshot() == before


@pytest.mark.parametrize("role", ["contestant", "unit_manager"])
def test_contestants_and_unit_managers_are_refused(as_user, make_user, make_unit, role):
    client, _ = as_user(role)
    target, unit = make_user(), make_unit()
    before = accounts_snapshot()
    for method, url, data in all_routes(target.id, unit.id):
        response = call(client, method, url, data)
        assert response.status_code == 403, (method, url)
        assert "không có quyền" in response.get_data(as_text=True), (method, url)
    assert accounts_snapshot() == before


@pytest.mark.parametrize("target_role", ["organizer", "admin"])
def test_an_organizer_sees_but_cannot_touch_staff_accounts(as_user, make_user, make_unit,
                                                           target_role):
    client, _ = as_user("organizer")
    target, unit = make_user(role=target_role), make_unit()
    assert client.get(f"{URL}/{target.id}").status_code == 200
    before = accounts_snapshot()
    for method, url, data in target_routes(target.id, unit.id):
        response = call(client, method, url, data)
        assert response.status_code == 403, (method, url)
        assert "Quản trị" in response.get_data(as_text=True), (method, url)
    assert accounts_snapshot() == before


@pytest.mark.parametrize("actor_role, target_role", [
    ("organizer", "contestant"), ("organizer", "unit_manager"),
    ("admin", "contestant"), ("admin", "organizer"), ("admin", "admin"),
])
def test_allowed_actions_go_through(as_user, make_user, make_unit, actor_role, target_role):
    client, _ = as_user(actor_role)
    target, unit, managed = make_user(role=target_role), make_unit(), make_unit(name="Xã A")
    new_role = "unit_manager" if target_role == "contestant" else "contestant"
    pages = [url for method, url, _ in all_routes(target.id, unit.id) if method == "GET"]
    assert [client.get(url).status_code for url in pages] == [200] * len(pages)
    statuses = [call(client, method, url, data).status_code
                for method, url, data in target_routes(target.id, unit.id, new_role, managed.id)]
    # correction form, correction, new password page, lock, unlock, role, unit manager
    assert statuses == [200, 302, 200, 302, 302, 302, 302]
    changed = reload(target)
    assert (changed.full_name, changed.role, changed.unit_id, changed.locked_at) == (
        "Tên Mới", "unit_manager", managed.id, None)
    assert not changed.check_password(PASSWORD)
