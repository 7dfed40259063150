"""A person whose password an organizer gave (bulk creation, a reset) sets their
own before anything else: pages lead to the profile page, JSON answers 403,
and choosing a new password (not the given one) ends it."""
import pytest

from contest.accounts.models import User
from contest.extensions import db
from tests.accounts.admin_helpers import URL, audit_rows, reload
from tests.conftest import PASSWORD, login

MESSAGE = ("Bạn đang dùng mật khẩu do Ban Tổ chức cấp. Vui lòng đặt mật khẩu của riêng bạn "
           "để tiếp tục.")
NEW_PASSWORD = "hoa-sen-mua-thu-2026"


@pytest.fixture
def given(contestant):
    """A person whose password the organizer set (``PASSWORD``)."""
    contestant.must_change_password = True
    db.session.commit()
    return contestant


def change_password(client, current, new):
    return client.post("/ho-so/mat-khau", data={
        "current_password": current, "password": new, "password_confirm": new})


def test_every_page_leads_to_the_password_form_until_one_is_chosen(client, given):
    login(client, given)
    for path in ("/", "/lich-su", f"{URL}/tao-hang-loat"):
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["Location"] == "/ho-so"
    page = client.get("/ho-so")
    assert page.status_code == 200
    assert MESSAGE in page.get_data(as_text=True)
    assert client.get("/healthz").status_code == 200


def test_json_answers_403_with_the_reason(client, given):
    login(client, given)
    response = client.get("/api/don-vi?q=so")
    assert response.status_code == 403
    assert response.get_json() == {"error": MESSAGE}


def test_the_given_password_cannot_be_kept(client, given):
    login(client, given)
    response = change_password(client, PASSWORD, PASSWORD)
    assert response.status_code == 422
    assert "Mật khẩu mới phải khác mật khẩu hiện tại" in response.get_data(as_text=True)
    assert reload(given).must_change_password


def test_a_password_of_ones_own_ends_it_and_stays_logged_in(client, given):
    login(client, given)
    assert change_password(client, PASSWORD, NEW_PASSWORD).status_code == 302
    assert not reload(given).must_change_password
    assert client.get("/lich-su").status_code == 200
    [changed] = audit_rows("account.password_change")
    assert changed.details == {"replaced_initial": True}


def test_the_organizers_reset_asks_for_a_new_password_at_next_login(app, as_user, contestant):
    organizer, _ = as_user("organizer")
    page = organizer.post(f"{URL}/{contestant.id}/dat-lai-mat-khau", data={"confirm": "y"})
    password = page.get_data(as_text=True).split('<code class="new-password">')[1].split("<")[0]
    person = app.test_client()
    person.post("/dang-nhap", data={"identifier": contestant.phone, "password": password})
    assert person.get("/lich-su").status_code == 303
    assert db.session.get(User, contestant.id).must_change_password
