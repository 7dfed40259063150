"""Issue 17, case 8: a unit manager's unit is the one the organizer assigned
(``users.managed_unit_id``), never the unit on the person's own profile, which
unit managers, organizers and admins cannot change themselves."""
from datetime import date, datetime, timezone

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from contest import create_app
from contest.audit.models import AuditLog
from contest.config import TestConfig
from contest.extensions import db
from tests.accounts.admin_helpers import URL, accounts_snapshot, reload
from tests.conftest import login

REFUSED = "không tự đổi đơn vị được"


def profile_form(user, unit) -> dict:
    return {"full_name": user.full_name, "date_of_birth": user.date_of_birth.isoformat(),
            "unit_id": str(unit.id), "phone": user.phone, "email": ""}


@pytest.mark.parametrize("role", ["unit_manager", "organizer", "admin"])
def test_staff_cannot_change_their_own_unit(client, make_user, make_unit, role):
    """No submitted attempt, so the unit field is open to a contestant; not to staff."""
    mine, other = make_unit(name="Xã Của Tôi"), make_unit(name="Xã Bên Cạnh")
    user = make_user(role=role, unit=mine)
    login(client, user)
    page = client.get("/ho-so").get_data(as_text=True)
    assert REFUSED in page and "<select" not in page  # the unit is shown, not offered
    before = accounts_snapshot()
    response = client.post("/ho-so", data=profile_form(user, other))
    assert response.status_code == 400 and REFUSED in response.get_data(as_text=True)
    assert accounts_snapshot() == before
    assert AuditLog.query.filter_by(action="account.profile").count() == 0
    assert client.post("/ho-so", data=profile_form(user, mine)).status_code == 302  # unchanged


def test_a_contestant_still_picks_their_unit(client, make_user, make_unit):
    user, other = make_user(), make_unit(name="Xã Mới")
    login(client, user)
    assert client.post("/ho-so", data=profile_form(user, other)).status_code == 302
    assert reload(user).unit_id == other.id


def unit_pages(code: str) -> list[str]:
    return [f"/don-vi/{code}", f"/don-vi/{code}/chua-tham-gia",
            f"/don-vi/{code}/chua-tham-gia.xlsx"]


def test_a_manager_reads_only_the_assigned_unit_whatever_their_own_unit_says(
        client, make_round, make_user, make_unit):
    make_round()
    mine, other = make_unit(name="Xã Của Tôi"), make_unit(name="Xã Bên Cạnh")
    manager = make_user(role="unit_manager", unit=mine)
    db.session.execute(text("UPDATE users SET unit_id = :other WHERE id = :id"),
                       {"other": other.id, "id": manager.id})  # as if edited on /ho-so before
    db.session.commit()
    login(client, manager)
    for path in unit_pages(other.code):
        assert client.get(path).status_code == 403, path
    for path in unit_pages(mine.code):
        assert client.get(path).status_code == 200, path
    assert client.get("/don-vi-cua-toi").headers["Location"].endswith(f"/don-vi/{mine.code}")


def test_the_organizer_assigns_the_unit_and_taking_the_role_away_clears_it(
        client, app, make_round, make_user, make_unit):
    make_round()
    organizer, commune = make_user(role="organizer"), make_unit(name="Xã Ia Grai")
    person = make_user()
    login(client, organizer)
    page = client.get(f"{URL}/{person.id}").get_data(as_text=True)
    assert f'<option selected value="{person.unit_id}">' in page  # default: their own unit
    client.post(f"{URL}/{person.id}/vai-tro", data={"role": "unit_manager"})
    assert reload(person).managed_unit_id == person.unit_id
    client.post(f"{URL}/{person.id}/lanh-dao-don-vi", data={"unit_id": str(commune.id)})
    assert reload(person).managed_unit_id == commune.id
    assert "Đơn vị quản lý" in client.get(f"{URL}/{person.id}").get_data(as_text=True)
    client.post(f"{URL}/{person.id}/vai-tro", data={"role": "contestant"})
    assert reload(person).managed_unit_id is None
    [*_, last] = AuditLog.query.filter_by(action="account.role").order_by(AuditLog.id).all()
    assert last.details["changes"] == {"managed_unit": {"before": commune.code, "after": None}}
    again = app.test_client()
    login(again, person)
    assert again.get(f"/don-vi/{commune.code}").status_code == 403


def test_the_migration_gives_todays_managers_the_unit_they_have(empty_database_url):
    app = create_app(type("MigrationConfig", (TestConfig,),
                          {"SQLALCHEMY_DATABASE_URI": empty_database_url}))
    with app.app_context():
        upgrade(revision="0011")
        now = datetime(2026, 1, 1, tzinfo=timezone.utc)
        db.session.execute(text(
            "INSERT INTO units (id, code, name, name_folded, kind, active) "
            "VALUES (1, 'X1', 'Xã Một', 'xa mot', 'commune', true)"))
        for number, role in ((1, "unit_manager"), (2, "contestant")):
            db.session.execute(text(
                "INSERT INTO users (id, full_name, date_of_birth, gender, phone, audience, "
                "unit_id, password_hash, role, created_at, session_version) VALUES "
                "(:id, 'Người', :born, 'nam', :phone, 'cbccvc', 1, 'x', :role, :now, 0)"),
                {"id": number, "born": date(1990, 1, 1), "phone": f"091200000{number}",
                 "role": role, "now": now})
        db.session.commit()
        upgrade()
        assert dict(db.session.execute(text("SELECT id, managed_unit_id FROM users")).all()) == {
            1: 1, 2: None}
        db.session.remove()
        db.engine.dispose()  # the fixture drops the database (schema) it made


def test_a_manager_without_an_assigned_unit_sees_no_unit(client, make_user, make_unit):
    manager = make_user(role="unit_manager", unit=make_unit(name="Xã Của Tôi"))
    manager.managed_unit_id = None
    db.session.commit()
    login(client, manager)
    assert client.get("/don-vi-cua-toi").status_code == 403
    assert client.get(f"/don-vi/{manager.unit.code}").status_code == 403
