"""No formula injection: cells starting with = + - @ stay text."""
import io

import openpyxl
import pandas as pd

from contest.spreadsheets import write_csv, write_xlsx

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
