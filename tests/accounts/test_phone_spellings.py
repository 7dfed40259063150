"""Every way a person writes a Vietnamese mobile number is the same phone: one
account, found again at login however it is typed (phonenumbers reads them)."""
import pytest

from contest.accounts.models import User
from contest.accounts.rules.phone import is_valid_mobile, normalize_phone
from contest.extensions import db
from tests.conftest import PASSWORD

SPELLINGS = ["+84 (0)912 345 678", "0084 912 345 678", "(+84) 912-345-678", "84912345678",
             "0912.345.678", "+84912345678"]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_of_a_vietnamese_number_is_one_phone(typed):
    assert normalize_phone(typed) == "0912345678"


@pytest.mark.parametrize("typed", ["+1 650 253 0000", "0241234567", "09123456", "0912345678x"])
def test_what_is_not_a_vietnamese_mobile_is_refused(typed):
    assert not is_valid_mobile(normalize_phone(typed))


def test_register_with_plus_84_and_a_zero_then_log_in_with_0084(client, make_unit):
    unit = make_unit()
    response = client.post("/dang-ky", data={
        "full_name": "Nguyễn Thị Hoa", "date_of_birth": "17/05/1990", "gender": "nu",
        "phone": "+84 (0)912 345 678", "email": "", "audience": "cbccvc",
        "unit_id": str(unit.id), "password": PASSWORD, "password_confirm": PASSWORD,
        "consent": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert db.session.query(User.phone).scalar() == "0912345678"

    client.post("/dang-xuat")
    again = client.post("/dang-nhap", data={"identifier": "0084 912 345 678",
                                           "password": PASSWORD})
    assert again.status_code == 302

    client.post("/dang-xuat")
    twice = client.post("/dang-ky", data={
        "full_name": "Nguyễn Thị Hoa", "date_of_birth": "17/05/1990", "gender": "nu",
        "phone": "0084 912 345 678", "email": "", "audience": "cbccvc",
        "unit_id": str(unit.id), "password": PASSWORD, "password_confirm": PASSWORD,
        "consent": "y"})
    assert twice.status_code == 422 and db.session.query(User).count() == 1
