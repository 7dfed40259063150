"""Phones masked (0912•••678) on the organizer's lists, the winner check, the
audit log and the absentee workbook; full only in the winners export (to pay
prizes), in the absentee list for the unit's own manager (to remind people) and
on the person's own profile."""
import io

import openpyxl

from contest.profile.services.details import update_profile
from tests.conftest import login

AN_PHONE, AN_MASKED = "0912345671", "0912•••671"


def _organizer(client, scenario):
    login(client, scenario.organizer)
    return client


def test_the_account_list_and_person_page_show_masked_phones(client, scenario):
    _organizer(client, scenario)
    an = scenario.people["an"]
    for path in ("/quan-tri/tai-khoan/", f"/quan-tri/tai-khoan/{an.id}"):
        html = client.get(path).get_data(as_text=True)
        assert AN_MASKED in html and AN_PHONE not in html, path


def test_a_search_by_the_full_number_still_finds_the_person(client, scenario):
    _organizer(client, scenario)
    html = client.get(f"/quan-tri/tai-khoan/?sdt={AN_PHONE}").get_data(as_text=True)
    assert scenario.people["an"].full_name in html and "0912•••671" in html


def test_the_winner_check_page_shows_masked_phones(client, scenario):
    _organizer(client, scenario)
    an = scenario.people["an"]
    html = client.get(f"/quan-tri/dot-thi/{scenario.round.id}/kiem-tra/{an.id}").get_data(as_text=True)
    assert AN_MASKED in html
    assert not any(person.phone in html for person in scenario.people.values())


def test_the_winners_export_keeps_full_phones(client, scenario):
    _organizer(client, scenario)
    response = client.get(f"/quan-tri/dot-thi/{scenario.round.id}/xuat/dat-giai.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert AN_PHONE in {cell for row in sheet.iter_rows(values_only=True) for cell in row}


def test_the_absentee_workbook_has_full_phones_for_the_units_own_manager_only(
        client, scenario, make_user):
    an = scenario.people["an"]
    absent = make_user(phone="0977000111", unit=an.unit)

    def workbook_cells():
        response = client.get(f"/don-vi/{an.unit.code}/chua-tham-gia.xlsx")
        assert response.status_code == 200
        return {cell for row in openpyxl.load_workbook(io.BytesIO(response.data)).active
                .iter_rows(values_only=True) for cell in row}
    login(client, make_user(role="unit_manager", unit=an.unit))  # to remind their people
    cells = workbook_cells()
    assert absent.full_name in cells and "0977000111" in cells
    client.post("/dang-xuat")
    _organizer(client, scenario)
    cells = workbook_cells()
    assert absent.full_name in cells and "0977•••111" in cells and "0977000111" not in cells


def test_the_audit_log_shows_a_changed_phone_masked(client, scenario):
    an = scenario.people["an"]
    update_profile(an, {"phone": "0988777666"})
    _organizer(client, scenario)
    html = client.get("/quan-tri/nhat-ky/").get_data(as_text=True)
    assert "0912•••671 → 0988•••666" in html
    assert AN_PHONE not in html and "0988777666" not in html


def test_the_person_sees_their_own_full_phone(client, scenario):
    login(client, scenario.people["an"])
    assert AN_PHONE in client.get("/ho-so").get_data(as_text=True)
