"""The person page's "Giao làm lãnh đạo đơn vị": a unit found by typing (the
registration's picker), the person's own unit chosen already."""
import re

from tests.conftest import login


def _picker(html: str) -> str:
    return html.split("Giao làm lãnh đạo đơn vị", 1)[1].split("</form>", 1)[0]


def test_the_picker_is_searchable_and_starts_on_the_persons_unit(client, make_user, make_unit):
    organizer = make_user(role="organizer")
    for number in range(1, 6):
        make_unit(name=f"Xã Ia {number}", kind="commune")
    own = make_unit(name="Phường Diên Hồng", kind="commune")
    person = make_user(unit=own)
    login(client, organizer)
    html = client.get(f"/quan-tri/tai-khoan/{person.id}").get_data(as_text=True)
    picker = _picker(html)
    assert "data-unit-picker" in picker and 'type="search"' in picker
    assert 'for="manager-unit-search"' in picker  # the search box has its label
    selected = re.findall(r'<option selected value="(\d+)">([^<]+)</option>', picker)
    assert selected == [(str(own.id), f"Phường Diên Hồng ({own.code})")]
    assert "/static/js/unit-picker." in html


def test_the_persons_log_names_roles_and_units(client, make_user, make_unit):
    """"Vai trò: Người dự thi → Lãnh đạo đơn vị", not "contestant → unit_manager"."""
    organizer = make_user(role="organizer")
    commune = make_unit(name="Xã Ia Grai", kind="commune")
    person = make_user()
    old_unit = person.unit
    login(client, organizer)
    response = client.post(f"/quan-tri/tai-khoan/{person.id}/lanh-dao-don-vi",
                           data={"unit_id": str(commune.id)})
    assert response.status_code == 302
    html = client.get(f"/quan-tri/tai-khoan/{person.id}").get_data(as_text=True)
    log = html.split("Nhật ký về tài khoản này", 1)[1]
    assert "Vai trò: Người dự thi → Lãnh đạo đơn vị" in log
    assert f"Đơn vị: {old_unit.name} ({old_unit.code}) → Xã Ia Grai ({commune.code})" in log
    assert "unit_manager" not in log and "contestant" not in log
