"""A date of birth is typed day first (dd/mm/yyyy) whatever the browser's language:
a text field, never <input type="date"> (mm/dd/yyyy in an English browser). The
usual spellings are read, ISO yyyy-mm-dd too (API clients); each way of being
wrong has its Vietnamese message; the page shows the day as dd/mm/yyyy."""
from datetime import date, timedelta

import pytest
from werkzeug.datastructures import MultiDict

from contest.accounts.forms import RegistrationForm
from contest.accounts.models import User
from contest.clock import local_day, now
from contest.extensions import db
from contest.parsing import real_day, typed_day_parts
from tests.conftest import login

SHAPE = "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/09/1990."


@pytest.mark.parametrize("text", [
    "05/09/1990", "5/9/1990", " 05/09/1990 ", "05-09-1990", "05.09.1990", "05 09 1990",
    "05091990", "1990-09-05", "1990-9-5",
])
def test_the_usual_spellings_read_day_first(text):
    assert real_day(typed_day_parts(text)) == date(1990, 9, 5)


@pytest.mark.parametrize("text", [
    "09/05/90", "05/09-1990", "05/09/1990/", "5091990", "1990/09/05", "ngày 5", "",
    "٠٥/٠٩/١٩٩٠", "1" * 40, None, 19900905,
])
def test_anything_else_is_not_a_day(text):
    assert typed_day_parts(text) is None


def test_a_day_that_does_not_exist_is_told_apart_from_a_bad_shape():
    assert typed_day_parts("31/02/1990") == (1990, 2, 31)
    assert real_day((1990, 2, 31)) is None
    assert real_day((2000, 2, 29)) == date(2000, 2, 29)


def field_errors(app, text):
    with app.test_request_context(method="POST", data={"date_of_birth": text}):
        form = RegistrationForm([], formdata=MultiDict({"date_of_birth": text}), meta={"csrf": False})
        form.validate()
        return form.date_of_birth.data, form.date_of_birth.errors


@pytest.mark.parametrize("text, message", [
    ("12/31/1990", "Ngày không hợp lệ: không có ngày 12/31/1990."),  # an English browser's order
    ("31/02/1990", "Ngày không hợp lệ: không có ngày 31/02/1990."),
    ("5 tháng 9", SHAPE),
    ("1990", SHAPE),
    ("05/09/1890", "Năm sinh phải từ 1900 trở đi."),
    ("", "Vui lòng nhập ngày sinh."),
])
def test_each_mistake_has_its_vietnamese_message(app, text, message):
    assert field_errors(app, text) == (None, [message])


def test_a_future_day_is_refused_and_today_is_not(app):
    today = local_day(now())
    assert field_errors(app, (today + timedelta(days=1)).strftime("%d/%m/%Y"))[1] == [
        "Ngày sinh không thể ở tương lai."]
    assert field_errors(app, today.strftime("%d/%m/%Y")) == (today, [])


def test_the_registration_page_asks_for_dd_mm_yyyy_in_a_text_field(client):
    html = client.get("/dang-ky").get_data(as_text=True)
    field = html[html.index('id="date_of_birth"') - 200:html.index('id="date_of_birth"') + 400]
    assert 'type="text"' in field and 'type="date"' not in field
    for attribute in ('inputmode="numeric"', 'placeholder="dd/mm/yyyy"', 'autocomplete="bday"'):
        assert attribute in field
    assert "ví dụ 05/09/1990" in html


def test_a_refused_registration_keeps_the_day_as_typed(client, make_unit):
    unit = make_unit()
    html = client.post("/dang-ky", data={"date_of_birth": "5.9.1990", "unit_id": str(unit.id)}
                       ).get_data(as_text=True)
    assert 'value="5.9.1990"' in html


def test_the_profile_shows_the_date_of_birth_as_dd_mm_yyyy(client, make_user):
    user = make_user()  # born 01/01/1990
    login(client, user)
    html = client.get("/ho-so").get_data(as_text=True)
    assert 'value="01/01/1990"' in html and 'type="date"' not in html
    response = client.post("/ho-so", data={"full_name": user.full_name, "date_of_birth": "2.3.1986",
                                           "unit_id": str(user.unit_id), "phone": user.phone})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).date_of_birth == date(1986, 3, 2)
