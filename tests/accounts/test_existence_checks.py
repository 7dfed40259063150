"""Registration does not tell a stranger whether a CCCD or an e-mail has an account:
a failing form answers the same for a used and a fresh value; once the account is
made without the used value, the person is told what to do, naming no one."""
import re
import threading
from types import SimpleNamespace

import pytest

from contest.accounts.services import registration
from contest.accounts.models import User
from contest.audit.models import AuditLog
from contest.extensions import db
from contest.accounts.rules.cccd import cccd_hash
from tests.accounts.test_enumeration import CCCD, register, someone, unit  # noqa: F401  (fixtures)

FRESH_CCCD = "079201009876"
FIELD_ERRORS = re.compile(r'class="invalid-feedback[^"]*"[^>]*>\s*(.*?)\s*</div>')


def errors_in(response) -> list[str]:
    """The messages by the fields, as text (one may hold a link)."""
    return [re.sub(r"<[^>]+>", "", error) for error in FIELD_ERRORS.findall(response.get_data(as_text=True))]


def mismatched(client, unit, **changes):
    """A registration that fails on its passwords: no account is made."""
    return register(client, unit, password_confirm="khac-mat-khau-1", **changes)


@pytest.mark.parametrize("used, fresh", [
    ({"cccd": CCCD}, {"cccd": FRESH_CCCD}),
    ({"cccd": "0010 9001-2345"}, {"cccd": "0792 0100-9876"}),
    ({"email": "AN@example.vn"}, {"email": "moi@example.vn"}),
])
def test_a_failing_registration_answers_the_same_for_a_used_and_a_fresh_value(
        client, unit, someone, used, fresh):
    by_used, by_fresh = mismatched(client, unit, **used), mismatched(client, unit, **fresh)
    assert by_used.status_code == by_fresh.status_code == 422
    assert errors_in(by_used) == errors_in(by_fresh) == ["Hai lần nhập mật khẩu không khớp."]
    assert db.session.query(User).count() == 1


def test_a_used_cccd_makes_the_account_without_it_and_says_whom_to_ask(client, unit, someone):
    response = register(client, unit, cccd=CCCD)
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tài khoản đã được tạo, nhưng số CCCD bạn nhập chưa được gắn vào tài khoản" in html
    assert "liên hệ Ban Tổ chức" in html
    assert someone.full_name not in html and someone.phone not in html
    new = db.session.query(User).filter_by(phone="0987654321").one()
    assert (new.cccd_hash, new.cccd_last4) == (None, None)
    assert db.session.get(User, someone.id).cccd_hash == cccd_hash(CCCD)
    entry = db.session.query(AuditLog).filter_by(action="account.register", actor_id=new.id).one()
    assert entry.details["left_out"] == ["cccd"]


def test_a_used_email_makes_the_account_without_it_and_says_what_to_do(client, unit, someone):
    response = register(client, unit, email="An@Example.vn", cccd=FRESH_CCCD)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "email bạn nhập chưa được gắn vào tài khoản" in html and "trang Hồ sơ" in html
    assert "CCCD" not in html  # the fresh CCCD was kept
    new = db.session.query(User).filter_by(phone="0987654321").one()
    assert (new.email, new.cccd_last4) == (None, "9876")


def test_fresh_values_are_kept_and_no_warning_is_shown(client, unit, someone):
    response = register(client, unit, email="moi@example.vn", cccd=FRESH_CCCD)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đăng ký thành công" in html and "chưa được gắn" not in html
    new = db.session.query(User).filter_by(phone="0987654321").one()
    assert (new.email, new.cccd_last4) == ("moi@example.vn", "9876")


def test_a_cccd_taken_by_a_registration_at_the_same_moment_is_left_out_not_a_500(
        client, unit, someone, monkeypatch):
    """Both registrations saw the number free; the second one's insert hits the unique
    constraint, and it is made without the number."""
    seen_free = iter([()])
    real = registration._used_elsewhere
    monkeypatch.setattr(registration, "_used_elsewhere",
                        lambda email, cccd: next(seen_free, None) or real(email, cccd))
    response = register(client, unit, cccd=CCCD)
    assert response.status_code == 302
    assert "số CCCD bạn nhập chưa được gắn" in client.get("/").get_data(as_text=True)
    assert db.session.query(User).filter_by(phone="0987654321").one().cccd_hash is None


def test_a_phone_taken_at_the_same_moment_is_told_to_log_in_not_a_500(client, unit, someone,
                                                                      monkeypatch):
    monkeypatch.setattr("contest.accounts.forms.used_by_another", lambda *args: False)
    response = register(client, unit, phone=someone.phone)
    assert response.status_code == 422
    assert "Số điện thoại này đã được đăng ký. Hãy đăng nhập." in errors_in(response)
    assert db.session.query(User).count() == 1


@pytest.mark.commits
def test_two_registrations_at_once_with_one_cccd_both_make_an_account(app, unit):
    """Really concurrent (real threads, one request each): one account gets the
    number, the other is made without it and told so; neither is a 500."""
    unit, barrier, pages = SimpleNamespace(id=unit.id), threading.Barrier(2), []

    def sign_up(phone):
        with app.app_context():
            client = app.test_client()
            barrier.wait()
            response = register(client, unit, phone=phone, cccd=FRESH_CCCD)
            pages.append((response.status_code, "chưa được gắn" in client.get("/").get_data(as_text=True)))

    threads = [threading.Thread(target=sign_up, args=(phone,)) for phone in ("0987000001", "0987000002")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(pages) == [(302, False), (302, True)]
    assert db.session.query(User).filter_by(cccd_hash=cccd_hash(FRESH_CCCD)).count() == 1
