"""The audit log is for organizers and admins only."""
import pytest
from sqlalchemy import select

from contest.audit.models import AuditLog
from contest.extensions import db
from tests.conftest import login

PATHS = ["/quan-tri/nhat-ky/", "/quan-tri/nhat-ky/nhat-ky.xlsx"]


@pytest.mark.parametrize("path", PATHS)
def test_a_visitor_is_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


@pytest.mark.parametrize("role", ["contestant", "unit_manager"])
@pytest.mark.parametrize("path", PATHS)
def test_contestants_and_unit_managers_are_refused(client, make_user, role, path):
    login(client, make_user(role=role))
    assert client.get(path).status_code == 403
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "audit.export")) is None


@pytest.mark.parametrize("role", ["organizer", "admin"])
@pytest.mark.parametrize("path", PATHS)
def test_organizers_and_admins_may(client, make_user, role, path):
    login(client, make_user(role=role))
    assert client.get(path).status_code == 200
