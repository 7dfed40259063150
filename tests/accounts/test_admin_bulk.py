"""Bulk creation of staff accounts from Excel: each bad row refused with its
reason and the good ones created; the result page, and the initial passwords
downloaded again by the same organizer for 30 minutes."""
import io
import re
from datetime import datetime

import pytest

from contest.accounts.models import User
from contest.audit.models import AuditLog
from contest.extensions import db
from tests.workbooks import read_xlsx
from tests.accounts.admin_helpers import URL, audit_rows, workbook

COLUMNS = ["Họ và tên", "Ngày sinh", "Số điện thoại", "Mã đơn vị"]
BULK_URL = f"{URL}/tao-hang-loat"


def upload(client, data: bytes, filename="can-bo.xlsx"):
    return client.post(BULK_URL, data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def counts(html: str) -> tuple[int, int, int]:
    """Created, already there, refused, as the result page says them."""
    created = re.search(r"<strong>([\d.]+)</strong> tài khoản mới đã được tạo", html)
    existing = re.search(r"<strong>([\d.]+)</strong> người trong tệp đã có tài khoản", html)
    refused = re.search(r"<strong>([\d.]+)</strong> dòng bị từ chối", html)
    return tuple(int(found[1].replace(".", "")) for found in (created, existing, refused))


def passwords_link(page) -> str:
    return re.search(r'href="([^"]+/mat-khau\.xlsx)"', page.get_data(as_text=True))[1]


@pytest.fixture
def units(make_unit):
    agency = make_unit(name="Sở Nội vụ")
    commune = make_unit(name="Xã Ia Hrú", kind="commune")
    closed = make_unit(name="Xã đã sáp nhập", kind="commune")
    closed.active = False
    db.session.commit()
    return agency, commune, closed


def test_each_bad_row_is_refused_with_its_reason_and_the_good_ones_are_created(
        as_user, make_user, units):
    client, _ = as_user("organizer")
    agency, commune, closed = units
    taken = make_user(phone="0987000001")
    rows = [
        ["Nguyễn Văn An", "17/05/1990", "0912000101", agency.code],     # 2: good
        ["", "17/05/1990", "0912000102", agency.code],                  # 3: no name
        ["Trần Thị Bình", "31/02/1990", "0912000103", agency.code],     # 4: no such date
        ["Lê Văn Cường", "01/01/2020", "0912000104", agency.code],      # 5: too young
        ["Phạm Thị Dung", "01/01/1990", "12345", agency.code],          # 6: bad phone
        ["Hoàng Văn Em", "01/01/1990", taken.phone, agency.code],       # 7: someone else's
        ["Vũ Thị Giang", "01/01/1990", "0912 000 101", commune.code],   # 8: twice in file
        ["Đỗ Văn Hải", "01/01/1990", "0912000108", "KHONGCO"],          # 9: unknown unit
        ["Bùi Thị Lan", "01/01/1990", "0912000109", closed.code],       # 10: inactive unit
    ]
    response = upload(client, workbook(rows, COLUMNS))
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert counts(html) == (1, 0, 8)
    for row, column, message in [
        (3, "Họ và tên", "chưa có họ và tên"),
        (4, "Ngày sinh", "ngày sinh «31/02/1990» không hợp lệ"),
        (5, "Ngày sinh", "tuổi phải từ 15 đến 100"),
        (6, "Số điện thoại", "số điện thoại «12345» không hợp lệ"),
        (7, "Số điện thoại", f"số {taken.phone} đã là tài khoản của {taken.full_name}"),
        (8, "Số điện thoại", "trùng với dòng 2 trong tệp"),
        (9, "Mã đơn vị", "không có đơn vị mã «KHONGCO»"),
        (10, "Mã đơn vị", "đã ngừng hoạt động"),
    ]:
        assert f"<td>{row}</td><td>{column}</td><td>" in html and message in html, (row, message)
    assert [u.phone for u in db.session.query(User).filter_by(role="contestant")
            if u.id != taken.id] == ["0912000101"]


def test_a_file_whose_every_row_is_refused_creates_nothing(as_user, units):
    client, _ = as_user("organizer")
    rows = [["", "17/05/1990", "0912000102", units[0].code],
            ["Trần Thị Bình", "31/02/1990", "0912000103", units[0].code]]
    response = upload(client, workbook(rows, COLUMNS))
    assert response.status_code == 400
    assert "Tệp có 2 lỗi, chưa tạo tài khoản nào" in response.get_data(as_text=True)
    assert db.session.query(User).filter_by(role="contestant").count() == 0
    assert not audit_rows("account.bulk_create")


def test_missing_columns_and_wrong_files_are_refused(as_user, units):
    client, _ = as_user("organizer")
    response = upload(client, workbook([["An", "0912000101"]], ["Họ và tên", "Số điện thoại"]))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Ngày sinh" in html and "Mã đơn vị" in html and "thiếu cột này" in html
    not_excel = upload(client, b"Ho va ten,Ngay sinh\n", "can-bo.xlsx")
    assert not_excel.status_code == 400 and "Không đọc được tệp Excel" in not_excel.get_data(as_text=True)
    csv = upload(client, workbook([], COLUMNS), "can-bo.csv")
    assert csv.status_code == 400 and "Chỉ nhận tệp Excel .xlsx" in csv.get_data(as_text=True)
    big = upload(client, b"PK" + b"0" * (2 * 1024 * 1024 + 10))
    assert big.status_code == 400 and "Tệp quá lớn" in big.get_data(as_text=True)
    assert db.session.query(User).filter_by(role="contestant").count() == 0


def test_at_most_2000_rows(as_user, units):
    client, _ = as_user("organizer")
    agency = units[0]
    rows = [[f"Người {i}", "01/01/1990", f"09{i:08d}", agency.code] for i in range(2001)]
    response = upload(client, workbook(rows, COLUMNS))
    assert response.status_code == 400
    assert "tối đa 2.000 dòng" in response.get_data(as_text=True)
    assert db.session.query(User).filter_by(role="contestant").count() == 0


def test_a_good_file_creates_accounts_whose_passwords_log_in(app, as_user, units):
    client, organizer = as_user("organizer")
    agency, commune, _ = units
    rows = [
        ["Nguyễn Văn An", "17/05/1990", "0912000101", agency.code, "Nam", ""],
        # a date cell and a number cell (which loses the leading 0)
        ["Trần Thị Bình", datetime(2001, 5, 17), 912000102, commune.code.lower(), "nữ", "Người dân"],
        ["Lê Văn Cường", "1/2/1985", "+84 912 000 103", commune.code, "", ""],
    ]
    response = upload(client, workbook(rows, COLUMNS + ["Giới tính", "Đối tượng"]))
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert counts(page.get_data(as_text=True)) == (3, 0, 0)
    download = client.get(passwords_link(page))
    assert download.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in download.headers["Content-Disposition"]
    assert download.headers["Cache-Control"] == "private, no-store"
    result = read_xlsx(download.data)
    assert list(result["Số điện thoại"]) == ["0912000101", "0912000102", "0912000103"]
    assert list(result["Mã đơn vị"]) == [agency.code, commune.code, commune.code]

    created = {u.phone: u for u in db.session.query(User).filter_by(role="contestant")}
    assert len(created) == 3
    binh = created["0912000102"]
    assert (binh.full_name, binh.date_of_birth.isoformat(), binh.gender, binh.audience, binh.unit_id) == (
        "Trần Thị Bình", "2001-05-17", "nu", "citizen", commune.id)
    assert (created["0912000103"].gender, created["0912000103"].audience) == ("khac", "cbccvc")
    assert all(user.must_change_password for user in created.values())
    for phone, password in zip(result["Số điện thoại"], result["Mật khẩu ban đầu"]):
        assert password not in created[phone].password_hash
        assert password not in page.get_data(as_text=True)
        login = app.test_client().post("/dang-nhap", data={"identifier": phone, "password": password})
        assert login.status_code == 302, phone

    upload_row, *person_rows = audit_rows("account.bulk_create")
    assert upload_row.actor_id == organizer.id
    assert (upload_row.details["count"], upload_row.details["units"]) == (
        3, sorted([agency.code, commune.code]))
    assert sorted(row.target_id for row in person_rows) == sorted(str(u.id) for u in created.values())
    every_detail = str([r.details for r in db.session.query(AuditLog).all()])
    assert all(password not in every_detail for password in result["Mật khẩu ban đầu"])


def test_the_template_lists_columns_and_unit_codes(as_user, units):
    client, _ = as_user("organizer")
    agency, commune, closed = units
    response = client.get(f"{BULK_URL}/mau.xlsx")
    assert response.status_code == 200
    assert list(read_xlsx(response.data).columns) == COLUMNS + ["Giới tính", "Đối tượng"]
    codes = list(read_xlsx(response.data, sheet="Mã đơn vị")["Mã đơn vị"])
    assert agency.code in codes and commune.code in codes and closed.code not in codes
