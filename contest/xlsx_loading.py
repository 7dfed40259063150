"""openpyxl's read-only loading, bounded for uploads (``spreadsheets.read_sheet``).

openpyxl itself, on opening a workbook, parses the whole of any sheet that
declares no size (half a minute for 100,000 rows), and builds an object for
every shared string (a 100 KB file can hold millions: minutes and hundreds of
MB). Here a sheet's declared size is looked for only before its cells, and the
shared strings are read as plain text, refused past ``max_strings``.
"""
import io

from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

STRING_TAG, TEXT_TAG, RUN_TAG = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("si", "t", "r"))


class TooManyStrings(Exception):
    pass


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
