"""The attempt on a 360×740 phone (and at 1280×800): a typical question and the
Next button fit the first screen, the timer stays in sight and is read out only at
thresholds, a reload stays on the question, Back after submitting never shows a
live quiz, and the quiz still works with JavaScript off."""
import re

import pytest
from playwright.sync_api import expect

from contest.extensions import db
from contest.quiz.models import Attempt
from tests.browser.contestant import (
    DESKTOP, PHONE, inside_viewport, log_in, make_long_questions, new_page, shot, start_attempt,
)

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]

CURRENT = ".question.current"


@pytest.fixture
def long_round(make_questions, make_round):
    make_long_questions(make_questions, 24)
    return make_round(questions=20, time_limit=1200)


def assert_question_fits(page, question: str) -> None:
    for part in (f"{question} .question-text", f"{question} .option >> nth=-1", "[data-timer]"):
        assert inside_viewport(page, part), f"{part} is below the fold"


def test_on_a_phone_the_question_and_next_fit_the_first_screen(
        browser, live_server, make_user, long_round, tmp_path):
    page = new_page(browser, PHONE)
    start_attempt(page, live_server, make_user())
    shot(page, tmp_path, "quiz-phone-360x740")
    expect(page.locator(CURRENT)).to_have_attribute("data-position", "1")
    assert_question_fits(page, CURRENT)
    assert inside_viewport(page, "[data-next]")
    expect(page.locator("text=Đăng xuất")).to_have_count(0)
    expect(page.locator(".qmap")).to_be_hidden()

    page.locator(f"{CURRENT} .option").nth(2).click()
    page.click("[data-next]")
    expect(page.locator(CURRENT)).to_have_attribute("data-position", "2")
    assert page.evaluate("window.scrollY") == 0  # no jump: the next question is already in sight
    assert_question_fits(page, CURRENT)
    assert inside_viewport(page, "[data-next]")
    expect(page.locator("[data-answered]")).to_have_text("1")

    page.click("text=Danh sách câu")
    expect(page.locator("[data-qmap-toggle]")).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".qmap-item.answered")).to_have_attribute("aria-label", "Câu 1, đã trả lời")
    page.click(".qmap-item[data-goto='7']")
    expect(page.locator(CURRENT)).to_have_attribute("data-position", "7")
    expect(page.locator(".qmap")).to_be_hidden()
    shot(page, tmp_path, "quiz-phone-360x740-question-7")


def test_on_a_desktop_every_question_shows_with_the_map(browser, live_server, make_user,
                                                        long_round, tmp_path):
    page = new_page(browser, DESKTOP)
    start_attempt(page, live_server, make_user())
    shot(page, tmp_path, "quiz-desktop-1280x800")
    expect(page.locator(".question:visible")).to_have_count(20)
    expect(page.locator(".qmap")).to_be_visible()
    expect(page.locator("[data-pager]")).to_be_hidden()
    assert_question_fits(page, "#q1")
    expect(page.locator("text=Đăng xuất")).to_have_count(0)


def test_a_reload_lands_on_the_question_the_person_was_on(browser, live_server, make_user,
                                                         make_questions, make_round):
    make_questions(8)
    make_round(questions=5)
    page = new_page(browser, PHONE)
    start_attempt(page, live_server, make_user())
    page.locator(f"{CURRENT} .option").first.click()
    expect(page.locator(f"{CURRENT} [data-state]")).to_have_text("Đã lưu")
    page.click("[data-next]")
    page.click("[data-next]")

    page.context.set_offline(True)
    page.locator(f"{CURRENT} .option").nth(3).click()  # question 3, kept on the phone
    expect(page.locator(f"{CURRENT} [data-state]")).to_contain_text("Chưa lưu")
    page.click("[data-next]")
    page.context.set_offline(False)
    page.reload()

    expect(page.locator(CURRENT)).to_have_attribute("data-position", "4")
    expect(page.locator("input[name=q1]:checked")).to_have_value("0")
    expect(page.locator("input[name=q3]:checked")).to_have_value("3")
    expect(page.locator("#q3 [data-state]")).to_have_text("Đã lưu")
    attempt = db.session.query(Attempt).one()
    db.session.refresh(attempt)
    assert [item.chosen_index for item in attempt.items][:3] == [0, None, 3]


