"""The raw parts of an uploaded workbook, counted before openpyxl opens it.

A hostile .xlsx is cheap to make: a 100 KB file can hold millions of shared
strings, one row of a million cells, or a sheet with no declared size that
openpyxl parses whole just to open the workbook. openpyxl's public API has no
bounds for any of these, so each XML part of the zip is streamed here first
(lxml, every element dropped once read, no entity expanded, no DTD or network
read) and the file refused once a part holds more than a sheet within the
import's limits can. What passes is small enough for ``load_workbook``.
"""
import zipfile

from lxml import etree

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
WORKSHEET_TAG, ROW_TAG, CELL_TAG = (f"{MAIN_NS}{tag}" for tag in ("worksheet", "row", "c"))
STRINGS_TAG, STRING_TAG = f"{MAIN_NS}sst", f"{MAIN_NS}si"
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
SAFE_XML = {"resolve_entities": False, "load_dtd": False, "no_network": True, "huge_tree": False}


class TooManyStrings(Exception):
    """The shared strings outnumber the cells of a sheet within the limits."""


class TooManyElements(Exception):
    """A sheet holds more XML than a sheet within the import's limits can."""


class TooManyRows(Exception):
    """A sheet has a row numbered past the import's last row."""


def check_parts(archive: zipfile.ZipFile, max_row: int, max_column: int) -> None:
    """Every worksheet and the shared strings within what a ``max_row`` ×
    ``max_column`` sheet can hold; raises one of the errors above, or lxml's
    and zipfile's own for a damaged part."""
    for member in archive.infolist():
        with archive.open(member) as source:
            events = etree.iterparse(source, events=("start", "end"), **SAFE_XML)
            root = _root_tag(events)
            if root == WORKSHEET_TAG:
                _check_sheet(events, max_row, max_column)
            elif root == STRINGS_TAG:
                _check_strings(events, max_row * max_column)


def _root_tag(events) -> str | None:
    """The part's first element (None when it is not XML: an image, a binary part)."""
    try:
        _event, element = next(events)
    except (etree.XMLSyntaxError, StopIteration):
        return None
    return element.tag


def _check_sheet(events, max_row: int, max_column: int) -> None:
    """Rows numbered down the sheet up to ``max_row``, at most Excel's columns
    in a row, and the elements within a full ``max_row`` × ``max_column`` grid."""
    budget = max_row * (max_column * ELEMENTS_PER_CELL + 1) + SHEET_SETTINGS
    number = row_cells = in_cell = 0  # in_cell: elements of the open cell
    for event, element in events:
        if event == "end":
            in_cell = 0 if element.tag == CELL_TAG else in_cell
            _drop(element)
            continue
        budget -= 1
        in_cell = 1 if element.tag == CELL_TAG else in_cell + bool(in_cell)
        row_cells += element.tag == CELL_TAG
        if budget < 0 or in_cell > MAX_CELL_ELEMENTS or row_cells > MAX_CELLS_PER_ROW:
            raise TooManyElements()
        if element.tag == ROW_TAG:
            number, row_cells = _row_number(element, number), 0
            if number > max_row:
                raise TooManyRows()


def _row_number(row, previous: int) -> int:
    """Its ``r`` when it has one (rows must go down the sheet), else the next."""
    number = int(row.get("r") or previous + 1)
    if number <= previous:
        raise ValueError(f"row {number} after row {previous}")
    return number


def _check_strings(events, limit: int) -> None:
    count = 0
    for event, element in events:
        if event == "end":
            count += element.tag == STRING_TAG
            if count > limit:
                raise TooManyStrings(limit)
            _drop(element)


def _drop(element) -> None:
    """Free an element read, and the siblings before it: memory holds one at a time."""
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]
