"""The organizer's units list and form: search, create, edit, deactivate, audit."""
import re

import pytest

from contest.accounts.models import User
from contest.extensions import db
from contest.units.models import Unit
from tests.units.helpers import ADMIN_URL, audit_rows, units_snapshot


def unit_form(**changes):
    data = {"code": "SNV", "name": "Sở Nội vụ", "kind": "agency", "headcount": "120"}
    data.update(changes)
    return data


def listed_codes(html):
    return re.findall(r"<tr[^>]*>\s*<td>([A-Z0-9_-]+)</td>", html)


def test_search_ignores_diacritics_and_case_by_name_or_code(organizer, make_unit):
    make_unit(name="Sở Nội vụ")
    make_unit(name="Phường Đề Thám", kind="commune")
    make_unit(name="Sở Tư pháp")
    by_code = {u.name: u.code for u in db.session.query(Unit)}
    html = organizer.get(f"{ADMIN_URL}/?q=SO NOI VU").get_data(as_text=True)
    assert listed_codes(html) == [by_code["Sở Nội vụ"]]
    html = organizer.get(f"{ADMIN_URL}/?q=de tham").get_data(as_text=True)
    assert listed_codes(html) == [by_code["Phường Đề Thám"]]
    code = by_code["Sở Tư pháp"]
    assert listed_codes(organizer.get(f"{ADMIN_URL}/?q={code.lower()}").get_data(as_text=True)) == [code]
    assert listed_codes(organizer.get(f"{ADMIN_URL}/?q=%25").get_data(as_text=True)) == []


