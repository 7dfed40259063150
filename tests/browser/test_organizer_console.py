"""The organizer console in a real browser at 1280×800: after `create-admin`,
log in, create the contest, import the units, load the bank, create a round and
publish its schedule, clicking what an organizer clicks. With CONSOLE_SHOTS=DIR
each step leaves a screenshot there (for a person to look at)."""
import os
from datetime import timedelta

import pytest

from contest.contests.models import Round
from contest.extensions import db
from tests.contests.helpers import local
from tests.test_organizer_journey import ADMIN_PASSWORD, ADMIN_PHONE, created_admin, units_workbook


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN",
                                  timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def shot(page, name: str) -> None:
    directory = os.environ.get("CONSOLE_SHOTS")
    if directory:
        os.makedirs(directory, exist_ok=True)
        page.screenshot(path=os.path.join(directory, f"{name}.png"), full_page=True)


def test_an_organizer_sets_up_a_round_in_the_browser(desktop, live_server, runner, frozen,
                                                     tmp_path):
    page = desktop
    created_admin(runner)
    page.goto(f"{live_server}/dang-nhap")
    page.fill("#identifier", ADMIN_PHONE)
    page.fill("#password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.click("text=Quản trị")
    shot(page, "01-console")

    page.click("text=Tạo cuộc thi")
    page.fill("#name", "Cuộc thi trực tuyến tìm hiểu về CCHC tỉnh Gia Lai năm 2026")
    page.fill("#organizer_name", "Ủy ban nhân dân tỉnh Gia Lai")
    page.fill("#rules", "## Đối tượng\n\nCán bộ, công chức, viên chức và **người dân**.")
    shot(page, "02-contest-form")
    page.click("button:has-text('Tạo cuộc thi')")
    assert page.locator(".alert-success").count() >= 1
    shot(page, "03-contest-created")

    workbook = tmp_path / "don-vi.xlsx"
    workbook.write_bytes(units_workbook())
    page.click(".console-nav >> text=Đơn vị")
    page.click("text=Nhập từ Excel")
    page.set_input_files("#file", str(workbook))
    page.click("button:has-text('Kiểm tra và nhập')")
    assert "Xã Ia Dreh" in page.content()
    shot(page, "04-units-imported")

    page.click(".console-nav >> text=Ngân hàng câu hỏi")
    page.click("button:has-text('Nạp ngân hàng câu hỏi đi kèm')")
    assert "câu mới" in page.locator(".alert-success").inner_text()
    shot(page, "05-bank-loaded")

    page.click(".console-nav >> text=Cuộc thi")
    page.click("text=Thêm đợt thi")
    opens = frozen.at + timedelta(hours=1)
    page.fill("#name", "Đợt 1")
    page.fill("#opens_at", local(opens))
    page.fill("#closes_at", local(opens + timedelta(days=7)))
    page.fill("#questions_per_attempt", "20")
    shot(page, "06-round-form")
    page.click("button:has-text('Tạo đợt thi')")
    page.click("button:has-text('Công bố lịch')")
    shot(page, "07-round-scheduled")
    round_ = db.session.query(Round).one()
    db.session.refresh(round_)
    assert not round_.is_draft

    page.goto(live_server + "/")
    assert "Đợt 1" in page.content() and "Ủy ban nhân dân tỉnh Gia Lai" in page.content()
    shot(page, "08-public-home")
