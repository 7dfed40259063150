"""openpyxl's read-only loading, bounded for uploads (``spreadsheets.read_sheet``).

openpyxl itself, on opening a workbook, parses the whole of any sheet that
declares no size (half a minute for 100,000 rows), and builds an object for
every shared string (a 100 KB file can hold millions: minutes and hundreds of
MB). Here a sheet's declared size is looked for only before its cells, and the
shared strings are read as plain text, refused past ``max_strings``.

A sheet's rows are streamed here too (``_Sheet.bounded_rows``), not by openpyxl:
openpyxl builds a whole row (every cell, whatever its column) before handing it
out, so one row of a million cells costs a gigabyte. Here each cell is dropped
as soon as it is read, cells past the import's column count are never decoded,
nothing after the last allowed row is read, and the XML elements looked at are
counted against a budget: the work an upload costs is bounded, whatever the
file declares.
"""
import io

from lxml import etree
from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import CELL_TAG, DATA_TAG, DIMENSION_TAG, ROW_TAG, WorkSheetParser
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

STRING_TAG, TEXT_TAG, RUN_TAG = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("si", "t", "r"))


# XML elements a sheet may hold per cell of the import's full grid (the
# template's columns and the extra ones): a cell is a ``<c>`` and its value
# (``<v>``, or an inline string's ``<is><t>``), so a sheet filling every column
# of the template fits, and reading the largest sheet accepted costs about what
# a full sheet of the template does.
ELEMENTS_PER_CELL = 2
SHEET_SETTINGS = 1_000  # elements besides the rows (views, widths, margins, …)
MAX_CELL_ELEMENTS = 1_000  # inside one cell (a rich text of ~150 runs)
# Excel's own column limit (XFD): a row holding more cells than any sheet can
# is refused at once, not after the sheet's whole element budget.
MAX_CELLS_PER_ROW = 16_384
# lxml parses in C (openpyxl's defusedxml parser builds every element in
# Python, four times slower), with no entity expanded, no DTD or network read.
SAFE_XML = {"resolve_entities": False, "load_dtd": False, "no_network": True, "huge_tree": False}


class TooManyStrings(Exception):
    pass


class TooManyElements(Exception):
    """The sheet holds more XML than a sheet within the import's limits can."""


def open_read_only(data: bytes, max_strings: int):
    """The workbook (read-only, formulas as their last values); raises
    ``TooManyStrings``, or openpyxl's own errors for a damaged file."""
    reader = _Reader(io.BytesIO(data), read_only=True, data_only=True)
    reader.max_strings = max_strings
    reader.read()
    return reader.wb


class _Sheet(ReadOnlyWorksheet):
    def _get_size(self):
        with self._get_source() as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    boundaries = SheetDimension.from_tree(element).boundaries
                    self._min_column, self._min_row, self._max_column, self._max_row = boundaries
                    return
                if element.tag == DATA_TAG:
                    return

    def bounded_rows(self, max_row: int, max_column: int):
        """(row number, values of columns 1..``max_column``) of each row element
        up to the first numbered past ``max_row`` (yielded, empty, so the
        caller can refuse it), in file order; ``TooManyElements`` once the sheet
        holds more than a ``max_row`` × ``max_column`` sheet can."""
        budget = _Budget(max_row * (max_column * ELEMENTS_PER_CELL + 1) + SHEET_SETTINGS)
        with self._get_source() as source:
            events = etree.iterparse(source, events=("start", "end"), **SAFE_XML)
            yield from _rows(events, self._cell_reader(), max_row, max_column, budget)

    def _cell_reader(self) -> WorkSheetParser:
        """openpyxl's own decoding of one ``<c>`` (shared strings, dates, numbers)."""
        workbook = self.parent
        return WorkSheetParser(None, self._shared_strings, data_only=workbook.data_only,
                               epoch=workbook.epoch, date_formats=workbook._date_formats,
                               timedelta_formats=workbook._timedelta_formats)


class _Budget:
    def __init__(self, elements: int):
        self.left = elements

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise TooManyElements()


def _rows(events, cells: WorkSheetParser, max_row: int, max_column: int, budget: _Budget):
    """The row loop of ``bounded_rows``: every element is cleared and detached
    from its parent once read, so memory holds one cell at a time."""
    open_elements, values, number, in_cell = [], [], 0, 0  # in_cell: elements of the open cell
    row_cells = 0
    for event, element in events:
        if event == "start":
            budget.spend()
            in_cell = 1 if element.tag == CELL_TAG else in_cell + bool(in_cell)
            row_cells += element.tag == CELL_TAG
            if in_cell > MAX_CELL_ELEMENTS or row_cells > MAX_CELLS_PER_ROW:
                raise TooManyElements()
            if element.tag == ROW_TAG:
                number, cells.col_counter, row_cells = _row_number(element, number), 0, 0
                values = [None] * max_column
                if number > max_row:
                    yield number, []
                    return
            open_elements.append(element)
            continue
        open_elements.pop()
        if element.tag == CELL_TAG:
            in_cell = 0
            _read_cell(element, cells, number, values)
        elif element.tag == ROW_TAG:
            yield number, values
        elif element.tag == DATA_TAG:
            return
        if not in_cell and open_elements:
            del open_elements[-1][:]


def _row_number(row, previous: int) -> int:
    """Its ``r`` when it has one (rows must go down the sheet), else the next."""
    number = int(row.get("r") or previous + 1)
    if number <= previous:
        raise ValueError(f"row {number} after row {previous}")
    return number


def _read_cell(cell, cells: WorkSheetParser, row: int, values: list) -> None:
    """The cell's value into ``values`` when its column is one read; the
    others are skipped undecoded."""
    coordinate = cell.get("r")
    column = coordinate_to_tuple(coordinate)[1] if coordinate else cells.col_counter + 1
    cells.col_counter = column
    if column <= len(values):
        cells.row_counter, cells.col_counter = row, column - 1
        values[column - 1] = cells.parse_cell(cell)["value"]


class _Reader(ExcelReader):
    max_strings = 0

    def read_strings(self):
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = shared_strings(source, self.max_strings)

    def read_worksheets(self):
        """Worksheets only (chart sheets left out), as ``_Sheet``."""
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                worksheet = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                worksheet.sheet_state = sheet.state
                self.wb._sheets.append(worksheet)


def shared_strings(source, limit: int) -> list[str]:
    """Each ``<si>``'s text (its ``<t>``, or its rich-text runs' ``<t>``, phonetic
    guides left out), as openpyxl reads it; ``TooManyStrings`` past ``limit``."""
    strings = []
    for _event, element in iterparse(source):
        if element.tag == STRING_TAG:
            if len(strings) >= limit:
                raise TooManyStrings(limit)
            strings.append("".join(_texts(element)).replace("x005F_", ""))
            element.clear()
    return strings


def _texts(element):
    for child in element:
        if child.tag == TEXT_TAG:
            yield child.text or ""
        elif child.tag == RUN_TAG:
            yield child.findtext(TEXT_TAG) or ""
