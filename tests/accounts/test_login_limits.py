"""The login limits cannot be walked around: they count one account however its
identifier is written, count failures rather than successes, and never refuse a
whole agency logging in behind one NAT."""
from datetime import date

import pytest
from werkzeug.security import generate_password_hash

from contest import create_app
from contest.accounts.models import User
from contest.config import TestConfig
from contest.extensions import db
from tests.conftest import PASSWORD, CSRFClient

LIMIT = 10  # wrong passwords a minute for one account


@pytest.fixture
def throttled(app):
    """The app with the rate limits on (fresh counts for each test)."""
    limited = create_app(type("ThrottledConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "RATELIMIT_ENABLED": True,
    }))
    limited.test_client_class = CSRFClient
    with limited.app_context():
        yield limited
        db.session.remove()


def post_login(app, identifier, password):
    """One try from a fresh browser; every client comes from the same address."""
    return app.test_client().post("/dang-nhap", data={"identifier": identifier, "password": password})


@pytest.mark.parametrize("disguise", [
    lambda phone: phone[:2] + "\x01" + phone[2:],          # a control character
    lambda phone: phone[:4] + "\u200b" + phone[4:],        # a zero-width space
    lambda phone: "".join(chr(ord(d) + 0xFEE0) for d in phone),  # full-width digits
    lambda phone: "\ufeff" + phone,                        # a byte-order mark
])
def test_an_account_written_with_invisible_or_wide_characters_is_one_account(
        throttled, make_user, disguise):
    user = make_user(phone="0912345678")
    statuses = [post_login(throttled, disguise(user.phone) if n % 2 else user.phone, "sai").status_code
                for n in range(LIMIT + 2)]
    assert statuses == [422] * LIMIT + [429, 429]
    # the disguised form is the same account for the login itself too
    assert post_login(throttled, disguise(user.phone), PASSWORD).status_code == 429


def test_an_email_in_capitals_with_a_zero_width_joiner_is_one_account(throttled, make_user):
    make_user(email="an@example.vn")
    for n in range(LIMIT):
        post_login(throttled, "AN@example.vn\u200d" if n % 2 else "an@example.vn", "sai")
    assert post_login(throttled, "an@example.vn", PASSWORD).status_code == 429


def test_successful_logins_do_not_use_up_the_accounts_limit(throttled, make_user):
    user = make_user()
    assert all(post_login(throttled, user.phone, PASSWORD).status_code == 302 for _ in range(LIMIT))
    wrong = post_login(throttled, user.phone, "sai")
    assert wrong.status_code == 422
    assert "hoặc mật khẩu không đúng" in wrong.get_data(as_text=True)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # limits, not the database
def test_three_hundred_people_behind_one_nat_all_log_in(throttled, make_unit, monkeypatch):
    # A one-round hash keeps 330 logins quick; the limits are what is tested here.
    monkeypatch.setattr("contest.accounts.services.accounts.needs_rehash", lambda stored: False)
    unit, quick_hash = make_unit(), generate_password_hash(PASSWORD, "pbkdf2:sha256:1")
    phones = [f"0913{n:06d}" for n in range(300)]
    db.session.add_all(User(full_name=f"Người {n}", date_of_birth=date(1990, 1, 1), gender="nam",
                            phone=phone, audience="cbccvc", unit_id=unit.id,
                            password_hash=quick_hash) for n, phone in enumerate(phones))
    db.session.commit()
    typos = [post_login(throttled, phone, "sai").status_code for phone in phones[::10]]
    statuses = [post_login(throttled, phone, PASSWORD).status_code for phone in phones]
    assert typos == [422] * 30  # one in ten mistypes first
    assert statuses == [302] * 300


def test_reset_links_to_one_mailbox_are_limited_however_it_is_written(throttled, make_user):
    make_user(email="an@example.vn")
    addresses = ["an@example.vn", "AN@example.vn\x01", "\x7fan@example.vn", " An@Example.VN "]
    statuses = [throttled.test_client().post("/quen-mat-khau", data={"email": address}).status_code
                for address in addresses]
    assert statuses == [302, 302, 302, 429]  # three links an hour to one mailbox
