"""What every Excel import shares (units, questions, accounts): its errors with
the Excel row, the header row matched to the import's fields, repeated values
found, and the template it hands out with a guide sheet. An importer keeps
only its columns and its rules."""
from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping, Sequence

from contest.spreadsheets.reading import Sheet
from contest.spreadsheets.writing import Table, write_xlsx
from contest.text import fold

HEADER_ROW = 1
GUIDE_SHEET = "Hướng dẫn"
GUIDE_HEADERS = ("Cột", "Cách điền")


@dataclass(frozen=True)
class RowError:
    """A problem of an uploaded sheet, shown as "Dòng 8, cột Mã câu hỏi: …":
    the Excel row (1 is the header), the column's Vietnamese label, the reason."""
    row: int
    column: str
    message: str


def header_map(headers: Sequence[str], names: Mapping[str, str]) -> dict[int, str]:
    """Column index -> field, for each header matching one of ``names`` (header
    text -> field) with case and diacritics ignored: "ma don vi" is "Mã đơn vị"."""
    known = {fold(name): field for name, field in names.items()}
    return {index: known[fold(header)] for index, header in enumerate(headers)
            if fold(header) in known}


def missing_columns(columns: Mapping[int, str], required: Mapping[str, str]) -> list[str]:
    """The labels of the ``required`` fields (field -> label) the header row lacks."""
    present = set(columns.values())
    return [label for field, label in required.items() if field not in present]


def filled_rows(sheet: Sheet, columns: Mapping[int, str]) -> list[tuple[int, dict[str, str]]]:
    """(Excel row, {field: text}) for every row with something in the import's columns."""
    records = []
    for number, values in sheet.rows:
        cells = {field: values[index] for index, field in columns.items()}
        if any(value.strip() for value in cells.values()):
            records.append((number, cells))
    return records


class FirstRows:
    """The row each value was first seen on, so a later row repeating it is
    reported against that first one ("trùng với dòng 2")."""

    def __init__(self):
        self._first: dict[Hashable, int] = {}

    def repeat_of(self, row: int, value: Hashable) -> int | None:
        """The earlier row holding ``value``, or None (``row`` then becomes its first)."""
        first = self._first.setdefault(value, row)
        return first if first != row else None


def template_workbook(data: Table, guide: Iterable[tuple[str, str]], *more: Table) -> bytes:
    """The workbook an import hands out: the data sheet (empty, or the current
    list to edit), how to fill in each column, and any reference sheets."""
    return write_xlsx(data, Table(GUIDE_SHEET, GUIDE_HEADERS, guide), *more)