def test_a_save_confirmed_after_the_reload_was_drawn_is_not_lost_from_the_page(
        browser, live_server, make_user, make_questions, make_round):
    """The reload's page is drawn before the save lands (a slow network): the phone
    puts the confirmed answer back and sends it again."""
    make_questions(8)
    make_round(questions=5)
    page = new_page(browser, PHONE)
    start_attempt(page, live_server, make_user())
    quiz_url = page.url
    drawn_before_the_save = page.request.get(quiz_url).text()
    page.locator(f"{CURRENT} .option").nth(2).click()
    expect(page.locator(f"{CURRENT} [data-state]")).to_have_text("Đã lưu")

    page.route(quiz_url, lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=drawn_before_the_save))
    page.reload()

    expect(page.locator("input[name=q1]:checked")).to_have_value("2")
    expect(page.locator("#q1 [data-state]")).to_have_text("Đã lưu")
    expect(page.locator("[data-answered]")).to_contain_text("1")


def submit_from(page) -> None:
    page.fill("#prediction", "3")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-submit]")
    expect(page.locator(".score")).to_be_visible()


def test_back_after_submitting_shows_the_result_not_a_live_quiz(browser, live_server, make_user,
                                                               make_questions, make_round):
    make_questions(8)
    make_round(questions=5)
    page = new_page(browser, PHONE)
    log_in(page, live_server, make_user())
    with page.expect_response(lambda r: "/bai-thi/" in r.url and r.request.method == "GET") as quiz:
        page.click("text=Bắt đầu thi")
    assert quiz.value.headers["cache-control"] == "no-store"
    page.locator(f"{CURRENT} .option").first.click()
    submit_from(page)
    result_url = page.url

    page.go_back()
    expect(page.locator(".score")).to_be_visible()
    expect(page.locator("[data-timer]")).to_have_count(0)
    assert page.url == result_url


def test_a_quiz_page_restored_from_the_history_cache_moves_to_the_result(
        browser, live_server, make_user, make_questions, make_round):
    make_questions(8)
    make_round(questions=5)
    page = new_page(browser, PHONE)
    start_attempt(page, live_server, make_user())
    other_tab = page.context.new_page()
    other_tab.goto(page.url)
    submit_from(other_tab)

    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    expect(page.locator(".score")).to_be_visible()
    assert page.url == other_tab.url


def test_the_timer_is_read_out_at_5_minutes_and_1_minute_only(browser, live_server, make_user,
                                                              make_questions, make_round):
    make_questions(8)
    make_round(questions=5, time_limit=600)
    page = new_page(browser, PHONE)
    page.clock.install()
    start_attempt(page, live_server, make_user())
    alert = page.locator("[data-timer-alert]")
    assert page.locator("[data-timer]").evaluate(
        "el => el.closest('[aria-live], [role=status], [role=alert], [role=log], [role=timer]')") is None
    expect(alert).to_have_attribute("aria-live", "polite")
    alert.evaluate("el => { window.alertChanges = 0; new MutationObserver(() => window.alertChanges++)"
                   ".observe(el, {childList: true, characterData: true, subtree: true}); }")

    page.clock.run_for("04:50")
    expect(page.locator("[data-timer]")).to_have_text(re.compile(r"^05:(0\d|1\d)$"))
    expect(alert).to_have_text("")
    page.clock.run_for("00:20")
    expect(alert).to_have_text("Còn 5 phút làm bài.")
    page.clock.run_for("03:30")
    expect(page.locator("[data-timer]")).to_have_text(re.compile(r"^01:[0-2]\d$"))
    assert page.evaluate("window.alertChanges") == 1
    page.clock.run_for("00:30")
    expect(alert).to_have_text("Còn 1 phút làm bài.")
    assert page.evaluate("window.alertChanges") == 2


def test_without_javascript_the_quiz_is_a_form_that_submits(browser, live_server, make_user,
                                                           make_questions, make_round):
    make_questions(8)
    make_round(questions=5)
    page = new_page(browser, PHONE, java_script_enabled=False)
    start_attempt(page, live_server, make_user())
    expect(page.locator(".question:visible")).to_have_count(5)
    expect(page.locator(".qmap")).to_be_visible()
    for position in range(1, 6):
        page.locator(f"#q{position} .option").first.click()
    page.fill("#prediction", "42")
    page.click("[data-submit]")
    expect(page.locator(".score")).to_contain_text("/5")
    expect(page.locator("body")).to_contain_text("Dự đoán của bạn: 42")
    attempt = db.session.query(Attempt).one()
    db.session.refresh(attempt)
    assert attempt.status == "submitted"
    assert all(item.chosen_option_id is not None for item in attempt.items)
