"""Console pages an organizer meets at 1280×800: an error page styled by the
site's CSS (no inline style the CSP would drop) that leads back to the console,
and the unit-manager picker that finds a unit as one types."""
from tests.browser.test_organizer_console import desktop  # noqa: F401 (the 1280×800 page)
from tests.conftest import PASSWORD


def _log_in(page, live_server, user) -> None:
    page.goto(f"{live_server}/dang-nhap")
    page.fill("#identifier", user.phone)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_a_console_error_is_a_narrow_card_leading_back(desktop, live_server, make_user):  # noqa: F811
    page = desktop
    _log_in(page, live_server, make_user(role="organizer"))
    page.goto(f"{live_server}/quan-tri/dot-thi/999999/ket-qua")
    card = page.locator(".error-card").bounding_box()
    assert card["width"] <= 36 * 16 + 1  # 36rem, not the page's 1280 px
    page.click("text=Về trang quản trị")
    page.wait_for_url(f"{live_server}/quan-tri/cuoc-thi")


def test_the_unit_manager_picker_finds_a_unit_as_one_types(desktop, live_server, make_user,  # noqa: F811
                                                           make_unit):
    page = desktop
    for number in range(1, 30):
        make_unit(name=f"Xã Ia {number}", kind="commune")
    wanted = make_unit(name="Phường Diên Hồng", kind="commune")
    person = make_user()
    _log_in(page, live_server, make_user(role="organizer"))
    page.goto(f"{live_server}/quan-tri/tai-khoan/{person.id}")
    assert page.input_value("#manager-unit") == str(person.unit_id)
    page.fill("#manager-unit-search", "dien hong")
    assert page.input_value("#manager-unit") == str(wanted.id)
    assert page.locator("#manager-unit option:not([hidden])").count() <= 2  # the match and "— Chọn —"
