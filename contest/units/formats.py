"""The units workbook: reading an uploaded list (every bad row reported with its
Excel row number, column and reason) and writing the template and the current list."""
from contest.formatting import number
from contest.spreadsheets import (
    HEADER_ROW, FirstRows, Limits, RowError, Sheet, Table, filled_rows, header_map, missing_columns,
    read_sheet, template_workbook as workbook_with_guide,
)
from contest.units import rules
from contest.units.models import UNIT_KINDS, Unit

CODE, NAME, KIND, HEADCOUNT = "Mã đơn vị", "Tên đơn vị", "Loại", "Biên chế"
ACTIVE, ACCOUNTS = "Đang hoạt động", "Số tài khoản"
COLUMNS = [CODE, NAME, KIND, HEADCOUNT]
FIELDS = {column: column for column in COLUMNS}  # a unit's fields are named by their headers
SHEET = "Danh mục đơn vị"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000  # a province has a few hundred agencies and communes
LIMITS = Limits.for_template(len(COLUMNS) + 2, MAX_UPLOAD_BYTES, MAX_ROWS)  # + the list's two


def read_units(data: bytes) -> tuple[list[tuple[int, rules.UnitRecord]], list[RowError]]:
    """Every row of an uploaded workbook checked: ([(Excel row, record)], errors).
    Raises ``SpreadsheetError`` for a file that is not a readable .xlsx."""
    return parse_sheet(read_sheet(data, LIMITS))


def parse_sheet(sheet: Sheet) -> tuple[list[tuple[int, rules.UnitRecord]], list[RowError]]:
    columns = header_map(sheet.headers, FIELDS)
    missing = missing_columns(columns, FIELDS)
    if missing:
        return [], [RowError(HEADER_ROW, ", ".join(missing),
                             "Thiếu cột trong dòng tiêu đề (dòng 1).")]
    records, errors, codes = [], [], FirstRows()
    for row, cells in filled_rows(sheet, columns):
        record, problems = _row_record(cells)
        errors += [RowError(row, column, message) for column, message in problems]
        if record:
            records.append((row, record))
        if not any(column == CODE for column, _ in problems):
            errors += _repeated_code(codes, row, rules.clean_code(cells[CODE]))
    return records, sorted(errors, key=_error_order)


def _error_order(error: RowError) -> tuple[int, int]:
    """By row, then in the order of the columns."""
    return error.row, COLUMNS.index(error.column) if error.column in COLUMNS else -1


def _row_record(cells: dict[str, str]) -> tuple[rules.UnitRecord | None, list[tuple[str, str]]]:
    code, name = rules.clean_code(cells[CODE]), rules.clean_name(cells[NAME])
    kind = rules.parse_kind(cells[KIND])
    headcount, headcount_problem = rules.parse_headcount(cells[HEADCOUNT])
    problems = [(column, message) for column, message in (
        (CODE, rules.code_problem(code)),
        (NAME, rules.name_problem(name)),
        (KIND, None if kind else rules.KIND_UNKNOWN),
        (HEADCOUNT, headcount_problem),
    ) if message]
    if problems:
        return None, problems
    return rules.UnitRecord(code=code, name=name, kind=kind, headcount=headcount), []


def _repeated_code(codes: FirstRows, row: int, code: str) -> list[RowError]:
    """A code written on two rows (of well-formed codes) is an error on the later one."""
    first = codes.repeat_of(row, code)
    return [] if first is None else [RowError(row, CODE, f"Mã đơn vị trùng với dòng {first}.")]


# --- downloads -----------------------------------------------------------------

def _guide_rows() -> list[tuple[str, str]]:
    kinds = "; ".join(f"“{label}” (hoặc {key})" for key, label in UNIT_KINDS.items())
    return [
        (CODE, "Bắt buộc. 2–32 ký tự: chữ in hoa không dấu A–Z, chữ số, dấu - hoặc _, "
               "ví dụ SNV hoặc XA-001. Mã đã có thì đơn vị đó được cập nhật; mã mới thì thêm đơn vị mới."),
        (NAME, f"Bắt buộc, tối đa {rules.MAX_NAME} ký tự, ví dụ “Sở Nội vụ”."),
        (KIND, f"Bắt buộc, một trong: {kinds}. Viết tắt “Đơn vị sự nghiệp” cũng được; "
               "không phân biệt chữ hoa, chữ thường, có dấu hay không dấu."),
        (HEADCOUNT, "Số cán bộ, công chức, viên chức của đơn vị (số nguyên ≥ 0), dùng để tính "
                    "tỷ lệ tham gia. Để trống nếu chưa có."),
        (f"{ACTIVE}, {ACCOUNTS}", "Chỉ có trong tệp danh sách tải về, để tham khảo; khi nhập "
                                  "hai cột này được bỏ qua. Ngừng hoặc mở lại hoạt động một "
                                  "đơn vị trên trang quản trị."),
        ("Lưu ý", "Mọi dòng được kiểm tra trước khi nhập: nếu có dòng sai thì không có gì "
                  f"thay đổi. Tệp .xlsx, tối đa 2 MB và {number(MAX_ROWS)} dòng. Dòng để trống "
                  "được bỏ qua."),
    ]


def template_workbook() -> bytes:
    return workbook_with_guide(Table(SHEET, COLUMNS), _guide_rows())


def list_workbook(units: list[Unit], accounts: dict[int, int]) -> bytes:
    """The current list with the template's columns (so it can be edited and
    imported again), plus whether each unit is active and its accounts."""
    rows = [(unit.code, unit.name, unit.kind_label, unit.headcount,
             "Có" if unit.active else "Không", accounts.get(unit.id, 0)) for unit in units]
    return workbook_with_guide(Table(SHEET, [*COLUMNS, ACTIVE, ACCOUNTS], rows), _guide_rows())
