"""Bulk creation of a unit's staff accounts from an Excel file.

Every row is checked first (row, column, reason); one bad row and nothing is
created. Otherwise every account is created in one transaction and the
initial passwords go back once, in the workbook of the same response: they
are stored nowhere (only their hashes).
"""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from contest import formatting
from contest.accounts.models import GENDERS, User
from contest.accounts.rules.phone import is_valid_mobile, normalize_phone
from contest.accounts.services.accounts import DuplicateAccount
from contest.accounts.services.passwords import INITIAL_HASH_METHOD, new_password
from contest.audiences import AUDIENCES
from contest.audit.services import record
from contest.clock import local_day, now
from contest.extensions import db
from contest.parsing import BIRTH_YEARS, parse_day
from contest.spreadsheets import (
    HEADER_ROW, FirstRows, Limits, RowError, Table, filled_rows, header_map, missing_columns,
    read_sheet, template_workbook as workbook_with_guide, write_xlsx,
)
from contest.text import fold
from contest.transactions import refused_as
from contest.units.models import Unit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2_000
MIN_AGE, MAX_AGE = 15, 100
DEFAULT_GENDER, DEFAULT_AUDIENCE = "khac", "cbccvc"
COLUMNS = {"full_name": "Họ và tên", "date_of_birth": "Ngày sinh", "phone": "Số điện thoại",
           "unit_code": "Mã đơn vị", "gender": "Giới tính", "audience": "Đối tượng"}
REQUIRED = ("full_name", "date_of_birth", "phone", "unit_code")
SHEET, UNITS_SHEET = "Tài khoản", "Mã đơn vị"
RESULT_SHEET = "Tài khoản đã tạo"
RESULT_HEADERS = ("Họ và tên", "Ngày sinh", "Số điện thoại", "Mã đơn vị", "Tên đơn vị",
                  "Mật khẩu ban đầu")
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


class _Row:
    """One sheet row being checked; errors collect with their column label."""

    def __init__(self, number: int, cells: dict[str, str], errors: list[RowError]):
        self.number, self.cells, self.errors = number, cells, errors

    def value(self, key: str) -> str:
        return _CONTROL.sub("", self.cells.get(key, "") or "").strip()

    def fail(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.number, COLUMNS[key], message))


# --- reading the file -----------------------------------------------------------

def validate_workbook(data: bytes) -> tuple[list[StaffRow], list[RowError]]:
    """The rows of an uploaded file and every problem found; nothing is written."""
    sheet = read_sheet(data, LIMITS)
    columns = header_map(sheet.headers, {label: key for key, label in COLUMNS.items()})
    missing = missing_columns(columns, {key: COLUMNS[key] for key in REQUIRED})
    if missing:
        return [], [RowError(HEADER_ROW, label, "thiếu cột này trong dòng tiêu đề")
                    for label in missing]
    records = filled_rows(sheet, columns)
    if not records:
        return [], [RowError(FIRST_DATA_ROW, COLUMNS["full_name"], "tệp không có dòng dữ liệu nào")]
    errors: list[RowError] = []
    units = _units_by_code()
    taken = _registered_phones([normalize_phone(cells.get("phone", "")) for _, cells in records])
    seen = FirstRows()
    rows = [row for row in (_parse_row(_Row(number, cells, errors), units, taken, seen)
                            for number, cells in records) if row is not None]
    return rows, sorted(errors, key=lambda error: error.row)


def _units_by_code() -> dict[str, Unit]:
    return {unit.code.upper(): unit for unit in db.session.scalars(select(Unit))}


def _registered_phones(phones: list[str], chunk: int = 500) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(phones), chunk):
        part = phones[start:start + chunk]
        taken.update(db.session.scalars(select(User.phone).where(User.phone.in_(part))))
    return taken


def _parse_row(row: _Row, units: dict[str, Unit], taken: set[str],
               seen: FirstRows) -> StaffRow | None:
    before = len(row.errors)
    full_name = _full_name(row)
    born = _date_of_birth(row)
    phone = _phone(row, taken, seen)
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


def _phone(row: _Row, taken: set[str], seen: FirstRows) -> str:
    raw = row.value("phone")
    phone = normalize_phone(re.sub(r"\.0+$", "", raw))
    if len(phone) == 9 and phone.isdigit():
        phone = "0" + phone  # a number cell loses its leading zero
    if not raw:
        row.fail("phone", "chưa có số điện thoại")
    elif not is_valid_mobile(phone):
        row.fail("phone", f"số điện thoại «{raw}» không hợp lệ (10 chữ số, ví dụ 0912345678)")
    elif phone in taken:
        row.fail("phone", f"số {phone} đã được đăng ký cho một tài khoản khác")
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


# --- creating the accounts --------------------------------------------------------

def create_accounts(rows: list[StaffRow], actor, filename: str) -> bytes:
    """Create every account (rows already validated) in one transaction; returns
    the workbook with each initial password."""
    units = _units_by_code()
    created = []
    for row in rows:
        password = new_password()
        user = User(full_name=row.full_name, date_of_birth=row.date_of_birth, gender=row.gender,
                    phone=row.phone, audience=row.audience, unit=units[row.unit_code],
                    role="contestant")
        user.password_hash = generate_password_hash(password, method=INITIAL_HASH_METHOD)
        created.append((user, password))
    with refused_as(_registered_meanwhile):
        db.session.add_all(user for user, _ in created)
    workbook = write_xlsx(Table(RESULT_SHEET, RESULT_HEADERS, _result_rows(created)))
    record("account.bulk_create", actor=actor, count=len(created), filename=filename,
           units=sorted({user.unit.code for user, _ in created}))
    return workbook


def _result_rows(created: list[tuple[User, str]]) -> list[tuple]:
    return [(user.full_name, formatting.day(user.date_of_birth), user.phone, user.unit.code,
             user.unit.name, password) for user, password in created]


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
                      "Có dòng sai thì không tài khoản nào được tạo.")),
    ]


def _registered_meanwhile(_refused) -> DuplicateAccount:
    """A phone of the file registered since the check: nothing of the file is created."""
    return DuplicateAccount("Một số điện thoại trong tệp vừa được đăng ký; "
                            "hãy tải tệp lên lại để kiểm tra.")
