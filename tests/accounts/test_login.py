import pytest

from contest import create_app
from contest.config import TestConfig
from contest.extensions import db
from tests.conftest import PASSWORD, CSRFClient


def test_login_with_phone_or_email_and_logout(client, make_user):
    user = make_user(phone="0912000111", email="an@example.vn")
    for identifier in ("0912 000 111", "AN@example.vn"):
        response = client.post("/dang-nhap", data={"identifier": identifier, "password": PASSWORD})
        assert response.status_code == 302
        assert user.full_name in client.get("/").get_data(as_text=True)
        assert client.post("/dang-xuat").status_code == 302
        assert user.full_name not in client.get("/").get_data(as_text=True)


def test_wrong_password_is_refused_in_vietnamese(client, make_user):
    user = make_user()
    response = client.post("/dang-nhap", data={"identifier": user.phone, "password": "sai-mat-khau"})
    assert response.status_code == 422
    assert "hoặc mật khẩu không đúng" in response.get_data(as_text=True)


def test_login_redirects_only_to_this_site(client, make_user):
    user = make_user()
    data = {"identifier": user.phone, "password": PASSWORD}
    response = client.post("/dang-nhap?next=//evil.example/x", data=data)
    assert response.headers["Location"] == "/"
    client.post("/dang-xuat")
    # a login starts a new session, CSRF token included: the form is sent afresh
    response = client.post("/dang-nhap?next=/lich-su", data=dict(data, csrf_token=client.csrf_token()))
    assert response.headers["Location"] == "/lich-su"


def test_pages_that_need_login_send_to_login(client):
    response = client.get("/lich-su")
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]
    api = client.post("/api/bai-thi/abc/tra-loi", json={"position": 1, "choice": 0})
    assert api.status_code == 401 and "đăng nhập" in api.get_json()["error"]


@pytest.mark.commits
def test_logins_are_throttled_per_account(app, make_user):
    throttled = create_app(type("ThrottledConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "RATELIMIT_ENABLED": True,
    }))
    throttled.test_client_class = CSRFClient
    user, other = make_user(), make_user()
    client = throttled.test_client()
    with throttled.app_context():
        for attempt in range(10):  # the same phone written two ways is one account
            identifier = user.phone if attempt % 2 else "+84 " + user.phone[1:]
            client.post("/dang-nhap", data={"identifier": identifier, "password": "sai"})
        blocked = client.post("/dang-nhap", data={"identifier": user.phone, "password": PASSWORD})
        assert blocked.status_code == 429
        assert "quá nhiều lần nhập sai mật khẩu" in blocked.get_data(as_text=True)
        # Another account behind the same IP (one office NAT) can still log in.
        ok = client.post("/dang-nhap", data={"identifier": other.phone, "password": PASSWORD})
        assert ok.status_code == 302
        db.session.remove()
