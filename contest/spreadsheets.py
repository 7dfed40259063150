"""The one helper for every spreadsheet read or written (imports and exports).

Writing: XlsxWriter with formulas and URLs off, so a cell that starts with
= + - @ (or a tab or carriage return) stays text in Excel (no formula injection)
while the text itself is kept exactly, and imports of our own exports
round-trip. CSV, which has no cell types, gets those cells prefixed with an
apostrophe instead.
Small sheets go through pandas (``write_xlsx``, ``write_csv``); big ones are
streamed row by row from an iterator (``write_xlsx_tables``, ``write_csv_zip``)
with XlsxWriter's constant-memory mode, so a 300,000-row ranking never sits in
memory.
Reading (``read_sheet``): openpyxl in read-only mode for the workbook, our own
bounded reader for the sheet's rows (``xlsx_loading``), every cell as text, rows
streamed up to the import's row and column limits after the file's size, its zip
and its declared sheet size were checked.
"""
import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterable, Iterator, Sequence

import pandas as pd
import xlsxwriter
from openpyxl.utils import get_column_letter

from contest import formatting
from contest.errors import DomainError
from contest.text import fold
from contest.xlsx_loading import TooManyElements, TooManyStrings, open_read_only

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
MAX_ROWS = 20_000
MEGABYTE = 1024 * 1024
# An upload whose parts declare more than this once unpacked is refused before
# anything is unpacked (a few kilobytes of zip can declare gigabytes).
MAX_UNPACKED_BYTES = 50 * MEGABYTE
MAX_ZIP_MEMBERS = 200      # a workbook of ours has about ten parts
EXTRA_COLUMNS = 10         # columns an organizer may add beside the template's (notes)
MAX_READ_COLUMNS = 100
MAX_SHEET_NAME = 31
PROGRESS_STEP = 2_000  # rows between two progress reports of a streamed export
WIDTH_SAMPLE = 200     # rows read ahead to size the columns of a streamed sheet
MIN_WIDTH, MAX_WIDTH = 8, 60


class SpreadsheetError(DomainError):
    status_code = 400
    message = "Không đọc được tệp Excel. Hãy dùng tệp .xlsx theo mẫu."


def neutralise(value):
    """For CSV: a text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per (Vietnamese) name, header bold and frozen."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes(1, 0)
            for column, header in enumerate(frame.columns):
                longest = max([len(str(header))] + [len(str(v)) for v in frame[header].head(200)])
                sheet.set_column(column, column, min(MAX_WIDTH, max(10, longest + 2)))
    return buffer.getvalue()


def write_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel opens Vietnamese text right), formula cells neutralised."""
    return frame.map(neutralise).to_csv(index=False).encode("utf-8-sig")


# --- reading an upload ---------------------------------------------------------
# A hostile .xlsx is cheap to make: a few kilobytes can declare a sheet of
# 16,384 columns by a million rows, or unpack to gigabytes. So the file is
# checked before anything is read (its size, the zip's parts and what they
# declare once unpacked, the sheet's declared size), then its rows are streamed
# (``xlsx_loading``), stopping one row past the import's limit, decoding no cell
# past its columns and refusing a sheet that holds more than its full grid can.


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
    try:
        # A sheet within the limits uses at most a string per cell.
        workbook = open_read_only(data, max_strings=(limits.max_rows + 1) * limits.max_columns)
    except TooManyStrings as error:
        raise SpreadsheetError("Tệp có nhiều ô chữ hơn số ô một trang tính theo mẫu có thể có. "
                               "Hãy chép dữ liệu sang tệp mẫu.") from error
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


def read_xlsx(data: bytes, sheet: int | str = 0) -> pd.DataFrame:
    """A sheet as a table of text cells, within generous limits: for reading
    our own workbooks back (round trips, tests)."""
    table = read_sheet(data, Limits(MAX_UNPACKED_BYTES, MAX_ROWS, MAX_READ_COLUMNS), sheet)
    return pd.DataFrame([cells for _, cells in table.rows], columns=table.headers, dtype=object)


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


def _worksheet(workbook, sheet: int | str):
    if isinstance(sheet, str):
        if sheet not in workbook.sheetnames:
            raise SpreadsheetError(f"Tệp không có trang tính «{sheet}».")
        return workbook[sheet]
    if sheet >= len(workbook.worksheets):
        raise SpreadsheetError()
    return workbook.worksheets[sheet]


def _read_worksheet(worksheet, limits: Limits) -> Sheet:
    """The rows, streamed within ``limits`` whatever the sheet declares (its
    declared size is only a claim: rows past it are still seen and counted)."""
    _check_declared_size(worksheet, limits)
    last_row = limits.max_rows + 1  # row 1 is the header
    table = Sheet([], [])
    try:
        for number, values in worksheet.bounded_rows(last_row, limits.max_columns):
            if number > last_row:
                raise _too_many_rows(limits)
            _add_row(table, number, [_cell_text(value) for value in values])
    except TooManyElements as error:
        raise SpreadsheetError(
            f"Trang tính có nhiều ô hơn một trang theo mẫu có thể có (tối đa "
            f"{formatting.number(last_row)} dòng × {limits.max_columns} cột, kể cả ô trống "
            "đã định dạng). Hãy chép dữ liệu sang tệp mẫu.") from error
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
    if rows and rows > limits.max_rows + 1:
        raise _too_many_rows(limits)


