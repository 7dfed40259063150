"""Practice on a 360 px phone: open it from the home page, answer, and see right or
wrong with the correct option, the explanation and the source at once."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from contest import clock
from contest.extensions import db
from tests.conftest import PASSWORD
from tests.rankings.helpers import take_attempt

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


def test_practice_on_a_phone(phone, live_server, make_questions, make_round, make_user):
    make_questions(6)
    round_ = make_round(questions=3)
    person = make_user()
    take_attempt(person, round_, correct=3, seconds=60)
    clock.freeze(None)
    round_.opens_at, round_.closes_at = clock.now() - timedelta(days=2), clock.now() - timedelta(days=1)
    db.session.commit()  # closed: the contest's only round, its review shows the answers

    page = phone
    page.goto(live_server + "/dang-nhap")
    page.fill("#identifier", person.phone)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("text=Luyện tập với các câu hỏi đã công bố đáp án")
    expect(page.locator("h1")).to_have_text("Luyện tập")
    expect(page.locator("#practice .question")).to_have_count(3)

    first, second = page.locator("#q1"), page.locator("#q2")
    first.locator("label.option").nth(0).click()  # the first option is the correct one
    feedback = page.locator('[data-feedback="1"]')
    expect(feedback).to_contain_text("Đúng.")
    expect(feedback).to_contain_text("Nguồn: Văn bản thử, Điều 1")
    expect(first.locator("input").first).to_be_disabled()

    second.locator("label.option").nth(2).click()
    feedback = page.locator('[data-feedback="2"]')
    expect(feedback).to_contain_text("Chưa đúng.")
    expect(feedback).to_contain_text("Đáp án đúng: Phương án 1")
    expect(feedback).to_contain_text("Giải thích")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
