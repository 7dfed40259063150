"""A refused form starts with an error summary (GOV.UK's pattern): "Có lỗi cần sửa",
each refused field as a link to its id, the page's title starting with "Lỗi: ",
focused on load by static/js/error-summary.js (tests/browser/test_register_on_phone.py).
The same macro serves registration, login, reset password and the profile."""
import re

import pytest

from contest.accounts.services import reset
from tests.conftest import login

SUMMARY = re.compile(r'<div class="alert alert-danger error-summary" role="alert" tabindex="-1"'
                     r'.*?</div>', re.DOTALL)


@pytest.fixture
def unit(make_unit):
    return make_unit(name="Sở Nội vụ")


def registration(unit, **changes):
    return {"full_name": "Nguyễn Thị Hoa", "date_of_birth": "17/05/1990", "gender": "nu",
            "phone": "0912345678", "email": "", "cccd": "", "audience": "cbccvc",
            "unit_id": str(unit.id), "password": "hoa-sen-tren-nui",
            "password_confirm": "hoa-sen-tren-nui", "consent": "y"} | changes


def summary_of(html: str) -> str:
    found = SUMMARY.search(html)
    assert found, "the page has an error summary"
    return found.group(0)


def links_of(summary: str) -> list[str]:
    return re.findall(r'<a href="#([a-z_]+)"', summary)


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1).strip()


def test_a_weak_password_is_summed_up_at_the_top_with_a_link_to_the_field(client, unit):
    response = client.post("/dang-ky", data=registration(unit, password="12345678",
                                                         password_confirm="12345678"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = summary_of(html)
    assert html.index(summary) < html.index('<form method="post"')
    assert "Có lỗi cần sửa" in summary
    assert links_of(summary) == ["password", "password"]  # the error, then "retype it"
    assert "Mật khẩu: " in summary and "vui lòng nhập lại" in summary
    assert 'src="/static/js/error-summary.js' in html or "js/error-summary." in html
    assert title_of(html) == "Lỗi: Đăng ký dự thi"


def test_every_refused_field_is_listed_in_the_order_of_the_form(client, unit):
    html = client.post("/dang-ky", data=registration(
        unit, full_name="", date_of_birth="12/31/1990", gender="", phone="123",
        password_confirm="khac", consent="")).get_data(as_text=True)
    summary = summary_of(html)
    assert links_of(summary) == ["full_name", "date_of_birth", "gender", "phone",
                                 "password_confirm", "consent", "password"]
    for target in links_of(summary):
        assert f'id="{target}"' in html
    assert "Ngày sinh: Ngày không hợp lệ: không có ngày 12/31/1990." in summary


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client, unit):
    html = client.get("/dang-ky").get_data(as_text=True)
    assert "error-summary" not in html and title_of(html) == "Đăng ký dự thi"


def test_a_failed_login_is_summed_up(client, make_user):
    someone = make_user()
    html = client.post("/dang-nhap", data={"identifier": someone.phone, "password": "sai-mat-khau"}
                       ).get_data(as_text=True)
    summary = summary_of(html)
    assert "Mật khẩu: Số điện thoại/email hoặc mật khẩu không đúng." in summary
    assert links_of(summary)[0] == "password"
    assert title_of(html) == "Lỗi: Đăng nhập"


def test_a_refused_new_password_is_summed_up(client, make_user):
    token = reset.make_token(make_user(email="hoa@example.vn"))
    html = client.post(f"/dat-lai-mat-khau/{token}", data={"password": "ngan", "password_confirm": "ngan"}
                       ).get_data(as_text=True)
    summary = summary_of(html)
    assert links_of(summary)[0] == "password" and title_of(html) == "Lỗi: Đặt mật khẩu mới"


def test_the_profile_sums_up_the_form_that_was_refused(client, make_user):
    someone = make_user()
    login(client, someone)
    html = client.post("/ho-so/mat-khau", data={"current_password": "", "password": "x",
                                                "password_confirm": "y"}).get_data(as_text=True)
    summary = summary_of(html)  # in the order of the page, the password form's fields only
    assert links_of(summary) == ["current_password", "password", "password_confirm", "current_password"]
    assert title_of(html) == "Lỗi: Hồ sơ của tôi"


def test_a_registered_phone_links_to_the_login_which_shows_that_phone(client, unit, make_user):
    make_user(phone="0912345678")
    html = client.post("/dang-ky", data=registration(unit, phone="+84 912 345 678")
                       ).get_data(as_text=True)
    link = 'Hãy <a href="/dang-nhap">đăng nhập</a>.'
    assert link in summary_of(html)  # after the field's own link, not inside it
    assert '<a href="#phone">Số điện thoại</a>: Số điện thoại này đã được đăng ký. ' + link in html
    assert html.count(link) == 2  # and under the field
    login_page = client.get("/dang-nhap").get_data(as_text=True)
    assert 'value="0912345678"' in login_page
    assert 'value="0912345678"' not in client.get("/dang-nhap").get_data(as_text=True)  # once

