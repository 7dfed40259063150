"""Bulk creation of a unit's staff accounts from an Excel file: reading and
checking it (``check_workbook``); the accounts are created by ``bulk_results``.

Every row is judged on its own, with nothing written: a new person (created),
a person who already has their account (same phone, same name and unit: left
as it is, so uploading the same file again changes nothing), or a refused row
with its reasons (row, column, reason), among them a phone that belongs to
someone else. The good rows of a file are created even when others are
refused: the organizer fixes those and uploads the file again.
"""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from contest import formatting
from contest.accounts.models import GENDERS, User
from contest.accounts.rules.phone import is_valid_mobile, normalize_phone
from contest.audiences import AUDIENCES
from contest.clock import local_day, now
from contest.extensions import db
from contest.parsing import BIRTH_YEARS, parse_day
from contest.spreadsheets import (
    HEADER_ROW, FirstRows, Limits, RowError, Table, filled_rows, header_map, missing_columns,
    read_sheet, template_workbook as workbook_with_guide,
)
from contest.text import fold, normalise_text
from contest.units.models import Unit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2_000
MIN_AGE, MAX_AGE = 15, 100
DEFAULT_GENDER, DEFAULT_AUDIENCE = "khac", "cbccvc"
COLUMNS = {"full_name": "Họ và tên", "date_of_birth": "Ngày sinh", "phone": "Số điện thoại",
           "unit_code": "Mã đơn vị", "gender": "Giới tính", "audience": "Đối tượng"}
REQUIRED = ("full_name", "date_of_birth", "phone", "unit_code")
SHEET, UNITS_SHEET = "Tài khoản", "Mã đơn vị"
FIRST_DATA_ROW = 2  # row 1 is the header
LIMITS = Limits.for_template(len(COLUMNS), MAX_BYTES, MAX_ROWS)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


@dataclass(frozen=True)
class StaffRow:
    row: int
    full_name: str
    date_of_birth: date
    phone: str
    unit_code: str
    gender: str
    audience: str


@dataclass(frozen=True)
class Checked:
    """What an upload would do: the rows of new people, those of people who already
    have their account, and the reasons every other row is refused."""

    new: list[StaffRow]
    existing: list[StaffRow]
    refused: list[RowError]

    @property
    def refused_rows(self) -> int:
        """Rows refused (one row may have several reasons)."""
        return len({error.row for error in self.refused})


@dataclass(frozen=True)
class _Account:
    """The account that already holds a phone of the file."""

    full_name: str
    unit_code: str


class _Row:
    """One sheet row being checked; errors collect with their column label."""

    def __init__(self, number: int, cells: dict[str, str], errors: list[RowError]):
        self.number, self.cells, self.errors = number, cells, errors

    def value(self, key: str) -> str:
        return _CONTROL.sub("", self.cells.get(key, "") or "").strip()

    def fail(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.number, COLUMNS[key], message))


# --- reading the file -----------------------------------------------------------

def check_workbook(data: bytes) -> Checked:
    """What each row of an uploaded file would do; nothing is written."""
    sheet = read_sheet(data, LIMITS)
    columns = header_map(sheet.headers, {label: key for key, label in COLUMNS.items()})
    missing = missing_columns(columns, {key: COLUMNS[key] for key in REQUIRED})
    if missing:
        return Checked([], [], [RowError(HEADER_ROW, label, "thiếu cột này trong dòng tiêu đề")
                                for label in missing])
    records = filled_rows(sheet, columns)
    if not records:
        return Checked([], [], [RowError(FIRST_DATA_ROW, COLUMNS["full_name"],
                                         "tệp không có dòng dữ liệu nào")])
    errors: list[RowError] = []
    units = units_by_code()
    accounts = _accounts_by_phone([_typed_phone(cells.get("phone", "")) for _, cells in records])
    seen = FirstRows()
    judged: dict[str, list[StaffRow]] = {"new": [], "existing": []}
    for number, cells in records:
        row = _Row(number, cells, errors)
        staff = _parse_row(row, units, seen)
        kind = _kind(row, staff, accounts.get(staff.phone)) if staff is not None else None
        if kind is not None:
            judged[kind].append(staff)
    return Checked(judged["new"], judged["existing"], sorted(errors, key=lambda error: error.row))


def units_by_code() -> dict[str, Unit]:
    return {unit.code.upper(): unit for unit in db.session.scalars(select(Unit))}


def _kind(row: _Row, staff: StaffRow, account: _Account | None) -> str | None:
    """"new"; "existing" when the phone's account is this person's (nothing to do);
    None, the row refused, when the phone is someone else's."""
    if account is None:
        return "new"
    if _same_person(staff, account):
        return "existing"
    row.fail("phone", f"số {staff.phone} đã là tài khoản của {account.full_name} (đơn vị "
                      f"{account.unit_code}), khác họ tên hoặc đơn vị trong tệp: không tạo, "
                      "không thay đổi gì")
    return None


def _accounts_by_phone(phones: list[str], chunk: int = 500) -> dict[str, _Account]:
    accounts: dict[str, _Account] = {}
    for start in range(0, len(phones), chunk):
        part = phones[start:start + chunk]
        accounts.update((phone, _Account(name, code)) for phone, name, code in db.session.execute(
            select(User.phone, User.full_name, Unit.code).join(User.unit).where(User.phone.in_(part))))
    return accounts


def _same_person(staff: StaffRow, account: _Account) -> bool:
    """Same name (case and spaces aside, not diacritics: "An" and "Ân" are two names)
    and same unit: the account of this row."""
    return (normalise_text(staff.full_name) == normalise_text(account.full_name)
            and staff.unit_code == account.unit_code.upper())


