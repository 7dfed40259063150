"""The contestant's journey in a real browser on a phone-sized screen."""
import re

import pytest
from playwright.sync_api import expect

from contest.extensions import db
from contest.quiz.models import Attempt

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


def register(page, base):
    page.goto(base + "/dang-ky")
    page.fill("#full_name", "Lê Thị Thu")
    page.fill("#date_of_birth", "1992-04-30")
    page.select_option("#gender", "nu")
    page.fill("#phone", "0912888999")
    page.select_option("#audience", "cbccvc")
    page.fill("#unit_search", "so noi vu")
    expect(page.locator("#unit_id")).to_have_value(re.compile(r"\d+"))
    assert page.locator("#unit_id option:checked").inner_text() == "Sở Nội vụ"
    page.fill("#password", "thu-hoa-sen-92")
    page.fill("#password_confirm", "thu-hoa-sen-92")
    page.check("#consent")
    page.click("button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("Đăng ký thành công")


@pytest.fixture
def contest_ready(make_unit, make_questions, make_round):
    make_unit(name="Sở Nội vụ")
    make_unit(name="Sở Tư pháp")
    make_questions(12)
    return make_round(questions=5, time_limit=600)


def test_phone_journey_survives_a_dropped_connection(phone, live_server, contest_ready):
    page = phone
    register(page, live_server)
    page.click("text=Bắt đầu thi")
    expect(page.locator(".question.current")).to_have_count(1)
    expect(page.locator("[data-timer]")).to_have_text(re.compile(r"^(10:00|09:5\d)$"))

    page.locator(".question.current .option").first.click()
    expect(page.locator(".question.current [data-state]")).to_have_text("Đã lưu")
    page.click("[data-next]")

    page.context.set_offline(True)
    page.locator(".question.current .option").nth(1).click()
    expect(page.locator("[data-net]")).to_contain_text("Mất kết nối")
    expect(page.locator(".question.current [data-state]")).to_contain_text("Chưa lưu")
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator(".question.current [data-state]")).to_have_text("Đã lưu")

    attempt = db.session.query(Attempt).one()
    db.session.refresh(attempt)
    assert [item.chosen_index for item in attempt.items][:2] == [0, 1]

    page.reload()
    expect(page.locator("input[name=q1]:checked")).to_have_value("0")
    expect(page.locator("input[name=q2]:checked")).to_have_value("1")
    expect(page.locator(".qmap-item.answered")).to_have_count(2)

    page.fill("#prediction", "120")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("[data-submit]")
    expect(page.locator(".score")).to_contain_text("/5")
    expect(page.locator("body")).to_contain_text("lượt thi 1/3")
    expect(page.locator("body")).to_contain_text("Dự đoán của bạn: 120")


def test_a_tap_on_submit_without_a_prediction_asks_for_it(phone, live_server, contest_ready):
    register(phone, live_server)
    phone.click("text=Bắt đầu thi")
    phone.locator(".question.current .option").first.click()
    expect(phone.locator(".question.current [data-state]")).to_have_text("Đã lưu")
    dialogs = []
    phone.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    phone.click("[data-submit]")
    expect(phone.locator("[data-prediction-alert]")).to_have_text(
        "Vui lòng trả lời câu hỏi dự đoán trước khi nộp bài.")
    expect(phone.locator("#prediction")).to_be_focused()
    assert dialogs == [] and db.session.query(Attempt).one().status == "in_progress"

    phone.fill("#prediction", "7")
    expect(phone.locator("[data-prediction-alert]")).to_have_text("")
    phone.click("[data-submit]")  # the unanswered questions are confirmed, then it submits
    expect(phone.locator(".score")).to_be_visible()
    expect(phone.locator("body")).to_contain_text("Dự đoán của bạn: 7")
    assert len(dialogs) == 1


def test_the_page_submits_itself_when_time_runs_out(phone, live_server, make_unit, make_questions, make_round):
    make_unit(name="Sở Nội vụ")
    make_questions(6)
    make_round(questions=3, time_limit=3)
    register(phone, live_server)
    phone.click("text=Bắt đầu thi")
    phone.locator(".question.current .option").first.click()
    expect(phone.locator(".question.current [data-state]")).to_have_text("Đã lưu")
    expect(phone.locator(".score")).to_be_visible(timeout=8_000)
    attempt = db.session.query(Attempt).one()
    db.session.refresh(attempt)
    assert attempt.status == "submitted"
    assert attempt.items[0].chosen_option_id is not None
