"""A contestant on a 360×740 phone: the start button on the first screen, a round
that opens while the page is open turns startable without a reload, the header
takes one slim line with its links behind "Menu", and the chosen answer is framed
in blue, not in the brand red that reads as "wrong"."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from contest.extensions import db
from tests.browser.contestant import PHONE, inside_viewport, log_in, new_page, shot, start_attempt

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]

START = "button:has-text('Bắt đầu thi')"
BRAND_RED = "rgb(164, 22, 26)"
HEADER_MAX_PX = 64


def with_a_long_description(round_) -> None:
    """The contest as organizers write it: a long name and a description."""
    contest = round_.contest
    contest.name = "Cuộc thi trực tuyến tìm hiểu về cải cách hành chính tỉnh Gia Lai năm 2026"
    contest.description = ("Cuộc thi nhằm nâng cao nhận thức của cán bộ, công chức, viên chức và "
                           "người dân về cải cách hành chính, chuyển đổi số trên địa bàn tỉnh.")
    db.session.commit()


def test_the_start_button_is_on_the_first_screen(browser, live_server, make_user, make_questions,
                                                 make_round, tmp_path):
    make_questions(8)
    make_round(opens_in=timedelta(days=-9), closes_in=timedelta(days=-2), questions=4)  # round 1, closed
    with_a_long_description(make_round(questions=4))  # round 2, open
    page = new_page(browser, PHONE)
    log_in(page, live_server, make_user())
    shot(page, tmp_path, "home-phone-logged-in")
    assert inside_viewport(page, START)
    page.click(START)
    page.wait_for_url("**/bai-thi/*")


def test_a_round_opening_while_the_page_is_open_can_be_started_without_a_reload(
        browser, live_server, make_user, make_questions, make_round):
    make_questions(8)
    page = new_page(browser, PHONE)
    log_in(page, live_server, make_user())
    make_round(opens_in=timedelta(seconds=4), closes_in=timedelta(days=1), questions=4)
    page.goto(live_server + "/")
    expect(page.locator(".round-card .badge")).to_have_text("Sắp mở")
    expect(page.locator(START)).to_be_hidden()
    loads = []
    page.on("load", lambda _: loads.append(page.url))

    expect(page.locator(START)).to_be_visible(timeout=15_000)
    expect(page.locator(".round-card .badge")).to_have_text("Đang mở")
    expect(page.locator("[data-countdown-label]")).to_have_text("Đợt thử kết thúc sau")
    assert loads == []  # the same page: no reload
    page.click(START)
    page.wait_for_url("**/bai-thi/*")


def test_the_header_takes_one_slim_line_with_the_links_behind_menu(
        browser, live_server, make_unit, make_user, make_round, tmp_path):
    make_round()
    leader = make_user(role="unit_manager", unit=make_unit(name="Phường Đề Thám", kind="commune"))
    page = new_page(browser, PHONE)
    log_in(page, live_server, leader)
    shot(page, tmp_path, "header-phone-closed")
    assert page.locator(".site-header").bounding_box()["height"] <= HEADER_MAX_PX
    expect(page.locator("text=Đăng xuất")).to_be_hidden()

    page.click("[data-menu-toggle]")
    expect(page.locator("[data-menu-toggle]")).to_have_attribute("aria-expanded", "true")
    shot(page, tmp_path, "header-phone-open")
    expect(page.locator("text=Đăng xuất")).to_be_visible()
    page.click("text=Đơn vị của tôi")
    expect(page.locator("h1")).to_have_text("Phường Đề Thám")


def test_the_chosen_answer_is_framed_in_blue_not_in_the_brand_red(
        browser, live_server, make_user, make_questions, make_round, tmp_path):
    make_questions(8)
    make_round(questions=4)
    page = new_page(browser, PHONE)
    start_attempt(page, live_server, make_user())
    option = page.locator(".question.current .option").nth(1)
    option.click()
    expect(page.locator(".question.current [data-state]")).to_have_text("Đã lưu")
    shot(page, tmp_path, "quiz-phone-chosen")
    border = option.evaluate("el => getComputedStyle(el).borderTopColor")
    assert border != BRAND_RED
    assert border == "rgb(10, 88, 202)"  # the link blue, 6.4:1 on white
    assert option.evaluate("el => getComputedStyle(el, '::after').content") == '"\u2713"'
