"""Only organizers and admins manage units: every route, every other role."""
import pytest

from contest.audit.models import AuditLog
from contest.extensions import db
from tests.conftest import login
from tests.units.helpers import ADMIN_URL, units_snapshot


def routes(unit_id):
    return [
        ("GET", f"{ADMIN_URL}/"),
        ("GET", f"{ADMIN_URL}/moi"),
        ("POST", f"{ADMIN_URL}/moi"),
        ("GET", f"{ADMIN_URL}/{unit_id}/sua"),
        ("POST", f"{ADMIN_URL}/{unit_id}/sua"),
        ("POST", f"{ADMIN_URL}/{unit_id}/ngung-hoat-dong"),
        ("POST", f"{ADMIN_URL}/{unit_id}/hoat-dong-lai"),
        ("GET", f"{ADMIN_URL}/nhap-excel"),
        ("POST", f"{ADMIN_URL}/nhap-excel"),
        ("GET", f"{ADMIN_URL}/nap-theo-tinh"),
        ("POST", f"{ADMIN_URL}/nap-theo-tinh"),
        ("GET", f"{ADMIN_URL}/mau.xlsx"),
        ("GET", f"{ADMIN_URL}/danh-sach.xlsx"),
    ]


def form_for(method):
    if method == "GET":
        return {}
    return {"data": {"code": "MOI", "name": "Đơn vị mới", "kind": "agency", "headcount": "5",
                     "confirm": "y", "province": "52", "with_agencies": "y"}}


def test_visitors_are_sent_to_the_login_page(client, make_unit):
    unit = make_unit()
    before = units_snapshot()
    for method, url in routes(unit.id):
        response = client.open(url, method=method, **form_for(method))
        assert response.status_code == 302, (method, url)
        assert "/dang-nhap" in response.headers["Location"], (method, url)
    assert units_snapshot() == before


@pytest.mark.parametrize("role", ["contestant", "unit_manager"])
def test_contestants_and_unit_managers_get_403(client, make_unit, make_user, role):
    unit = make_unit()
    login(client, make_user(role=role, unit=unit))
    before = units_snapshot()
    for method, url in routes(unit.id):
        response = client.open(url, method=method, **form_for(method))
        assert response.status_code == 403, (method, url)
        assert "Bạn không có quyền truy cập trang này" in response.get_data(as_text=True)
    assert units_snapshot() == before
    assert db.session.query(AuditLog).filter(AuditLog.action.like("unit.%")).count() == 0


@pytest.mark.parametrize("role", ["organizer", "admin"])
def test_organizers_and_admins_open_every_page(client, make_unit, make_user, role):
    unit = make_unit()
    login(client, make_user(role=role))
    for method, url in routes(unit.id):
        if method == "GET":
            assert client.get(url).status_code == 200, url


def test_an_unknown_unit_is_404(organizer):
    assert organizer.get(f"{ADMIN_URL}/999999/sua").status_code == 404
    response = organizer.post(f"{ADMIN_URL}/999999/ngung-hoat-dong", data={"confirm": "y"})
    assert response.status_code == 404
    assert "Không tìm thấy đơn vị" in response.get_data(as_text=True)
