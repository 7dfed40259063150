"""Reading our own workbooks back in the tests (round trips), as pandas tables
of text cells: the app itself never holds a table in pandas."""
import pandas as pd

from contest.spreadsheets import MAX_READ_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES, Limits, read_sheet


def read_xlsx(data: bytes, sheet: int | str = 0) -> pd.DataFrame:
    """A sheet of ``data`` within generous limits, every cell as text."""
    table = read_sheet(data, Limits(MAX_UNPACKED_BYTES, MAX_ROWS, MAX_READ_COLUMNS), sheet)
    return pd.DataFrame([cells for _, cells in table.rows], columns=table.headers, dtype=object)
