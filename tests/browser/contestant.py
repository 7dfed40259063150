"""Helpers the contestant-journey browser tests share: pages at the two screen
sizes we check, questions as long as the bank's typical ones, logging in and
starting an attempt, screenshots a person can look at."""
import os

from contest.extensions import db
from tests.conftest import PASSWORD

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "desktop": DESKTOP}

# About the 90th percentile of the bank: a 200-character stem, options of ~70.
LONG_STEM = ("Theo Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình "
             "tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030, nội dung nào sau đây "
             "thuộc nhiệm vụ cải cách thủ tục hành chính?")
LONG_OPTIONS = (
    "Kiểm soát chặt chẽ việc ban hành thủ tục hành chính mới theo quy định",
    "Tăng số lượng giấy tờ công dân phải nộp khi giải quyết thủ tục hành chính",
    "Giữ nguyên toàn bộ quy trình tiếp nhận hồ sơ giấy tại bộ phận một cửa",
    "Chuyển toàn bộ thủ tục hành chính cấp xã lên cấp tỉnh giải quyết trực tiếp",
)


def new_page(browser, size: dict, **context_options):
    context = browser.new_context(viewport=size, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def make_long_questions(make_questions, n: int):
    """``n`` questions with typical long texts (the first option stays correct)."""
    questions = make_questions(n)
    for question in questions:
        question.text = LONG_STEM
        for option, text in zip(sorted(question.options, key=lambda o: o.position), LONG_OPTIONS):
            option.text = text
    db.session.commit()
    return questions


def log_in(page, base: str, user) -> None:
    page.goto(base + "/dang-nhap")
    page.fill("#identifier", user.phone)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def start_attempt(page, base: str, user) -> None:
    log_in(page, base, user)
    page.click("text=Bắt đầu thi")
    page.wait_for_url("**/bai-thi/*")


def shot(page, tmp_path, name: str) -> str:
    """A screenshot of what the screen shows, in $SHOTS_DIR if set (else the test's tmp_path)."""
    directory = os.environ.get("SHOTS_DIR") or str(tmp_path)
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, f"{name}.png")
    page.screenshot(path=path)
    return path


def inside_viewport(page, selector: str) -> bool:
    """Whether the whole of the (first visible) element is on the screen, without scrolling."""
    return page.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return r.width > 0 && r.top >= 0 && r.left >= 0"
        " && r.bottom <= window.innerHeight && r.right <= window.innerWidth; }")