def test_filters_by_kind_and_state_and_counts_accounts(organizer, make_unit, make_user):
    agency = make_unit(name="Sở Tài chính")
    commune = make_unit(name="Xã Ia Grai", kind="commune", headcount=None)
    closed = make_unit(name="Xã Cũ", kind="commune")
    closed.active = False
    db.session.commit()
    for _ in range(3):
        make_user(unit=commune)
    make_user(unit=closed)
    html = organizer.get(f"{ADMIN_URL}/?loai=commune").get_data(as_text=True)
    assert set(listed_codes(html)) == {commune.code, closed.code}
    html = organizer.get(f"{ADMIN_URL}/?loai=commune&hoat_dong=1").get_data(as_text=True)
    assert listed_codes(html) == [commune.code]
    html = organizer.get(f"{ADMIN_URL}/?hoat_dong=0").get_data(as_text=True)
    assert listed_codes(html) == [closed.code]
    html = organizer.get(f"{ADMIN_URL}/?q={commune.code}").get_data(as_text=True)
    row = re.search(rf"<td>{commune.code}</td>(.*?)</tr>", html, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[:5] == ["Xã Ia Grai", "Xã, phường", "—", "Đang hoạt động", "3"]
    assert agency.code not in listed_codes(html)


def test_the_list_pages_by_50_with_one_grouped_count(organizer, make_unit, make_user, count_queries):
    units = [make_unit(name=f"Xã Thử {i:03d}", kind="commune") for i in range(55)]
    make_user(unit=units[0])
    with count_queries() as statements:
        first = organizer.get(f"{ADMIN_URL}/?loai=commune").get_data(as_text=True)
    assert len(listed_codes(first)) == 50
    assert len(statements.mentioning("count(users.id)")) == 1
    assert len(statements) < 10  # the user, the page, its total, the counts: no query per row
    second = organizer.get(f"{ADMIN_URL}/?loai=commune&trang=2").get_data(as_text=True)
    assert len(listed_codes(second)) == 5
    assert not set(listed_codes(first)) & set(listed_codes(second))


def test_create_saves_the_unit_and_audits_it(organizer):
    response = organizer.post(f"{ADMIN_URL}/moi", data=unit_form(code=" snv-01 ", headcount=""))
    assert response.status_code == 302
    unit = db.session.query(Unit).filter_by(code="SNV-01").one()
    assert (unit.name, unit.name_folded, unit.kind, unit.headcount, unit.active) == (
        "Sở Nội vụ", "so noi vu", "agency", None, True)
    [row] = audit_rows("unit.create")
    assert row.target_id == str(unit.id) and row.actor_id is not None
    assert row.details["after"] == {"code": "SNV-01", "name": "Sở Nội vụ", "kind": "agency",
                                    "headcount": None, "active": True}


@pytest.mark.parametrize("changes, message", [
    ({"code": ""}, "Vui lòng nhập mã đơn vị."),
    ({"code": "X"}, "Mã đơn vị gồm 2–32 ký tự"),
    ({"code": "SỞ NV"}, "Mã đơn vị gồm 2–32 ký tự"),
    ({"code": "A" * 33}, "Mã đơn vị gồm 2–32 ký tự"),
    ({"name": "   "}, "Vui lòng nhập tên đơn vị."),
    ({"name": "x" * 201}, "Tên đơn vị tối đa 200 ký tự."),
    ({"kind": "ministry"}, "Vui lòng chọn một giá trị trong danh sách."),
    ({"headcount": "-1"}, "Biên chế phải là số nguyên từ 0"),
    ({"headcount": "mười"}, "Giá trị phải là một số nguyên."),
    ({"headcount": "99999999999"}, "Biên chế phải là số nguyên từ 0"),
])
def test_create_refuses_bad_values_with_a_message(organizer, make_unit, changes, message):
    make_unit()
    before = units_snapshot()
    response = organizer.post(f"{ADMIN_URL}/moi", data=unit_form(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert units_snapshot() == before
    assert audit_rows("unit.create") == []


def test_a_code_already_used_is_refused_on_create_and_edit(organizer, make_unit):
    first, second = make_unit(name="Sở Nội vụ"), make_unit(name="Sở Tư pháp")
    before = units_snapshot()
    response = organizer.post(f"{ADMIN_URL}/moi", data=unit_form(code=first.code.lower()))
    assert response.status_code == 400
    assert "Mã đơn vị này đã được dùng cho một đơn vị khác." in response.get_data(as_text=True)
    response = organizer.post(f"{ADMIN_URL}/{second.id}/sua",
                              data=unit_form(code=first.code, name="Sở Tư pháp"))
    assert response.status_code == 400
    assert "Mã đơn vị này đã được dùng cho một đơn vị khác." in response.get_data(as_text=True)
    assert units_snapshot() == before
    assert audit_rows("unit.create") == [] and audit_rows("unit.update") == []


def test_edit_changes_code_name_kind_and_headcount_with_before_and_after(organizer, make_unit):
    unit = make_unit(name="Phường Hội Thương", kind="commune", headcount=40)
    old_code = unit.code
    response = organizer.post(f"{ADMIN_URL}/{unit.id}/sua", data=unit_form(
        code="PHU-HOI-THUONG", name="Phường Hội Thương", kind="commune", headcount="45"))
    assert response.status_code == 302
    db.session.expire_all()
    assert (unit.code, unit.headcount) == ("PHU-HOI-THUONG", 45)
    [row] = audit_rows("unit.update")
    assert row.details["before"]["code"] == old_code and row.details["before"]["headcount"] == 40
    assert row.details["after"]["code"] == "PHU-HOI-THUONG" and row.details["after"]["headcount"] == 45
    # Saving the same values writes nothing.
    organizer.post(f"{ADMIN_URL}/{unit.id}/sua", data=unit_form(
        code="PHU-HOI-THUONG", name="Phường Hội Thương", kind="commune", headcount="45"))
    assert len(audit_rows("unit.update")) == 1


def test_edit_refuses_bad_values_and_keeps_the_unit(organizer, make_unit):
    unit = make_unit()
    before = units_snapshot()
    response = organizer.post(f"{ADMIN_URL}/{unit.id}/sua", data=unit_form(name="", headcount="-3"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vui lòng nhập tên đơn vị." in html and "Biên chế phải là số nguyên" in html
    assert units_snapshot() == before and audit_rows("unit.update") == []


def registration(unit_id):
    return {"full_name": "Trần Văn Bình", "date_of_birth": "1988-03-02", "gender": "nam",
            "phone": "0987654321", "email": "", "cccd": "", "audience": "cbccvc",
            "unit_id": str(unit_id), "password": "matkhau123", "password_confirm": "matkhau123",
            "consent": "y"}


def test_a_deactivated_unit_leaves_registration_but_keeps_its_accounts(organizer, client, make_unit, make_user, app):
    unit = make_unit(name="Xã Chư Păh", kind="commune")
    member = make_user(unit=unit)
    response = organizer.post(f"{ADMIN_URL}/{unit.id}/ngung-hoat-dong", data={"confirm": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert unit.active is False and db.session.get(User, member.id).unit_id == unit.id
    [row] = audit_rows("unit.deactivate")
    assert (row.details["before"]["active"], row.details["after"]["active"]) == (True, False)

    visitor = app.test_client()
    assert visitor.get("/api/don-vi?q=chu pah").get_json()["units"] == []
    assert unit.name not in visitor.get("/dang-ky").get_data(as_text=True)
    response = visitor.post("/dang-ky", data=registration(unit.id))
    assert response.status_code in (400, 422)
    assert "Vui lòng chọn một giá trị trong danh sách." in response.get_data(as_text=True)
    assert db.session.query(User).filter_by(phone="0987654321").count() == 0

    assert organizer.post(f"{ADMIN_URL}/{unit.id}/hoat-dong-lai", data={"confirm": "y"}).status_code == 302
    [row] = audit_rows("unit.reactivate")
    assert (row.details["before"]["active"], row.details["after"]["active"]) == (False, True)
    names = [u["name"] for u in visitor.get("/api/don-vi?q=chu pah").get_json()["units"]]
    assert names == ["Xã Chư Păh"]
    assert visitor.post("/dang-ky", data=registration(unit.id)).status_code == 302


def test_deactivating_needs_the_box_ticked_and_twice_is_a_conflict(organizer, make_unit):
    unit = make_unit()
    response = organizer.post(f"{ADMIN_URL}/{unit.id}/ngung-hoat-dong", data={})
    assert response.status_code == 400
    assert "Vui lòng đánh dấu ô xác nhận" in response.get_data(as_text=True)
    db.session.expire_all()
    assert unit.active is True and audit_rows("unit.deactivate") == []
    response = organizer.post(f"{ADMIN_URL}/{unit.id}/hoat-dong-lai", data={"confirm": "y"})
    assert response.status_code == 409
    assert "Đơn vị đang hoạt động." in response.get_data(as_text=True)
    assert audit_rows("unit.reactivate") == []


def test_state_changes_need_the_csrf_token(organizer, make_unit):
    unit = make_unit()
    response = organizer.post(f"{ADMIN_URL}/{unit.id}/ngung-hoat-dong", data={"confirm": "y"},
                              no_csrf=True)
    assert response.status_code == 400
    db.session.expire_all()
    assert unit.active is True