def _parse_row(row: _Row, units: dict[str, Unit], seen: FirstRows) -> StaffRow | None:
    before = len(row.errors)
    full_name = _full_name(row)
    born = _date_of_birth(row)
    phone = _phone(row, seen)
    unit_code = _unit_code(row, units)
    gender = _choice(row, "gender", GENDERS, DEFAULT_GENDER)
    audience = _choice(row, "audience", AUDIENCES, DEFAULT_AUDIENCE)
    if len(row.errors) > before:
        return None
    return StaffRow(row.number, full_name, born, phone, unit_code, gender, audience)


def _full_name(row: _Row) -> str:
    name = re.sub(r"\s+", " ", row.value("full_name"))
    if not name:
        row.fail("full_name", "chưa có họ và tên")
    elif len(name) > 100:
        row.fail("full_name", "họ và tên tối đa 100 ký tự")
    return name


def _date_of_birth(row: _Row) -> date | None:
    raw = row.value("date_of_birth")
    if not raw:
        row.fail("date_of_birth", "chưa có ngày sinh")
        return None
    born = parse_date(raw)
    if born is None:
        row.fail("date_of_birth", f"ngày sinh «{raw}» không hợp lệ (dạng dd/mm/yyyy)")
        return None
    age = _age(born, local_day(now()))
    if not MIN_AGE <= age <= MAX_AGE:
        row.fail("date_of_birth", f"ngày sinh {formatting.day(born)} không hợp lý "
                                  f"(tuổi phải từ {MIN_AGE} đến {MAX_AGE})")
        return None
    return born


def parse_date(raw: str) -> date | None:
    """dd/mm/yyyy as typed, or what a date cell reads as ("2001-05-17 00:00:00",
    or its serial number when the cell is formatted as a number)."""
    typed = parse_day(raw, _DATE_FORMATS, BIRTH_YEARS)
    if typed is not None:
        return typed
    if re.fullmatch(r"\d{5}(\.0+)?", raw):
        return _EXCEL_EPOCH + timedelta(days=int(float(raw)))
    return None


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _typed_phone(raw: str) -> str:
    phone = normalize_phone(re.sub(r"\.0+$", "", _CONTROL.sub("", raw or "").strip()))
    if len(phone) == 9 and phone.isdigit():
        phone = "0" + phone  # a number cell loses its leading zero
    return phone


def _phone(row: _Row, seen: FirstRows) -> str:
    raw = row.value("phone")
    phone = _typed_phone(raw)
    if not raw:
        row.fail("phone", "chưa có số điện thoại")
    elif not is_valid_mobile(phone):
        row.fail("phone", f"số điện thoại «{raw}» không hợp lệ (10 chữ số, ví dụ 0912345678)")
    elif (first := seen.repeat_of(row.number, phone)) is not None:
        row.fail("phone", f"số {phone} trùng với dòng {first} trong tệp")
    return phone


def _unit_code(row: _Row, units: dict[str, Unit]) -> str:
    code = row.value("unit_code").upper()
    unit = units.get(code)
    if not code:
        row.fail("unit_code", "chưa có mã đơn vị")
    elif unit is None:
        row.fail("unit_code", f"không có đơn vị mã «{code}»")
    elif not unit.active:
        row.fail("unit_code", f"đơn vị {unit.code} đã ngừng hoạt động")
    return code


def _choice(row: _Row, key: str, labels: dict[str, str], default: str) -> str:
    raw = row.value(key)
    if not raw:
        return default
    known = {fold(label): value for value, label in labels.items()} | {fold(v): v for v in labels}
    if fold(raw) not in known:
        row.fail(key, f"«{raw}» không hợp lệ (một trong: {', '.join(labels.values())})")
        return default
    return known[fold(raw)]


# --- the template ----------------------------------------------------------------

def template_workbook() -> bytes:
    """The empty template, how to fill it in, and the codes of active units."""
    units = db.session.scalars(select(Unit).where(Unit.active.is_(True))
                               .order_by(Unit.kind, Unit.name))
    return workbook_with_guide(
        Table(SHEET, list(COLUMNS.values())), _guide_rows(),
        Table(UNITS_SHEET, ("Mã đơn vị", "Tên đơn vị", "Khối"),
              [(u.code, u.name, u.kind_label) for u in units]))


def _guide_rows() -> list[tuple[str, str]]:
    return [
        (COLUMNS["full_name"], "Bắt buộc. Họ và tên đầy đủ, có dấu, ví dụ Nguyễn Văn An."),
        (COLUMNS["date_of_birth"], ("Bắt buộc. Dạng dd/mm/yyyy, ví dụ 17/05/2001 (hoặc ô kiểu ngày). "
                                    f"Tuổi từ {MIN_AGE} đến {MAX_AGE}.")),
        (COLUMNS["phone"], "Bắt buộc. Số di động 10 chữ số, ví dụ 0912345678; mỗi số một tài khoản."),
        (COLUMNS["unit_code"], "Bắt buộc. Mã một đơn vị đang hoạt động (xem trang «Mã đơn vị»)."),
        (COLUMNS["gender"], "Không bắt buộc: Nam, Nữ hoặc Khác (để trống: Khác)."),
        (COLUMNS["audience"], "Không bắt buộc: " + ", ".join(AUDIENCES.values())
         + f" (để trống: {AUDIENCES[DEFAULT_AUDIENCE]})."),
        ("Giới hạn", (f"Tệp .xlsx tối đa {MAX_BYTES // (1024 * 1024)} MB, {MAX_ROWS} dòng. "
                      "Dòng sai được báo lại, các dòng đúng vẫn được tạo; người đã có tài khoản "
                      "(cùng số điện thoại, họ tên và đơn vị) được giữ nguyên.")),
    ]
