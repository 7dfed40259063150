"""No formula injection: cells starting with = + - @ stay text."""
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from contest.spreadsheets import (
    MAX_UNPACKED_BYTES, SpreadsheetError, read_xlsx, write_csv, write_xlsx,
)

CELLS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "bình thường"]


def test_xlsx_cells_that_look_like_formulas_are_text():
    data = write_xlsx({"Trang tính": pd.DataFrame({"Nội dung": CELLS})})
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [cell.value for cell in sheet["A"][1:]]
    assert values == CELLS
    assert all(cell.data_type == "s" for cell in sheet["A"][1:])


def test_csv_cells_that_look_like_formulas_are_neutralised():
    text = write_csv(pd.DataFrame({"Nội dung": CELLS})).decode("utf-8-sig")
    lines = text.splitlines()[1:]
    assert lines[0] == '"\'=HYPERLINK(""http://x"")"'
    assert lines[1:4] == ["'+1+1", "'-2", "'@SUM(A1)"]
    assert lines[4] == "bình thường"


def test_a_workbook_declaring_a_huge_unpacked_size_is_refused_before_reading():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (MAX_UNPACKED_BYTES + 1))
    data = buffer.getvalue()
    assert len(data) < 200_000  # small on the wire
    with pytest.raises(SpreadsheetError, match="quá lớn khi giải nén"):
        read_xlsx(data)
