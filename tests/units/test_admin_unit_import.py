"""Importing units from Excel, and the template and list downloads."""
import io
import re
import zipfile

import openpyxl
import pytest

from contest.extensions import db
from contest.units.formats import ACCOUNTS, ACTIVE, COLUMNS
from contest.units.models import Unit
from tests.units.helpers import ADMIN_URL, audit_rows, units_snapshot, workbook

IMPORT_URL = f"{ADMIN_URL}/nhap-excel"


def upload(client, data: bytes, filename="don-vi.xlsx", **fields):
    return client.post(IMPORT_URL, data={"file": (io.BytesIO(data), filename), **fields},
                       content_type="multipart/form-data")


def error_rows(html: str) -> set[tuple[str, str, str]]:
    body = html.split("<tbody>", 1)[1] if "<tbody>" in html else ""
    return {tuple(cells) for cells in (re.findall(r"<td>(.*?)</td>", row)
                                       for row in re.findall(r"<tr>(.*?)</tr>", body))}


def test_every_bad_row_is_reported_and_nothing_changes(organizer, make_unit):
    existing = make_unit(name="Sở Nội vụ", headcount=50)
    before = units_snapshot()
    data = workbook([
        ["SYT", "Sở Y tế", "Sở, ban, ngành", "80"],             # row 2: good
        ["", "Xã Không Mã", "Xã, phường", ""],                  # row 3
        ["X", "Xã Mã Ngắn", "xa phuong", "10"],                 # row 4
        [None, None, None, None],                                # row 5: blank, skipped
        ["SYT", "Sở Y tế (lặp)", "agency", "-4"],              # row 6
        ["XA-01", "", "Bộ", "mười"],                             # row 7
        ["XA-02", "Xã Ia Ly", "commune", "12.5"],               # row 8
        [existing.code, "Sở Nội vụ", "agency", "70"],           # row 9: good update
    ])
    response = upload(organizer, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Tệp có 8 lỗi, chưa có đơn vị nào được thêm hay sửa." in html
    assert error_rows(html) == {
        ("3", "Mã đơn vị", "Vui lòng nhập mã đơn vị."),
        ("4", "Mã đơn vị", "Mã đơn vị gồm 2–32 ký tự: chữ in hoa không dấu A–Z, chữ số 0–9, dấu - hoặc _."),
        ("6", "Biên chế", "Biên chế phải là số nguyên từ 0 đến 1.000.000, hoặc để trống."),
        ("7", "Tên đơn vị", "Vui lòng nhập tên đơn vị."),
        ("7", "Loại", "Loại đơn vị phải là “Sở, ban, ngành”, “Xã, phường”, “Đơn vị sự nghiệp công lập”."),
        ("7", "Biên chế", "Biên chế phải là số nguyên từ 0 đến 1.000.000, hoặc để trống."),
        ("8", "Biên chế", "Biên chế phải là số nguyên từ 0 đến 1.000.000, hoặc để trống."),
        ("6", "Mã đơn vị", "Mã đơn vị trùng với dòng 2."),
    }
    assert units_snapshot() == before
    assert audit_rows("unit.import") == []


def test_a_duplicate_code_in_the_file_is_reported_even_when_both_rows_are_valid(organizer):
    before = units_snapshot()
    response = upload(organizer, workbook([["SYT", "Sở Y tế", "agency", ""],
                                           ["syt", "Sở Y tế", "agency", ""]]))
    assert response.status_code == 400
    assert error_rows(response.get_data(as_text=True)) == {("3", "Mã đơn vị", "Mã đơn vị trùng với dòng 2.")}
    assert units_snapshot() == before


def test_missing_columns_are_named(organizer):
    response = upload(organizer, workbook([["SYT", "Sở Y tế"]], columns=["Mã đơn vị", "Tên"]))
    assert response.status_code == 400
    assert ("1", "Tên đơn vị, Loại, Biên chế", "Thiếu cột trong dòng tiêu đề (dòng 1).") in error_rows(
        response.get_data(as_text=True))


def test_a_good_file_creates_and_updates_in_one_audited_change(organizer, make_unit, make_user):
    renamed = make_unit(name="UBND xã Ia Grai", kind="agency", headcount=10)
    same = make_unit(name="Sở Tư pháp", headcount=60)
    closed = make_unit(name="Xã Cũ", kind="commune", headcount=5)
    closed.active = False
    db.session.commit()
    member = make_user(unit=renamed)
    data = workbook([
        [renamed.code.lower(), "Xã Ia Grai", "XÃ, PHƯỜNG", "35"],
        [same.code, "Sở Tư pháp", "so ban nganh", "60"],
        [closed.code, "Xã Cũ", "commune", ""],
        ["TT-PVHCC", "Trung tâm Phục vụ hành chính công", "Đơn vị sự nghiệp", ""],
        ["SYT", "Sở  Y tế", "agency", "80"],
        ["BQL-KKT", "Ban Quản lý Khu kinh tế", "public_service", "25.0"],
    ])
    response = upload(organizer, data, filename="danh-muc-2025.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Đã thêm <strong>3</strong> đơn vị, cập nhật <strong>2</strong> đơn vị; <strong>1</strong> đơn vị không đổi." in html
    db.session.expire_all()
    units = {u.code: u for u in db.session.query(Unit)}
    assert (units[renamed.code].name, units[renamed.code].name_folded, units[renamed.code].kind,
            units[renamed.code].headcount) == ("Xã Ia Grai", "xa ia grai", "commune", 35)
    assert (units[closed.code].headcount, units[closed.code].active) == (None, False)
    assert (units["SYT"].name, units["SYT"].kind, units["SYT"].headcount, units["SYT"].active) == (
        "Sở Y tế", "agency", 80, True)
    assert units["TT-PVHCC"].kind == "public_service" and units["TT-PVHCC"].headcount is None
    assert units["BQL-KKT"].headcount == 25
    assert member.unit_id == renamed.id
    [row] = audit_rows("unit.import")
    assert (row.details["created"], row.details["updated"], row.details["unchanged"]) == (3, 2, 1)
    assert row.details["filename"] == "danh-muc-2025.xlsx"
    change = next(c for c in row.details["updated_units"] if c["code"] == renamed.code)
    assert change["before"]["name"] == "UBND xã Ia Grai" and change["after"]["name"] == "Xã Ia Grai"
    assert change["before"]["headcount"] == 10 and change["after"]["headcount"] == 35
    assert {u["code"] for u in row.details["created_units"]} == {"TT-PVHCC", "SYT", "BQL-KKT"}


def test_check_only_shows_the_counts_and_changes_nothing(organizer, make_unit):
    unit = make_unit(name="Sở Nội vụ", headcount=50)
    before = units_snapshot()
    response = upload(organizer, workbook([[unit.code, "Sở Nội vụ", "agency", "55"],
                                           ["SYT", "Sở Y tế", "agency", ""]]), dry_run="y")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nếu nhập, sẽ thêm <strong>1</strong> đơn vị, cập nhật <strong>1</strong> đơn vị" in html
    assert "Biên chế: 50 → 55" in html
    assert units_snapshot() == before and audit_rows("unit.import") == []


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize("data, filename, message", [
    (PNG, "anh.xlsx", "Không đọc được tệp Excel. Hãy dùng tệp .xlsx theo mẫu."),
    ("Mã đơn vị,Tên đơn vị\nSYT,Sở Y tế\n".encode(), "don-vi.xlsx",
     "Không đọc được tệp Excel. Hãy dùng tệp .xlsx theo mẫu."),
    (b"PK\x03\x04" + b"\x00" * 200, "hong.xlsx", "Không đọc được tệp Excel. Hãy dùng tệp .xlsx theo mẫu."),
    (b"Ma don vi\n", "don-vi.csv", "Chỉ nhận tệp Excel .xlsx."),
])
def test_a_file_that_is_not_an_xlsx_is_refused(organizer, make_unit, data, filename, message):
    make_unit()
    before = units_snapshot()
    response = upload(organizer, data, filename=filename)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert units_snapshot() == before and audit_rows("unit.import") == []


def test_a_zip_that_is_not_a_workbook_is_refused(organizer):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    response = upload(organizer, buffer.getvalue())
    assert response.status_code == 400
    assert "Không đọc được tệp Excel" in response.get_data(as_text=True)


def test_a_file_over_2_mb_is_refused_before_reading(organizer, monkeypatch):
    def must_not_read(_data):
        raise AssertionError("a file over the limit was read")
    monkeypatch.setattr("contest.admin.routes.units.read_units", must_not_read)
    before = units_snapshot()
    response = upload(organizer, workbook([["SYT", "Sở Y tế", "agency", ""]]) + b"\x00" * (2 * 1024 * 1024))
    assert response.status_code == 400
    assert "Tệp quá lớn (2,0 MB), tối đa 2 MB." in response.get_data(as_text=True)
    assert units_snapshot() == before and audit_rows("unit.import") == []


def test_an_upload_over_the_app_limit_gets_a_vietnamese_413(organizer):
    response = upload(organizer, b"\x00" * (6 * 1024 * 1024))
    assert response.status_code == 413
    assert "Tệp hoặc dữ liệu gửi lên quá lớn." in response.get_data(as_text=True)


def open_workbook(response):
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(response.data))


def sheet_rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_template_has_the_header_and_a_guide(organizer):
    book = open_workbook(organizer.get(f"{ADMIN_URL}/mau.xlsx"))
    assert book.sheetnames == ["Danh mục đơn vị", "Hướng dẫn"]
    assert sheet_rows(book["Danh mục đơn vị"]) == [COLUMNS]
    guide = sheet_rows(book["Hướng dẫn"])
    assert guide[0] == ["Cột", "Cách điền"]
    assert {row[0] for row in guide[1:]} >= set(COLUMNS)
    assert upload(organizer, organizer.get(f"{ADMIN_URL}/mau.xlsx").data).status_code == 200


def test_the_list_download_can_be_edited_and_imported_again(organizer, make_unit, make_user):
    agency = make_unit(name="=Sở Nội vụ", headcount=120)
    commune = make_unit(name="Xã Ia Grai", kind="commune", headcount=None)
    commune.active = False
    db.session.commit()
    make_user(unit=agency)
    make_user(unit=agency)
    book = open_workbook(organizer.get(f"{ADMIN_URL}/danh-sach.xlsx"))
    rows = sheet_rows(book["Danh mục đơn vị"])
    assert rows[0] == [*COLUMNS, ACTIVE, ACCOUNTS]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code[agency.code][1:] == ["=Sở Nội vụ", "Sở, ban, ngành", 120, "Có", 2]
    assert by_code[commune.code][1:] == ["Xã Ia Grai", "Xã, phường", None, "Không", 0]
    name_cell = next(row[1] for row in book["Danh mục đơn vị"].iter_rows() if row[0].value == agency.code)
    assert name_cell.data_type == "s"  # text, never a formula

    before = units_snapshot()
    response = upload(organizer, organizer.get(f"{ADMIN_URL}/danh-sach.xlsx").data)
    assert response.status_code == 200
    assert "Đã thêm <strong>0</strong> đơn vị, cập nhật <strong>0</strong> đơn vị; <strong>3</strong> đơn vị không đổi." in response.get_data(as_text=True)
    assert units_snapshot() == before

    sheet = book["Danh mục đơn vị"]
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value == commune.code:
            cells[3].value = 42
    edited = io.BytesIO()
    book.save(edited)
    response = upload(organizer, edited.getvalue())
    assert "cập nhật <strong>1</strong> đơn vị; <strong>2</strong> đơn vị không đổi." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (commune.headcount, commune.active) == (42, False)
