"""A field the server refused loses its error once the person corrects it
(static/js/fields.js); the other fields keep theirs until they are edited."""
import re

from playwright.sync_api import expect

IN_ERROR = re.compile(r"\bis-invalid\b")


def test_a_corrected_field_loses_its_server_error(phone, live_server, make_unit):
    unit = make_unit(name="Sở Nội vụ")
    page = phone
    page.goto(f"{live_server}/dang-ky")
    page.fill("#full_name", "Nguyễn Thị Hoa")
    page.fill("#date_of_birth", "1990-05-17")
    page.select_option("#gender", "nu")
    page.fill("#phone", "12345")
    page.fill("#cccd", "123")
    page.select_option("#audience", "cbccvc")
    page.select_option("#unit_id", str(unit.id))
    page.fill("#password", "matkhau123")
    page.fill("#password_confirm", "matkhau123")
    page.click("button[type=submit]")

    phone_box = page.locator(".mb-3", has=page.locator("#phone"))
    cccd_box = page.locator(".mb-3", has=page.locator("#cccd"))
    expect(page.locator("#phone")).to_have_class(IN_ERROR)
    expect(phone_box).to_contain_text("Số điện thoại di động không hợp lệ")
    expect(cccd_box).to_contain_text("Số CCCD phải gồm đúng 12 chữ số")

    page.fill("#phone", "0912345678")
    expect(page.locator("#phone")).not_to_have_class(IN_ERROR)
    expect(phone_box.locator(".invalid-feedback")).to_have_count(0)
    expect(phone_box).not_to_contain_text("không hợp lệ")
    # The field not yet corrected keeps its message.
    expect(page.locator("#cccd")).to_have_class(IN_ERROR)
    expect(cccd_box).to_contain_text("Số CCCD phải gồm đúng 12 chữ số")
