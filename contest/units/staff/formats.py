"""The staff list a unit uploads (.xlsx or CSV UTF-8): one person a row, with
their full name, and optionally their phone and position. Every bad row is
reported with its row number, column and reason; nothing is kept from a file
with one."""
from collections.abc import Callable
from dataclasses import dataclass

from contest.formatting import number
from contest.spreadsheets import (
    HEADER_ROW, FirstRows, Limits, RowError, Sheet, Table, filled_rows, header_map,
    missing_columns, read_sheet, template_workbook as workbook_with_guide,
)
from contest.spreadsheets.delimited import read_csv
from contest.text import clean_text, fold

NAME, PHONE, POSITION = "Họ và tên", "Số điện thoại", "Chức vụ"
COLUMNS = [NAME, PHONE, POSITION]
# Header text -> field; "Họ tên" and "Điện thoại" are read too.
FIELDS = {NAME: NAME, "Họ tên": NAME, PHONE: PHONE, "Điện thoại": PHONE, POSITION: POSITION}
REQUIRED = {NAME: NAME}
SHEET = "Danh sách cán bộ"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000  # a large agency has a few thousand people
MAX_TEXT = 100
LIMITS = Limits.for_template(len(COLUMNS), MAX_UPLOAD_BYTES, MAX_ROWS)
NAME_MISSING = "Vui lòng nhập họ và tên."
PHONE_INVALID = "Số điện thoại không hợp lệ (số di động Việt Nam, ví dụ 0912345678), hoặc để trống."
TOO_LONG = f"Tối đa {MAX_TEXT} ký tự."

# Reads a written phone: its canonical form, or None when it is not a
# Vietnamese mobile number (the accounts' rule, handed in by the caller).
PhoneReader = Callable[[str], str | None]


@dataclass(frozen=True)
class StaffRecord:
    full_name: str
    phone: str | None
    position: str | None

    @property
    def name_folded(self) -> str:
        return fold(self.full_name)


def read_staff(data: bytes, read_phone: PhoneReader) -> tuple[list[StaffRecord], list[RowError]]:
    """Every row of an uploaded .xlsx (a zip) or CSV checked: (records, errors).
    Raises ``SpreadsheetError`` for a file that cannot be read."""
    sheet = read_sheet(data, LIMITS) if data.startswith(b"PK") else read_csv(data, LIMITS)
    return parse_sheet(sheet, read_phone)


def parse_sheet(sheet: Sheet, read_phone: PhoneReader) -> tuple[list[StaffRecord], list[RowError]]:
    columns = header_map(sheet.headers, FIELDS)
    missing = missing_columns(columns, REQUIRED)
    if missing:
        return [], [RowError(HEADER_ROW, ", ".join(missing),
                             "Thiếu cột trong dòng tiêu đề (dòng 1).")]
    records, errors, phones = [], [], FirstRows()
    for row, cells in filled_rows(sheet, columns):
        record, problems = _row_record(cells, read_phone)
        errors += [RowError(row, column, message) for column, message in problems]
        if record and record.phone:
            first = phones.repeat_of(row, record.phone)
            if first is not None:
                errors.append(RowError(row, PHONE, f"Số điện thoại trùng với dòng {first}."))
        if record:
            records.append(record)
    return records, errors


def _row_record(cells: dict[str, str], read_phone: PhoneReader
                ) -> tuple[StaffRecord | None, list[tuple[str, str]]]:
    name = " ".join(clean_text(cells[NAME]).split())
    written_phone = clean_text(cells.get(PHONE, ""))
    phone = read_phone(written_phone) if written_phone else None
    position = " ".join(clean_text(cells.get(POSITION, "")).split())
    problems = [(column, message) for column, message in (
        (NAME, NAME_MISSING if not name else TOO_LONG if len(name) > MAX_TEXT else None),
        (PHONE, PHONE_INVALID if written_phone and phone is None else None),
        (POSITION, TOO_LONG if len(position) > MAX_TEXT else None),
    ) if message]
    if problems:
        return None, problems
    return StaffRecord(name, phone, position or None), []


def _guide_rows() -> list[tuple[str, str]]:
    return [
        (NAME, f"Bắt buộc, tối đa {MAX_TEXT} ký tự, ví dụ “Nguyễn Văn An”."),
        (PHONE, "Không bắt buộc. Số di động của người đó, ví dụ 0912345678. Người đã đăng ký "
                "tài khoản được nhận ra theo số điện thoại; không có số thì theo họ tên."),
        (POSITION, f"Không bắt buộc, tối đa {MAX_TEXT} ký tự, ví dụ “Công chức Văn phòng”."),
        ("Lưu ý", "Mỗi lần nhập thay toàn bộ danh sách cũ của đơn vị. Mọi dòng được kiểm tra "
                  "trước: nếu có dòng sai thì không có gì thay đổi. Tệp .xlsx hoặc CSV UTF-8, "
                  f"tối đa 2 MB và {number(MAX_ROWS)} dòng."),
    ]


def template_workbook() -> bytes:
    return workbook_with_guide(Table(SHEET, COLUMNS), _guide_rows())
