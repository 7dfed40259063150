"""Sessions end: logging out, a new password (own, by e-mail link, by the organizer)
and a lock end every session and remember cookie of the person; a login starts a
fresh session; the cookies are Secure over HTTPS and do not last for ever."""
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest
from itsdangerous.timed import TimestampSigner

from contest import create_app
from contest.accounts.services import reset
from contest.accounts.models import User
from contest.config import TestConfig
from contest.extensions import db
from tests.accounts.admin_helpers import URL
from tests.conftest import PASSWORD, CSRFClient

NEW_PASSWORD = "mat-khau-moi-456"
LOGIN_PAGE = "/dang-nhap"


def log_in(client, user, remember=False):
    data = {"identifier": user.phone, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post(LOGIN_PAGE, data=data)
    assert response.status_code == 302
    return response


def cookie(client, name: str) -> str:
    found = client.get_cookie(name)
    assert found is not None, name
    return found.value


def logged_in_with(app, **cookies) -> bool:
    """True when a fresh browser holding only ``cookies`` sees a page that needs a login."""
    browser = app.test_client()
    for name, value in cookies.items():
        browser.set_cookie(name, value)
    response = browser.get("/lich-su")
    if response.status_code == 302:
        assert LOGIN_PAGE in response.headers["Location"]  # the page asks to log in
    return response.status_code == 200


def test_a_session_cookie_copied_before_logout_is_refused_after_it(app, client, contestant):
    log_in(client, contestant)
    copied = cookie(client, "session")
    assert logged_in_with(app, session=copied)
    client.post("/dang-xuat")
    assert not logged_in_with(app, session=copied)
    assert not logged_in_with(app, session=cookie(client, "session"))


def test_a_remember_cookie_ends_with_logout(app, client, contestant):
    log_in(client, contestant, remember=True)
    remembered = cookie(client, "remember_token")
    assert logged_in_with(app, remember_token=remembered)  # the session gone, it logs in
    client.post("/dang-xuat")
    assert not logged_in_with(app, remember_token=remembered)


def test_a_remember_cookie_from_before_a_password_change_no_longer_logs_in(app, client, contestant):
    log_in(client, contestant, remember=True)
    remembered = cookie(client, "remember_token")
    phone = app.test_client()
    log_in(phone, contestant)
    changed = client.post("/ho-so/mat-khau", data={
        "current_password": PASSWORD, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert changed.status_code == 302
    assert not logged_in_with(app, remember_token=remembered)
    assert phone.get("/lich-su").status_code == 302  # the other device is logged out too


def test_two_logins_give_different_remember_cookies(client, contestant):
    log_in(client, contestant, remember=True)
    first = cookie(client, "remember_token")
    client.post("/dang-xuat")
    log_in(client, contestant, remember=True)
    assert cookie(client, "remember_token") != first


def test_a_login_starts_a_new_session(client, contestant):
    with client.session_transaction() as planted:  # e.g. a session fixed by someone else
        planted["marker"] = "planted"
    log_in(client, contestant)
    with client.session_transaction() as session:
        assert "marker" not in session


def test_a_reset_by_email_link_ends_every_session(app, client, contestant):
    log_in(client, contestant)
    reset.complete_reset(reset.make_token(contestant), NEW_PASSWORD)
    assert client.get("/lich-su").status_code == 302


def test_the_organizers_reset_and_a_lock_end_every_session(app, as_user, make_user):
    organizer, _ = as_user("organizer")
    target = make_user()
    before_reset, before_lock = app.test_client(), app.test_client()
    log_in(before_reset, target)
    organizer.post(f"{URL}/{target.id}/dat-lai-mat-khau", data={"confirm": "y"})
    assert before_reset.get("/lich-su").status_code == 302

    db.session.get(User, target.id).set_password(PASSWORD)
    db.session.commit()
    log_in(before_lock, target)
    assert organizer.post(f"{URL}/{target.id}/khoa", data={"reason": "Thi hộ"}).status_code == 302
    assert organizer.post(f"{URL}/{target.id}/mo-khoa", data={"reason": ""}).status_code == 302
    assert before_lock.get("/lich-su").status_code == 302  # still ended after the unlock


def test_the_answer_save_refuses_an_ended_session(app, client, contestant):
    log_in(client, contestant)
    other_device = app.test_client()
    log_in(other_device, contestant)
    save = "/api/bai-thi/khong-co/tra-loi"
    assert client.post(save, json={"position": 1, "choice": 0}).status_code == 404  # logged in
    other_device.post("/dang-xuat")
    refused = client.post(save, json={"position": 1, "choice": 0})
    assert refused.status_code == 401 and "đăng nhập" in refused.get_json()["error"]


def test_a_session_lasts_12_hours_after_the_last_request_never_cut_mid_attempt(
        client, contestant, monkeypatch):
    now = [1_900_000_000]
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now[0])
    log_in(client, contestant)
    for _ in range(12 * 3 + 3):  # active for 13 hours: a request every 20 minutes
        now[0] += 20 * 60
        assert client.get("/lich-su").status_code == 200
    now[0] += int(timedelta(hours=12, minutes=1).total_seconds())  # then idle past 12 hours
    assert client.get("/lich-su").status_code == 302


@pytest.mark.commits
def test_the_cookies_are_secure_httponly_lax_and_remember_lasts_30_days(app, contestant):
    secure = create_app(type("SecureConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True,
    }))
    secure.test_client_class = CSRFClient
    with secure.app_context():
        response = secure.test_client().post(LOGIN_PAGE, base_url="https://localhost", headers={
            "Referer": "https://localhost/dang-nhap"}, data={
            "identifier": contestant.phone, "password": PASSWORD, "remember": "y"})
        headers = response.headers.getlist("Set-Cookie")
        db.session.remove()
    session_cookie = next(h for h in headers if h.startswith("session="))
    remember_cookie = next(h for h in headers if h.startswith("remember_token="))
    for header in (session_cookie, remember_cookie):
        assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", remember_cookie)[1])
    assert abs(expires - datetime.now(timezone.utc) - timedelta(days=30)) < timedelta(minutes=5)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("setting, secure", [("1", True), ("", False)])
def test_both_cookies_follow_the_https_setting(database_url, setting, secure):
    env = {**os.environ, "SESSION_COOKIE_SECURE": setting}
    code = ("from contest.config import Config as C; "
            "print(C.SESSION_COOKIE_SECURE, C.REMEMBER_COOKIE_SECURE, C.REMEMBER_COOKIE_HTTPONLY, "
            "C.REMEMBER_COOKIE_DURATION.days, C.PERMANENT_SESSION_LIFETIME.total_seconds() / 3600)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert out.stdout.split() == [str(secure), str(secure), "True", "30", "12.0"]


def test_an_answer_save_does_not_resend_the_session_cookie_but_the_quiz_page_renews_it(
        client, contestant, make_questions, make_round):
    """The save is the request a rush is made of: signing the cookie again on each
    one cost a fifth of it. The quiz page and the submit renew the session."""
    from tests.quiz.helpers import save, start
    make_questions(5)
    round_ = make_round()
    log_in(client, contestant)
    attempt = start(client, round_)
    quiz_page = client.get(f"/bai-thi/{attempt.public_id}")
    assert quiz_page.status_code == 200 and "session=" in quiz_page.headers.get("Set-Cookie", "")
    saved = save(client, attempt, 1, 0)
    assert saved.status_code == 200 and "Set-Cookie" not in saved.headers
