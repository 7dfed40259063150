"""Weak passwords are refused wherever a person sets one: the most common ones
and any holding the person's phone, CCCD or date of birth."""
from datetime import date

import pytest

from contest.accounts.services import reset
from contest.accounts.models import User
from contest.extensions import db
from contest.accounts.rules.cccd import cccd_hash
from tests.conftest import PASSWORD, login

COMMON = "quá phổ biến hoặc quá dễ đoán"
OWN_NUMBERS = "không được chứa số điện thoại, số CCCD hoặc ngày sinh"
PHONE, CCCD = "0912345678", "001090012345"

COMMON_PASSWORDS = ["12345678", "123456789", "password1", "iloveyou", "qwertyuiop", "anhyeuem",
                    "matkhau1", "11111111", "Abcd1234"]
# Hoa's numbers (born 17/05/1990), alone or with something around them.
OWN_PASSWORDS = [PHONE, "hoa0912345678", "+84912345678!", "17051990", "hoa-17/05/1990",
                 "19900517nam", "1751990hoa", "hoahoa170590", CCCD, "cccd-001090012345"]


@pytest.fixture
def hoa(make_user):
    user = make_user(phone=PHONE, email="hoa@example.vn")
    user.cccd_hash = cccd_hash(CCCD)
    db.session.commit()
    return user


def refused(response, message: str) -> bool:
    html = response.get_data(as_text=True)
    field_at = html.index('id="password"')
    # by the field (the error summary at the top says it too)
    return response.status_code == 422 and field_at < html.index(message, field_at) < field_at + 1500


def registration(unit, password: str) -> dict:
    return {"full_name": "Nguyễn Thị Hoa", "date_of_birth": "1990-05-17", "gender": "nu",
            "phone": PHONE, "email": "", "cccd": CCCD, "audience": "cbccvc",
            "unit_id": str(unit.id), "password": password, "password_confirm": password,
            "consent": "y"}


@pytest.mark.parametrize("password, message", [
    *((p, COMMON) for p in COMMON_PASSWORDS), *((p, OWN_NUMBERS) for p in OWN_PASSWORDS)])
def test_registration_refuses_a_weak_password(client, make_unit, password, message):
    response = client.post("/dang-ky", data=registration(make_unit(), password))
    assert refused(response, message)
    assert db.session.query(User).count() == 0


def test_registration_takes_a_password_that_is_neither(client, make_unit):
    assert client.post("/dang-ky", data=registration(make_unit(), "hoa-sen-tren-nui")).status_code == 302


def change_password(client, new: str):
    return client.post("/ho-so/mat-khau", data={
        "current_password": PASSWORD, "password": new, "password_confirm": new})


@pytest.mark.parametrize("password, message", [
    ("12345678", COMMON), ("anhyeuem", COMMON), (PHONE, OWN_NUMBERS), ("hoa17051990", OWN_NUMBERS),
    ("x" + CCCD, OWN_NUMBERS),  # the CCCD is kept only as its hash: still recognised
])
def test_the_profile_refuses_a_weak_new_password(client, hoa, password, message):
    hoa.date_of_birth = date(1990, 5, 17)
    db.session.commit()
    login(client, hoa)
    assert refused(change_password(client, password), message)
    db.session.expire_all()
    assert db.session.get(User, hoa.id).check_password(PASSWORD)


@pytest.mark.parametrize("password, message", [("iloveyou", COMMON), ("9" + PHONE, OWN_NUMBERS)])
def test_the_reset_link_refuses_a_weak_password_and_still_works(client, hoa, password, message):
    link = f"/dat-lai-mat-khau/{reset.make_token(hoa)}"
    assert refused(client.post(link, data={"password": password, "password_confirm": password}),
                   message)
    db.session.expire_all()
    assert db.session.get(User, hoa.id).check_password(PASSWORD)
    good = "hoa-sen-tren-nui"
    assert client.post(link, data={"password": good, "password_confirm": good}).status_code == 302


@pytest.mark.parametrize("password, message", [
    ("qwerty123", COMMON), ("admin17051985", OWN_NUMBERS), ("0901234567aa", OWN_NUMBERS)])
def test_create_admin_refuses_a_weak_password(app, runner, password, message):
    result = runner.invoke(args=["create-admin", "--phone", "0901 234 567", "--name", "Trần Quản Trị",
                                 "--date-of-birth", "17/05/1985", "--password-stdin"],
                           input=password + "\n")
    assert result.exit_code != 0 and message in result.output
    assert db.session.query(User).count() == 0
