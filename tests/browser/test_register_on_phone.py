"""Registering on a 360×740 phone whose browser speaks English: the date of birth
is asked as dd/mm/yyyy all the same (a text field, not the browser's mm/dd/yyyy
date picker); a refused form opens on its error summary, focused, at the top;
an already registered phone links to the login, which shows that phone."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.contestant import PHONE, shot

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


@pytest.fixture
def english_phone(browser):
    context = browser.new_context(viewport=PHONE, locale="en-US", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def fill_registration(page, unit, phone="0912345678", password="hoa-sen-tren-nui"):
    page.fill("#full_name", "Nguyễn Thị Hoa")
    page.fill("#date_of_birth", "05/09/1990")
    page.select_option("#gender", "nu")
    page.fill("#phone", phone)
    page.select_option("#audience", "cbccvc")
    page.select_option("#unit_id", str(unit.id))
    page.fill("#password", password)
    page.fill("#password_confirm", password)
    page.check("#consent")


def test_the_date_of_birth_is_dd_mm_yyyy_in_an_english_browser(english_phone, live_server, make_unit):
    page = english_phone
    page.goto(f"{live_server}/dang-ky")
    assert page.evaluate("navigator.language") == "en-US"
    field = page.locator("#date_of_birth")
    assert field.evaluate("el => el.type") == "text"
    expect(field).to_have_attribute("placeholder", "dd/mm/yyyy")
    expect(field).to_have_attribute("inputmode", "numeric")
    field.fill("05/09/1990")
    expect(field).to_have_value("05/09/1990")  # not turned into 1990-05-09 or 9/5/1990


def test_a_weak_password_opens_on_the_focused_summary(english_phone, live_server, make_unit, tmp_path):
    unit = make_unit(name="Sở Nội vụ")
    page = english_phone
    page.goto(f"{live_server}/dang-ky")
    fill_registration(page, unit, password="12345678")
    page.click("button[type=submit]")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Có lỗi cần sửa")
    expect(summary).to_contain_text("Mật khẩu: Mật khẩu này quá phổ biến")
    expect(summary).to_be_focused()  # document.activeElement
    expect(summary.locator("h2")).to_be_in_viewport(ratio=1)  # seen without scrolling
    expect(page).to_have_title(re.compile("^Lỗi: Đăng ký dự thi"))
    shot(page, tmp_path, "register-error-summary-phone")
    expect(page.locator("#date_of_birth")).to_have_value("05/09/1990")  # kept as typed

    summary.locator("a[href='#password']").first.click()  # the link reaches the field
    expect(page.locator("#password")).to_be_focused()
    expect(page.locator("label[for=password]")).to_be_in_viewport(ratio=1)  # its label shows too


def test_a_registered_phone_links_to_the_login_with_that_phone(english_phone, live_server, make_unit,
                                                               make_user):
    make_user(phone="0912345678")
    unit = make_unit(name="Sở Nội vụ")
    page = english_phone
    page.goto(f"{live_server}/dang-ky")
    fill_registration(page, unit, phone="0912 345 678")
    page.click("button[type=submit]")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Số điện thoại này đã được đăng ký. Hãy đăng nhập.")
    summary.get_by_role("link", name="đăng nhập", exact=True).click()
    page.wait_for_url(f"{live_server}/dang-nhap")
    expect(page.locator("#identifier")).to_have_value("0912345678")
    expect(page.locator("[data-error-summary]")).to_have_count(0)
