"""A contestant's first visit on a phone stays light: the home page and the quiz
page each transfer at most 60 KB on a cold cache (HTML, CSS, scripts, headers)."""
import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]

BUDGET = 60 * 1024


def cold_load(browser, url: str, storage_state=None) -> dict:
    """``url`` in a new context (empty cache): bytes transferred, requests, and
    the encoding the page itself came in."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN",
                                  storage_state=storage_state)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    sizes, encodings = [], []
    cdp.on("Network.loadingFinished", lambda event: sizes.append(event["encodedDataLength"]))
    cdp.on("Network.responseReceived", lambda event: encodings.append(
        {name.lower(): value for name, value in event["response"]["headers"].items()}
        .get("content-encoding")))
    cdp.send("Network.enable")
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    return {"bytes": sum(sizes), "requests": len(sizes), "page_encoding": encodings[0]}


def test_home_and_quiz_pages_weigh_at_most_60_kb_on_a_cold_cache(
        browser, phone, live_server, make_user, make_questions, make_round):
    make_questions(40)
    make_round(questions=20)
    contestant = make_user()
    phone.goto(live_server + "/dang-nhap")
    phone.fill("#identifier", contestant.phone)
    phone.fill("#password", PASSWORD)
    phone.click("button[type=submit]")
    phone.click("text=Bắt đầu thi")
    phone.wait_for_url("**/bai-thi/*")

    home = cold_load(browser, live_server + "/")
    quiz = cold_load(browser, phone.url, phone.context.storage_state())

    for name, load in (("home", home), ("quiz", quiz)):
        assert load["requests"] >= 3, f"{name}: the page, its two stylesheets"
        assert load["page_encoding"] == "br", name
        assert load["bytes"] <= BUDGET, f"{name}: {load['bytes']} bytes"
