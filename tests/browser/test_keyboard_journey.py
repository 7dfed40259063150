"""Register → attempt → result → history with the keyboard only (Tab, Space, Enter,
arrow keys; no click), on a 360×740 phone (one question per screen, Next moves the
focus to the next question) and at 1280×800 (every question on the page)."""
import pytest
from playwright.sync_api import expect

from contest.extensions import db
from contest.quiz.models import Attempt
from tests.browser.contestant import SIZES, new_page

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]

TAB_LIMIT = 80


def focused(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str) -> None:
    """Press Tab until the focus reaches ``selector``."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"Tab never reaches {selector}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose_with_arrows(page, selector: str, value: str) -> None:
    """A closed select changed with the arrow keys until it holds ``value``."""
    tab_to(page, selector)
    for _ in range(20):
        if page.eval_on_selector(selector, "el => el.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{selector} never reaches {value}")


def register_with_keyboard(page) -> None:
    tab_to(page, "a[href='/dang-ky']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dang-ky")
    type_into(page, "#full_name", "Lê Thị Thu")
    type_into(page, "#date_of_birth", "04/04/1992")  # typed as written, dd/mm/yyyy
    expect(page.locator("#date_of_birth")).to_have_value("04/04/1992")
    choose_with_arrows(page, "#gender", "nu")
    type_into(page, "#phone", "0912888999")
    choose_with_arrows(page, "#audience", "cbccvc")
    type_into(page, "#unit_search", "so noi vu")
    tab_to(page, "#unit_id")
    assert page.locator("#unit_id option:checked").inner_text() == "Sở Nội vụ"
    type_into(page, "#password", "thu-hoa-sen-92")
    type_into(page, "#password_confirm", "thu-hoa-sen-92")
    for box in page.locator("form input[type=checkbox][required]").all():  # consents, if asked
        tab_to(page, f"#{box.get_attribute('id')}")
        page.keyboard.press("Space")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("Đăng ký thành công")


def answer_with_keyboard(page, total: int, paged: bool) -> None:
    """Question p: Space takes the first option, the arrow keys the next ones."""
    for position in range(1, total + 1):
        tab_to(page, f"input[name=q{position}]")
        outline = page.locator(f"#q{position} .option").first.evaluate(
            "el => getComputedStyle(el).outlineStyle")
        assert outline != "none", "the focused option shows where the focus is"
        page.keyboard.press("Space")
        for _ in range(position % 3):
            page.keyboard.press("ArrowDown")
        expect(page.locator(f"#q{position} [data-state]")).to_have_text("Đã lưu")
        if paged and position < total:
            tab_to(page, "[data-next]")
            page.keyboard.press("Enter")
            expect(page.locator(".question.current")).to_have_attribute("data-position", str(position + 1))
            assert focused(page, f"#q{position + 1}"), "Next hands the focus to the new question"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_contestant_goes_from_registering_to_the_history_with_the_keyboard_only(
        browser, live_server, make_unit, make_questions, make_round, size):
    make_unit(name="Sở Nội vụ")
    make_unit(name="Sở Tư pháp")
    make_questions(8)
    make_round(questions=5)
    page = new_page(browser, SIZES[size])
    page.goto(live_server + "/")

    register_with_keyboard(page)
    tab_to(page, "form[action*='/bat-dau'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bai-thi/*")
    answer_with_keyboard(page, 5, paged=size == "phone")
    type_into(page, "#prediction", "150")
    tab_to(page, "[data-submit]")
    page.keyboard.press("Enter")

    expect(page.locator(".score")).to_contain_text("/5")
    expect(page.locator("body")).to_contain_text("Dự đoán của bạn: 150")
    attempt = db.session.query(Attempt).one()
    db.session.refresh(attempt)
    assert [item.chosen_index for item in attempt.items] == [1, 2, 0, 1, 2]
    tab_to(page, "main a[href$='/lich-su']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Lịch sử thi của bạn")
    expect(page.locator("table")).to_contain_text(f"{attempt.score}/5")
