"""A stranger cannot learn from registration whether someone's CCCD or e-mail has
an account (test_existence_checks.py); one's own phone is told to log in."""
import re

import pytest

from contest.extensions import db
from contest.accounts.rules.cccd import cccd_hash

CCCD = "001090012345"


@pytest.fixture
def unit(make_unit):
    return make_unit()


@pytest.fixture
def someone(make_user):
    user = make_user(phone="0912345678", email="an@example.vn")
    user.cccd_hash = cccd_hash(CCCD)
    db.session.commit()
    return user


def register(client, unit, **changes):
    data = {"full_name": "Người Lạ", "date_of_birth": "1991-02-03", "gender": "nam",
            "phone": "0987654321", "email": "", "cccd": "", "audience": "cbccvc",
            "unit_id": str(unit.id), "password": "hoa-sen-tren-nui", "password_confirm": "hoa-sen-tren-nui",
            "consent": "y"}
    return client.post("/dang-ky", data=data | changes)


def error_of(response, field: str) -> str:
    """The message shown by ``field``, as text (it may hold a link)."""
    html = response.get_data(as_text=True)
    at = html.index(f'id="{field}"')
    start = html.index('class="invalid-feedback', at)
    return re.sub(r"<[^>]+>", "", html[html.index(">", start) + 1:html.index("</div>", start)]).strip()


def test_ones_own_phone_is_told_to_log_in(client, unit, someone):
    response = register(client, unit, phone="+84 912 345 678")
    assert response.status_code == 422
    assert "đã được đăng ký. Hãy đăng nhập." in error_of(response, "phone")


def test_login_answers_an_unknown_account_as_a_wrong_password(client, someone):
    unknown = client.post("/dang-nhap", data={"identifier": "0999999999", "password": "sai-mat-khau"})
    wrong = client.post("/dang-nhap", data={"identifier": someone.phone, "password": "sai-mat-khau"})
    assert unknown.status_code == wrong.status_code == 422
    assert error_of(unknown, "password") == error_of(wrong, "password")
