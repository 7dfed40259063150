"""WCAG 2.2 AA on the contestant's journey: axe-core (shipped by the
axe-playwright-python package) finds no serious or critical violation on the
home, register, login, quiz, result and history pages, on a 360×740 phone and at
1280×800."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.contestant import SIZES, log_in, make_long_questions, new_page, shot

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]

BLOCKING = {"serious", "critical"}
AXE_OPTIONS = {"resultTypes": ["violations"],
               "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                     "wcag22aa", "best-practice"]}}
axe = Axe()


def blocking_violations(page) -> list[str]:
    """Each serious or critical violation: the rule, its impact and the elements it found."""
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(
                f"{' '.join(node['target'])} [{node['failureSummary']}]" for node in v["nodes"][:5])
            for v in violations if v["impact"] in BLOCKING]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_contestant_pages_have_no_serious_accessibility_violation(
        browser, live_server, make_unit, make_user, make_questions, make_round, tmp_path, size):
    make_unit(name="Sở Nội vụ")
    make_long_questions(make_questions, 8)
    make_round(questions=5)
    contestant = make_user()
    page = new_page(browser, SIZES[size], reduced_motion="reduce")  # no colour caught mid-transition
    found = {}

    def check(name: str) -> None:
        page.wait_for_load_state("load")
        shot(page, tmp_path, f"a11y-{name}-{size}")
        found[name] = blocking_violations(page)

    for name, path in (("home", "/"), ("register", "/dang-ky"), ("login", "/dang-nhap")):
        page.goto(live_server + path)
        check(name)
    log_in(page, live_server, contestant)
    check("home-logged-in")
    page.click("text=Bắt đầu thi")
    expect(page.locator("[data-timer]")).to_be_visible()
    check("quiz")
    if size == "phone":
        page.click("text=Danh sách câu")
        check("quiz-map-open")
        page.click(".qmap-item[data-goto='1']")
    page.locator(".question:visible .option").first.click()
    expect(page.locator(".question:visible [data-state]").first).to_have_text("Đã lưu")
    page.fill("#prediction", "3")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-submit]")
    expect(page.locator(".score")).to_be_visible()
    check("result")
    page.goto(live_server + "/lich-su")
    check("history")

    problems = [f"{name}: {violation}" for name, violations in found.items() for violation in violations]
    assert not problems, "\n".join(problems)
