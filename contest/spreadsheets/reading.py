"""Reading an uploaded workbook, within an import's limits.

The file is checked before openpyxl sees it (its size, the zip's parts and what
they declare once unpacked, then each part's XML counted by ``scanning``); only
then is it opened through openpyxl's public read-only API, every cell as text,
rows read up to the import's last row and column.
"""
import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from contest import formatting
from contest.errors import DomainError
from contest.spreadsheets import scanning

MAX_ROWS = 20_000
MEGABYTE = 1024 * 1024
# An upload whose parts declare more than this once unpacked is refused before
# anything is unpacked (a few kilobytes of zip can declare gigabytes).
MAX_UNPACKED_BYTES = 50 * MEGABYTE
MAX_ZIP_MEMBERS = 200      # a workbook of ours has about ten parts
EXTRA_COLUMNS = 10         # columns an organizer may add beside the template's (notes)
MAX_READ_COLUMNS = 100


class SpreadsheetError(DomainError):
    status_code = 400
    message = "Không đọc được tệp Excel. Hãy dùng tệp .xlsx theo mẫu."


@dataclass(frozen=True)
class Limits:
    """What an import accepts: the file's size in bytes, the data rows under the
    header, and the columns (the template's and a few more for notes)."""
    max_bytes: int
    max_rows: int
    max_columns: int

    @classmethod
    def for_template(cls, columns: int, max_bytes: int, max_rows: int) -> "Limits":
        return cls(max_bytes=max_bytes, max_rows=max_rows, max_columns=columns + EXTRA_COLUMNS)

    @property
    def last_row(self) -> int:
        return self.max_rows + 1  # row 1 is the header


@dataclass(frozen=True)
class Sheet:
    """Row 1's cells, and each non-blank row under it with its Excel row number;
    every cell as text ('' when blank), as wide as the header."""
    headers: list[str]
    rows: list[tuple[int, list[str]]]


def read_sheet(data: bytes, limits: Limits, sheet: int | str = 0) -> Sheet:
    """The first sheet (or ``sheet``) of an uploaded .xlsx, refused with a
    ``SpreadsheetError`` when it is not one or goes beyond ``limits``."""
    check_upload(data, limits.max_bytes)
    _check_parts(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise SpreadsheetError() from error
    try:
        return _read_worksheet(_worksheet(workbook, sheet), limits)
    except SpreadsheetError:
        raise
    except Exception as error:
        raise SpreadsheetError() from error
    finally:
        workbook.close()


def check_upload(data: bytes, max_bytes: int) -> None:
    """Refuse, before unpacking anything: a file over ``max_bytes``, one that is
    not a zip, a zip of too many parts or declaring too much once unpacked
    (reading never unpacks more than a part declares)."""
    if len(data) > max_bytes:
        raise SpreadsheetError(f"Tệp quá lớn ({formatting.megabytes(len(data))} MB), tối đa "
                               f"{max_bytes // MEGABYTE} MB. Hãy chia thành nhiều tệp nhỏ hơn.")
    if not data.startswith(b"PK"):
        raise SpreadsheetError()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise SpreadsheetError() from error
    if len(members) > MAX_ZIP_MEMBERS:
        raise SpreadsheetError(f"Tệp có {len(members)} phần nén bên trong (một tệp Excel theo "
                               f"mẫu có khoảng mười phần, tối đa {MAX_ZIP_MEMBERS}). Hãy dùng tệp mẫu.")
    declared = sum(member.file_size for member in members)
    if declared > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            f"Tệp Excel quá lớn khi giải nén ({declared // MEGABYTE} MB, tối đa "
            f"{MAX_UNPACKED_BYTES // MEGABYTE} MB). Hãy chia thành nhiều tệp nhỏ hơn.")


def _check_parts(data: bytes, limits: Limits) -> None:
    """The XML of every part within what a sheet of the template can hold."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            scanning.check_parts(archive, limits.last_row, limits.max_columns)
    except scanning.TooManyStrings as error:
        raise SpreadsheetError("Tệp có nhiều ô chữ hơn số ô một trang tính theo mẫu có thể có. "
                               "Hãy chép dữ liệu sang tệp mẫu.") from error
    except scanning.TooManyRows as error:
        raise _too_many_rows(limits) from error
    except scanning.TooManyElements as error:
        raise SpreadsheetError(
            f"Trang tính có nhiều ô hơn một trang theo mẫu có thể có (tối đa "
            f"{formatting.number(limits.last_row)} dòng × {limits.max_columns} cột, kể cả ô trống "
            "đã định dạng). Hãy chép dữ liệu sang tệp mẫu.") from error
    except Exception as error:  # a damaged part: bad XML, a bad CRC, …
        raise SpreadsheetError() from error


def _worksheet(workbook, sheet: int | str):
    if isinstance(sheet, str):
        if sheet not in workbook.sheetnames:
            raise SpreadsheetError(f"Tệp không có trang tính «{sheet}».")
        return workbook[sheet]
    if sheet >= len(workbook.worksheets):
        raise SpreadsheetError()
    return workbook.worksheets[sheet]


def _read_worksheet(worksheet, limits: Limits) -> Sheet:
    """The rows up to the import's last row and column (``scanning`` has
    already refused a sheet with rows past them, whatever it declares)."""
    _check_declared_size(worksheet, limits)
    table = Sheet([], [])
    rows = worksheet.iter_rows(min_row=1, max_row=limits.last_row, min_col=1,
                               max_col=limits.max_columns, values_only=True)
    for number, values in enumerate(rows, start=1):
        _add_row(table, number, [_cell_text(value) for value in values])
    return table


def _add_row(table: Sheet, number: int, cells: list[str]) -> None:
    """Row 1 sets the header (and the width of every row); a row under it is
    kept when it is not blank."""
    if number == 1:
        width = max((i + 1 for i, header in enumerate(cells) if header.strip()), default=0)
        table.headers.extend(cells[:width])
        return
    cells = cells[:len(table.headers)]
    if any(cell.strip() for cell in cells):
        table.rows.append((number, cells))


def _check_declared_size(worksheet, limits: Limits) -> None:
    """The ``<dimension>`` the sheet declares (absent: nothing to check)."""
    columns, rows = worksheet.max_column, worksheet.max_row
    if columns and columns > limits.max_columns:
        raise SpreadsheetError(
            f"Trang tính khai báo {columns} cột (đến cột {get_column_letter(columns)}), tối đa "
            f"{limits.max_columns} cột. Hãy xóa các cột thừa hoặc chép dữ liệu sang tệp mẫu.")
    if rows and rows > limits.last_row:
        raise _too_many_rows(limits)


def _too_many_rows(limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(
        f"Trang tính vượt quá giới hạn: tối đa {formatting.number(limits.max_rows)} dòng dữ "
        f"liệu (dòng 2 đến dòng {formatting.number(limits.last_row)}). Hãy chia thành "
        "nhiều tệp, hoặc xóa các dòng thừa ở cuối trang tính.")


def _cell_text(value) -> str:
    """A cell as text: a whole number without ".0", a date as "2001-05-17 00:00:00"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
