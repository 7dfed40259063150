"""A unit's staff list, uploaded by the organizer (any unit) or the unit's
manager (their own only): a good file replaces the list, a bad one changes
nothing, and the absentee page then names the staff with no account as
"chưa đăng ký"."""
import io

import pytest

from contest.extensions import db
from contest.units.staff.models import UnitStaff

from tests.conftest import login
from tests.units.helpers import audit_rows, workbook

COLUMNS = ["Họ và tên", "Số điện thoại", "Chức vụ"]


@pytest.fixture
def commune(make_unit):
    return make_unit(name="Xã Của Tôi", kind="commune", headcount=60)


def upload(client, unit, data: bytes, filename="can-bo.xlsx"):
    return client.post(f"/don-vi/{unit.code}/danh-sach-can-bo",
                       data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def staff(unit):
    db.session.expire_all()
    return sorted((s.full_name, s.phone, s.position)
                  for s in db.session.query(UnitStaff).filter_by(unit_id=unit.id))


def test_the_manager_uploads_the_list_and_the_unregistered_show_up(client, open_round, commune,
                                                                  make_user):
    manager = make_user(role="unit_manager", unit=commune)
    registered = make_user(unit=commune, phone="0987000001")
    registered.full_name = "Lê Văn Đã Đăng Ký"
    db.session.commit()
    login(client, manager)
    data = workbook([["Lê Văn Đã Đăng Ký", "0987 000 001", "Công chức"],
                     ["Trần Thị Chưa Có", "+84 913 000 002", "Phó Chủ tịch"],
                     ["Hoàng Văn Không Số", "", ""]], COLUMNS)
    response = upload(client, commune, data)
    assert response.status_code == 302
    assert staff(commune) == [("Hoàng Văn Không Số", None, None),
                              ("Lê Văn Đã Đăng Ký", "0987000001", "Công chức"),
                              ("Trần Thị Chưa Có", "0913000002", "Phó Chủ tịch")]
    [row] = audit_rows("unit.staff_import")
    assert (row.actor_id, row.details["rows"], row.details["previous_rows"]) == (manager.id, 3, 0)
    page = client.get(f"/don-vi/{commune.code}/chua-tham-gia").get_data(as_text=True)
    assert page.count("chưa đăng ký</span>") == 2
    assert "Trần Thị Chưa Có" in page and "Hoàng Văn Không Số" in page
    assert page.count("Lê Văn Đã Đăng Ký") == 1  # the account, not again as unregistered


def test_a_name_without_phone_matches_an_account_of_the_unit(client, open_round, commune,
                                                             make_user):
    manager = make_user(role="unit_manager", unit=commune)
    manager.full_name = "Nguyễn Văn Lãnh Đạo"
    db.session.commit()
    login(client, manager)
    upload(client, commune, workbook([["nguyen van lanh dao", "", ""]], COLUMNS))
    page = client.get(f"/don-vi/{commune.code}/chua-tham-gia").get_data(as_text=True)
    assert "chưa đăng ký</span>" not in page


def test_a_bad_file_is_refused_with_its_rows_and_changes_nothing(client, open_round, commune,
                                                                make_user):
    login(client, make_user(role="unit_manager", unit=commune))
    upload(client, commune, workbook([["Người Cũ", "0912000009", ""]], COLUMNS))
    before = staff(commune)
    response = upload(client, commune, workbook([["Người Mới", "0912000010", ""],
                                                 ["", "0912000011", ""],
                                                 ["Người Sai Số", "12345", ""],
                                                 ["Người Trùng", "0912000010", ""]], COLUMNS))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<td>3</td><td>Họ và tên</td><td>Vui lòng nhập họ và tên.</td>" in html
    assert "<td>4</td><td>Số điện thoại</td><td>Số điện thoại không hợp lệ" in html
    assert "<td>5</td><td>Số điện thoại</td><td>Số điện thoại trùng với dòng 2.</td>" in html
    assert upload(client, commune, b"\xff\xfe not a list").status_code == 400
    assert staff(commune) == before and len(audit_rows("unit.staff_import")) == 1


def test_a_file_without_the_name_column_is_refused(client, open_round, commune, make_user):
    login(client, make_user(role="unit_manager", unit=commune))
    response = upload(client, commune, workbook([["0912000010"]], ["Số điện thoại"]))
    assert response.status_code == 400
    assert "Thiếu cột trong dòng tiêu đề (dòng 1)." in response.get_data(as_text=True)


def test_a_new_upload_replaces_the_list(client, open_round, commune, make_user):
    login(client, make_user(role="unit_manager", unit=commune))
    upload(client, commune, workbook([["Người Cũ", "0912000009", ""]], COLUMNS))
    csv = "Họ và tên;Số điện thoại;Chức vụ\nNgười Mới;0912000010;Văn thư\n".encode("utf-8-sig")
    assert upload(client, commune, csv, "can-bo.csv").status_code == 302
    assert staff(commune) == [("Người Mới", "0912000010", "Văn thư")]
    assert [row.details["previous_rows"] for row in audit_rows("unit.staff_import")] == [0, 1]


def test_a_manager_cannot_upload_for_another_unit_but_an_organizer_can(client, open_round, commune,
                                                                      make_unit, make_user):
    other = make_unit(name="Xã Bên Cạnh", kind="commune")
    login(client, make_user(role="unit_manager", unit=commune))
    data = workbook([["Người Lạ", "0912000010", ""]], COLUMNS)
    assert upload(client, other, data).status_code == 403
    assert client.get(f"/don-vi/{other.code}/danh-sach-can-bo").status_code == 403
    assert staff(other) == []
    client.post("/dang-xuat")
    login(client, make_user(role="organizer"))
    assert upload(client, other, data).status_code == 302
    assert staff(other) == [("Người Lạ", "0912000010", None)]
