"""Role changes: an organizer moves people between contestant and unit manager
only; organizer and admin roles are an admin's to give or take; nobody demotes
or locks themselves; the last admin stays."""
from types import SimpleNamespace

import pytest

from contest.accounts.services import management
from contest.accounts.rules.permissions import LastAdmin
from contest.clock import now
from contest.extensions import db
from contest.transactions import unit_of_work
from tests.accounts.admin_helpers import URL, accounts_snapshot, audit_rows, reload


def set_role(client, user, role):
    return client.post(f"{URL}/{user.id}/vai-tro", data={"role": role})


def test_an_organizer_switches_contestant_and_unit_manager(as_user, make_user):
    client, organizer = as_user("organizer")
    target = make_user()
    assert set_role(client, target, "unit_manager").status_code == 302
    assert reload(target).role == "unit_manager"
    assert set_role(client, target, "contestant").status_code == 302
    assert reload(target).role == "contestant"
    rows = audit_rows("account.role")
    own = target.unit.code  # made a manager this way: of their own unit, until the role ends
    assert [(r.actor_id, r.details) for r in rows] == [
        (organizer.id, {"before": "contestant", "after": "unit_manager",
                        "changes": {"managed_unit": {"before": None, "after": own}}}),
        (organizer.id, {"before": "unit_manager", "after": "contestant",
                        "changes": {"managed_unit": {"before": own, "after": None}}})]


@pytest.mark.parametrize("role", ["organizer", "admin"])
def test_an_organizer_cannot_grant_staff_roles(as_user, make_user, role):
    client, _ = as_user("organizer")
    target = make_user()
    before = accounts_snapshot()
    response = set_role(client, target, role)
    assert response.status_code == 403
    assert "Chỉ Quản trị mới được cấp quyền" in response.get_data(as_text=True)
    assert accounts_snapshot() == before and not audit_rows("account.role")


def test_an_organizer_cannot_demote_another_organizer(as_user, make_user):
    client, _ = as_user("organizer")
    other = make_user(role="organizer")
    before = accounts_snapshot()
    assert set_role(client, other, "contestant").status_code == 403
    assert accounts_snapshot() == before


def test_an_admin_grants_and_removes_staff_roles(as_user, make_user):
    client, admin = as_user("admin")
    target = make_user()
    assert set_role(client, target, "organizer").status_code == 302
    assert set_role(client, target, "admin").status_code == 302
    assert reload(target).role == "admin"
    assert set_role(client, target, "contestant").status_code == 302  # another admin remains
    assert reload(target).role == "contestant"
    rows = audit_rows("account.role")
    assert [r.details["after"] for r in rows] == ["organizer", "admin", "contestant"]
    assert {r.actor_id for r in rows} == {admin.id}


@pytest.mark.parametrize("role", ["organizer", "admin"])
def test_nobody_changes_their_own_role_or_locks_themselves(as_user, make_user, role):
    client, me = as_user(role)
    make_user(role="admin")  # not the last admin: the self rule alone refuses
    before = accounts_snapshot()
    responses = [set_role(client, me, "contestant"),
                 client.post(f"{URL}/{me.id}/khoa", data={"reason": "thử"}),
                 client.post(f"{URL}/{me.id}/lanh-dao-don-vi", data={"unit_id": str(me.unit_id)})]
    expected = 409 if role == "admin" else 403  # an organizer may not touch organizer accounts
    assert [r.status_code for r in responses] == [expected] * 3
    if role == "admin":
        assert "không thể tự đổi vai trò" in responses[0].get_data(as_text=True)
    assert accounts_snapshot() == before


def test_the_last_active_admin_cannot_be_demoted_or_locked(app, make_user):
    last = make_user(role="admin")
    locked = make_user(role="admin")
    locked.locked_at = now()
    db.session.commit()
    script = SimpleNamespace(id=None, role="admin")  # e.g. a maintenance script
    before = accounts_snapshot()
    for action in (lambda: management.change_role(last, "organizer", script),
                   lambda: management.make_unit_manager(last, last.unit_id, script),
                   lambda: management.lock(last, "thử", script)):
        with pytest.raises(LastAdmin):
            action()
        db.session.rollback()
    assert accounts_snapshot() == before
    with unit_of_work():
        management.unlock(locked, "", script)
    with unit_of_work():
        management.change_role(last, "organizer", script)  # now another admin is active
    assert reload(last).role == "organizer"


def test_demoting_the_last_admin_over_the_web_is_refused(as_user, make_user):
    client, admin = as_user("admin")
    other = make_user(role="admin")
    assert set_role(client, other, "organizer").status_code == 302
    before = accounts_snapshot()
    response = set_role(client, admin, "organizer")
    assert response.status_code == 409
    assert accounts_snapshot() == before and reload(admin).role == "admin"


def test_an_unknown_role_is_refused(as_user, make_user):
    client, _ = as_user("admin")
    target = make_user()
    before = accounts_snapshot()
    response = set_role(client, target, "superuser")
    assert response.status_code == 400
    assert "Vui lòng chọn một giá trị trong danh sách" in response.get_data(as_text=True)
    assert accounts_snapshot() == before