def _too_many_rows(limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(
        f"Trang tính vượt quá giới hạn: tối đa {formatting.number(limits.max_rows)} dòng dữ "
        f"liệu (dòng 2 đến dòng {formatting.number(limits.max_rows + 1)}). Hãy chia thành "
        "nhiều tệp, hoặc xóa các dòng thừa ở cuối trang tính.")


def _cell_text(value) -> str:
    """A cell as text: a whole number without ".0", a date as "2001-05-17 00:00:00"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- streamed exports ---------------------------------------------------------
# Rows are sequences of str, int, float or None (dates already formatted as
# text), read once from any iterable: a database cursor can feed them.

Progress = Callable[[int], None] | None
MAX_SHEET_ROWS = 1_048_575  # Excel's limit under the header; more spills to "<name> (2)"


@dataclass(frozen=True)
class Table:
    """A sheet (or CSV file) to stream: Vietnamese name (≤ 31 characters),
    header and rows."""
    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence]

    @property
    def file_stem(self) -> str:
        """An ASCII name for files: "Xếp hạng xã, phường" -> "xep-hang-xa-phuong"."""
        return re.sub(r"[^a-z0-9]+", "-", fold(self.name)).strip("-")


class RowCounter:
    """Rows written over every table, reported every ``PROGRESS_STEP`` rows and
    at the end of each table."""

    def __init__(self, progress: Progress = None):
        self.rows = 0
        self.progress = progress

    def add(self) -> None:
        self.rows += 1
        if self.progress and self.rows % PROGRESS_STEP == 0:
            self.progress(self.rows)

    def table_done(self) -> None:
        if self.progress:
            self.progress(self.rows)


def write_xlsx_tables(target: str | BinaryIO, tables: Iterable[Table],
                      progress: Progress = None) -> int:
    """Stream ``tables`` into one workbook (a path or a binary file); returns
    the rows written. Constant memory: a row is flushed as soon as it is written."""
    counter = RowCounter(progress)
    with xlsxwriter.Workbook(target, {"constant_memory": True, **XLSX_OPTIONS}) as workbook:
        header = workbook.add_format({"bold": True})
        for table in tables:
            _stream_table(workbook, table, header, counter)
    return counter.rows


def _stream_table(workbook, table: Table, header, counter: RowCounter) -> None:
    rows = iter(table.rows)
    part = 1
    while True:
        name = table.name if part == 1 else _part_name(table.name, part)
        written = _stream_sheet(workbook, name, table.headers,
                                itertools.islice(rows, MAX_SHEET_ROWS), header, counter)
        following = next(rows, None) if written == MAX_SHEET_ROWS else None
        if following is None:
            break
        rows = itertools.chain([following], rows)
        part += 1
    counter.table_done()


def _part_name(name: str, part: int) -> str:
    suffix = f" ({part})"
    return name[:MAX_SHEET_NAME - len(suffix)] + suffix


def _stream_sheet(workbook, name: str, headers: Sequence[str], rows: Iterator[Sequence],
                  header, counter: RowCounter) -> int:
    sheet = workbook.add_worksheet(name[:MAX_SHEET_NAME])
    sample = list(itertools.islice(rows, WIDTH_SAMPLE))
    for column, width in enumerate(_widths(headers, sample)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, headers, header)
    written = 0
    for written, row in enumerate(itertools.chain(sample, rows), start=1):
        _write_cells(sheet, written, row)
        counter.add()
    return written


def _write_cells(sheet, row_number: int, row: Sequence) -> None:
    """A row, each cell by its Python type: text stays text (never a formula),
    numbers are numbers, None is left blank. Skips ``write``'s type guessing,
    which is a good part of the time of a large export."""
    for column, value in enumerate(row):
        if value is None:
            continue
        if isinstance(value, str):
            sheet.write_string(row_number, column, value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            sheet.write_number(row_number, column, value)
        else:
            sheet.write(row_number, column, value)


def _widths(headers: Sequence[str], sample: list[Sequence]) -> list[int]:
    """Each column as wide as its header or the longest of the first rows."""
    return [min(MAX_WIDTH, max(MIN_WIDTH, max(len(_text(value)) for value in column) + 2))
            for column in zip(headers, *sample)]


def _text(value) -> str:
    return "" if value is None else str(value)


def write_csv_zip(target: str | BinaryIO, tables: Iterable[Table],
                  progress: Progress = None) -> int:
    """One CSV per table in a zip ("01-dat-giai.csv", …); returns the rows written."""
    counter = RowCounter(progress)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, table in enumerate(tables, start=1):
            write_csv_member(archive, f"{number:02d}-{table.file_stem}.csv", table, counter)
    return counter.rows


def write_csv_member(archive: zipfile.ZipFile, member: str, table: Table,
                     counter: RowCounter | None = None) -> None:
    """Stream one table into a zip member: UTF-8 with BOM, formula cells neutralised."""
    counter = counter or RowCounter()
    with io.TextIOWrapper(archive.open(member, "w", force_zip64=True),
                          encoding="utf-8-sig", newline="") as text:
        writer = csv.writer(text)
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow([neutralise(value) for value in row])
            counter.add()
    counter.table_done()
