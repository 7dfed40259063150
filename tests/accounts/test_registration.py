"""Registration: every field validated on the server, errors in Vietnamese next
to their field, what was typed kept, nothing stored on error."""
from datetime import date, timedelta

import pytest

from contest.accounts.models import User
from contest.audit.models import AuditLog
from contest.clock import local_day, now
from contest.extensions import db
from contest.accounts.rules.cccd import cccd_hash


@pytest.fixture
def unit(make_unit):
    return make_unit(name="Sở Nội vụ")


def form(unit, **changes):
    data = {
        "full_name": "Nguyễn Thị Hoa", "date_of_birth": "1990-05-17", "gender": "nu",
        "phone": "0912 345 678", "email": "Hoa@Example.vn", "cccd": "", "audience": "cbccvc",
        "unit_id": str(unit.id), "password": "matkhau123", "password_confirm": "matkhau123",
        "consent": "y",
    }
    data.update(changes)
    return data


def test_register_creates_the_account_and_logs_in(client, unit):
    response = client.post("/dang-ky", data=form(unit, cccd="001090012345"))
    assert response.status_code == 302
    user = db.session.query(User).one()
    assert (user.full_name, user.phone, user.email, user.cccd_last4) == (
        "Nguyễn Thị Hoa", "0912345678", "hoa@example.vn", "2345")
    assert user.date_of_birth == date(1990, 5, 17)
    assert user.password_hash != "matkhau123" and user.check_password("matkhau123")
    assert db.session.query(AuditLog).filter_by(action="account.register").count() == 1
    assert "Nguyễn Thị Hoa" in client.get("/").get_data(as_text=True)


def test_the_form_lists_units_and_is_in_vietnamese(client, unit):
    html = client.get("/dang-ky").get_data(as_text=True)
    assert "Đăng ký dự thi" in html and "Sở Nội vụ" in html and "Họ và tên" in html


@pytest.mark.parametrize("changes, field, message", [
    ({"phone": "12345"}, "phone", "Số điện thoại di động không hợp lệ"),
    ({"phone": "0212345678"}, "phone", "Số điện thoại di động không hợp lệ"),
    ({"cccd": "00109001234"}, "cccd", "Số CCCD phải gồm đúng 12 chữ số"),
    ({"cccd": "00109001234a"}, "cccd", "Số CCCD phải gồm đúng 12 chữ số"),
    ({"date_of_birth": (local_day(now()) + timedelta(days=1)).isoformat()}, "date_of_birth",
     "Ngày sinh không thể ở tương lai"),
    ({"date_of_birth": "31/02/1990"}, "date_of_birth", "Ngày không hợp lệ"),
    ({"unit_id": "999999"}, "unit_id", "Vui lòng chọn một giá trị trong danh sách"),
    ({"unit_id": "abc"}, "unit_id", "Vui lòng chọn một giá trị trong danh sách"),
    ({"full_name": ""}, "full_name", "Vui lòng nhập thông tin này"),
    ({"full_name": "   "}, "full_name", "Vui lòng nhập thông tin này"),
    ({"full_name": "A" * 101}, "full_name", "Họ và tên tối đa 100 ký tự"),
    ({"phone": ""}, "phone", "Vui lòng nhập thông tin này"),
    ({"gender": "x"}, "gender", "Vui lòng chọn một giá trị trong danh sách"),
    ({"audience": ""}, "audience", "Vui lòng chọn một giá trị trong danh sách"),
    ({"email": "khong-phai-email"}, "email", "Email không hợp lệ"),
    ({"password": "ngan", "password_confirm": "ngan"}, "password", "từ 8 đến 128 ký tự"),
    ({"password_confirm": "khac-nhau-1"}, "password_confirm", "không khớp"),
])
def test_bad_input_is_refused_next_to_its_field(client, unit, changes, field, message):
    response = client.post("/dang-ky", data=form(unit, **changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    field_at = html.index(f'id="{field}"')
    # the message sits by its field (and in the summary at the top, test_error_summary.py)
    assert field_at < html.index(message, field_at) < field_at + 1500
    assert db.session.query(User).count() == 0


def test_the_future_begins_after_today_in_vietnam_not_on_the_servers_day(client, unit, frozen):
    frozen.move(hours=14, minutes=30)  # 17:30 UTC on 20/11: 00:30 on 21/11 in Việt Nam
    refused = client.post("/dang-ky", data=form(unit, date_of_birth="22/11/2026"))
    assert refused.status_code == 422
    assert "Ngày sinh không thể ở tương lai" in refused.get_data(as_text=True)
    assert client.post("/dang-ky", data=form(unit, date_of_birth="21/11/2026")).status_code == 302


def test_the_form_keeps_what_was_typed(client, unit):
    html = client.post("/dang-ky", data=form(unit, phone="123")).get_data(as_text=True)
    assert 'value="Nguyễn Thị Hoa"' in html
    assert 'value="hoa@example.vn"' in html
    assert f'<option selected value="{unit.id}">' in html


def test_a_duplicate_phone_is_refused_an_email_or_cccd_is_not_given_twice(client, unit, make_user):
    """A used e-mail or CCCD is not told by the form (test_existence_checks.py)."""
    make_user(phone="0912345678", email="hoa@example.vn")
    html = client.post("/dang-ky", data=form(unit, email="HOA@example.vn")).get_data(as_text=True)
    assert "Số điện thoại này đã được đăng ký" in html
    assert html.count('class="invalid-feedback') == 1  # the phone's only
    other = make_user()
    other.cccd_hash = cccd_hash("001090012345")
    db.session.commit()
    response = client.post("/dang-ky", data=form(unit, phone="0987654321", email="",
                                                 cccd="001090012345"))
    assert response.status_code == 302
    assert db.session.query(User).filter_by(cccd_hash=cccd_hash("001090012345")).one().id == other.id


def test_the_same_phone_written_differently_is_a_duplicate(client, unit, make_user):
    make_user(phone="0912345678")
    response = client.post("/dang-ky", data=form(unit, phone="+84 912.345.678"))
    assert response.status_code == 422
    assert "đã được đăng ký" in response.get_data(as_text=True)


def test_a_script_tag_as_name_is_stored_as_text_and_shown_escaped(client, unit):
    name = '<script>alert("x")</script>'
    assert client.post("/dang-ky", data=form(unit, full_name=name)).status_code == 302
    assert db.session.query(User).one().full_name == name
    html = client.get("/").get_data(as_text=True)
    assert name not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_register_without_csrf_token_changes_nothing(client, unit):
    response = client.post("/dang-ky", data=form(unit), no_csrf=True)
    assert response.status_code == 400
    assert "Phiên làm việc đã hết hạn" in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0
