"""Writing workbooks and CSV files: XlsxWriter with formulas and URLs off, so a
cell that starts with = + - @ (or a tab or carriage return) stays text in Excel
(no formula injection) while the text itself is kept exactly, and imports of our
own exports round-trip; every sheet prints on A4 (``printing``). CSV, which has
no cell types, is written for Excel in a Vietnamese locale (``csv_cells``).

Every sheet is a ``Table`` of plain rows, streamed: a small sheet (a template, a
list of accounts) is written the same way as a 300,000-row ranking, which never
sits in memory (XlsxWriter's constant-memory mode, a row flushed as written).
"""
import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterable, Iterator, Sequence

import xlsxwriter

from contest.spreadsheets.csv_cells import CSV_ENCODING, csv_line
from contest.spreadsheets.printing import DEFAULT, PrintSetup, apply_print_setup
from contest.text import fold

XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
MAX_SHEET_NAME = 31
PROGRESS_STEP = 2_000  # rows between two progress reports of a streamed export
WIDTH_SAMPLE = 200     # rows read ahead to size the columns of a streamed sheet
MIN_WIDTH, MAX_WIDTH = 8, 60
MAX_SHEET_ROWS = 1_048_575  # Excel's limit under the header; more spills to "<name> (2)"

# Rows are sequences of str, int, float or None (dates already formatted as
# text), read once from any iterable: a database cursor can feed them.
Progress = Callable[[int], None] | None


@dataclass(frozen=True)
class Table:
    """A sheet (or CSV file) to write: Vietnamese name (≤ 31 characters),
    header and rows; a sheet with a ``title`` has it on its first row, above
    the header (a CSV file has no title: its first line is the header)."""
    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence] = ()
    title: str = ""

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


def write_xlsx(*tables: Table, print_setup: PrintSetup = DEFAULT) -> bytes:
    """A small workbook in memory (a template, a list to download), a sheet per
    table; its text in a shared-strings table, as Excel writes it."""
    buffer = io.BytesIO()
    write_xlsx_tables(buffer, tables, constant_memory=False, print_setup=print_setup)
    return buffer.getvalue()


def write_xlsx_tables(target: str | BinaryIO, tables: Iterable[Table],
                      progress: Progress = None, constant_memory: bool = True,
                      print_setup: PrintSetup = DEFAULT) -> int:
    """Stream ``tables`` into one workbook (a path or a binary file); returns
    the rows written. Constant memory: a row is flushed as soon as it is
    written (its text inline, not in a shared-strings table). Every sheet
    prints as ``print_setup`` says (its title on every page)."""
    counter = RowCounter(progress)
    options = {"constant_memory": constant_memory, **XLSX_OPTIONS}
    with xlsxwriter.Workbook(target, options) as workbook:
        header = workbook.add_format({"bold": True})
        for table in tables:
            _stream_table(workbook, table, _SheetStyle(header, print_setup), counter)
    return counter.rows


@dataclass(frozen=True)
class _SheetStyle:
    header: object  # the header row's XlsxWriter format
    print_setup: PrintSetup


def _stream_table(workbook, table: Table, style: _SheetStyle, counter: RowCounter) -> None:
    rows = iter(table.rows)
    part = 1
    while True:
        name = table.name if part == 1 else _part_name(table.name, part)
        written = _stream_sheet(workbook, name, table,
                                itertools.islice(rows, MAX_SHEET_ROWS), style, counter)
        following = next(rows, None) if written == MAX_SHEET_ROWS else None
        if following is None:
            break
        rows = itertools.chain([following], rows)
        part += 1
    counter.table_done()


def _part_name(name: str, part: int) -> str:
    suffix = f" ({part})"
    return name[:MAX_SHEET_NAME - len(suffix)] + suffix


def _stream_sheet(workbook, name: str, table: Table, rows: Iterator[Sequence],
                  style: _SheetStyle, counter: RowCounter) -> int:
    sheet = workbook.add_worksheet(name[:MAX_SHEET_NAME])
    sample = list(itertools.islice(rows, WIDTH_SAMPLE))
    widths = _widths(table.headers, sample)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    header_row = 1 if table.title else 0
    if table.title:
        sheet.write_string(0, 0, table.title, style.header)
    sheet.freeze_panes(header_row + 1, 0)
    apply_print_setup(sheet, style.print_setup, sheet.name, widths, header_row)
    sheet.write_row(header_row, 0, table.headers, style.header)
    written = 0
    for written, row in enumerate(itertools.chain(sample, rows), start=1):
        _write_cells(sheet, header_row + written, row)
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
    """Stream one table into a zip member, for Excel in a Vietnamese locale:
    UTF-8 with BOM, ";" between cells, decimal commas, leading zeros kept,
    formula cells neutralised (``csv_cells``)."""
    counter = counter or RowCounter()
    with io.TextIOWrapper(archive.open(member, "w", force_zip64=True),
                          encoding=CSV_ENCODING, newline="") as text:
        text.write(csv_line(table.headers))
        for row in table.rows:
            text.write(csv_line(row))
            counter.add()
    counter.table_done()
