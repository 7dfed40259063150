"""A commune leader reads their unit's page on a 360 px phone; the public unit
ranking shows its chart as an image (served by the app, no script)."""
import pytest
from playwright.sync_api import expect

from contest.extensions import db
from tests.conftest import PASSWORD
from tests.rankings.helpers import take_attempt

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_commune_leader_on_a_phone(phone, live_server, make_unit, make_user, make_questions,
                                   make_round):
    commune = make_unit(name="Phường Đề Thám", kind="commune", headcount=30)
    make_unit(name="Xã Vĩnh Quang", kind="commune", headcount=20)
    make_questions(10)
    round_ = make_round(questions=5)
    leader = make_user(role="unit_manager", unit=commune)
    staff = [make_user(unit=commune) for _ in range(3)]
    staff[0].full_name = "Hoàng Thị Mai Phương Anh"
    db.session.commit()
    take_attempt(staff[0], round_, correct=4, seconds=75)
    from contest import clock
    clock.freeze(None)

    page = phone
    page.goto(live_server + "/dang-nhap")
    page.fill("#identifier", leader.phone)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("[data-menu-toggle]")  # on a phone the header's links are behind "Menu"
    page.click("text=Đơn vị của tôi")
    expect(page.locator("h1")).to_have_text("Phường Đề Thám")
    expect(page.locator(".people").first).to_contain_text("Hoàng Thị Mai Phương Anh")
    expect(page.locator("text=tài khoản của đơn vị chưa nộp")).to_contain_text("3")  # 2 staff, the leader
    assert fits_the_screen(page)
    page.click("text=Xem danh sách chưa tham gia")
    expect(page.locator(".people li")).to_have_count(3)
    assert fits_the_screen(page)

    page.goto(live_server + "/xep-hang-don-vi?khoi=commune")
    chart = page.locator("img.chart")
    expect(chart).to_be_visible()
    assert page.evaluate("document.querySelector('img.chart').naturalWidth") > 0
    assert fits_the_screen(page)
