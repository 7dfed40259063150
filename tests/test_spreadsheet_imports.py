"""The three Excel imports (units, questions, staff accounts) share one toolkit
(contest.spreadsheets.importing): headers matched without case or diacritics, a
missing column reported on row 1 under its label, a repeated row reported
against the first one, nothing changed."""
import io
from datetime import date

import pytest

from contest.accounts.models import User
from contest.bank.formats import excel as bank_excel
from contest.bank.services.questions import current_records
from contest.extensions import db
from contest.spreadsheets import Table, write_xlsx
from contest.text import fold
from tests.conftest import login

UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại", "Biên chế"]
ACCOUNT_HEADERS = ["Họ và tên", "Ngày sinh", "Số điện thoại", "Mã đơn vị"]


def _units_import(make_unit, make_questions):
    rows = [["SYT", "Sở Y tế", "Sở, ban, ngành", "80"], ["SYT", "Sở Y tế mới", "Sở, ban, ngành", "8"]]
    return ("/quan-tri/danh-muc-don-vi/nhap-excel", UNIT_HEADERS, rows,
            ("Mã đơn vị", "Mã đơn vị trùng với dòng 2."))


def _bank_import(make_unit, make_questions):
    make_questions(2)
    question = bank_excel.record_cells(current_records()[0])
    return ("/quan-tri/cau-hoi/nhap-excel", list(bank_excel.LABELS.values()), [question, question],
            ("Mã câu hỏi", "mã câu hỏi trùng với dòng 2"))


def _accounts_import(make_unit, make_questions):
    unit = make_unit(name="Sở Nội vụ")
    # The first row's person already has their account (a new one would be created and
    # the file answered with its result page): the file creates nothing.
    _account("Nguyễn Văn An", "0912000101", unit)
    rows = [["Nguyễn Văn An", "17/05/1990", "0912000101", unit.code],
            ["Trần Thị Bình", "01/01/1991", "0912000101", unit.code]]
    return ("/quan-tri/tai-khoan/tao-hang-loat", ACCOUNT_HEADERS, rows,
            ("Số điện thoại", "số 0912000101 trùng với dòng 2 trong tệp"))


def _account(full_name, phone, unit) -> None:
    db.session.add(User(full_name=full_name, date_of_birth=date(1990, 5, 17), gender="nam",
                        phone=phone, audience="cbccvc", unit=unit, password_hash="-"))
    db.session.commit()


IMPORTS = [_units_import, _bank_import, _accounts_import]


@pytest.fixture
def organizer(client, make_user):
    login(client, make_user(role="organizer"))
    return client


def _upload(client, url: str, headers, rows) -> str:
    data = write_xlsx(Table("Trang 1", headers, rows))
    response = client.post(url, data={"file": (io.BytesIO(data), "tep.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code in (400, 422)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("case", IMPORTS, ids=["units", "bank", "accounts"])
def test_a_repeated_row_is_reported_against_the_first_whatever_the_headers_case(
        organizer, make_unit, make_questions, case):
    url, headers, rows, (column, message) = case(make_unit, make_questions)
    folded = [fold(header).upper() for header in headers]  # "MA DON VI" is "Mã đơn vị"
    html = _upload(organizer, url, folded, rows)
    assert f"<td>3</td><td>{column}</td><td>{message}</td>" in html
    assert "<td>1</td>" not in html and "<td>2</td>" not in html


@pytest.mark.parametrize("case", IMPORTS, ids=["units", "bank", "accounts"])
def test_a_missing_column_is_reported_on_the_header_row_under_its_label(
        organizer, make_unit, make_questions, case):
    url, headers, rows, _ = case(make_unit, make_questions)
    dropped = 2  # "Loại", "Độ khó", "Số điện thoại"
    html = _upload(organizer, url, headers[:dropped] + headers[dropped + 1:],
                   [row[:dropped] + row[dropped + 1:] for row in rows])
    assert f"<td>1</td><td>{headers[dropped]}</td><td>" in html
    assert "Tệp có 1 lỗi" in html and "<td>3</td>" not in html
