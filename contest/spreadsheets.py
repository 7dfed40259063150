"""The one helper for every spreadsheet read or written (imports and exports).

Writing: XlsxWriter with formulas and URLs off, so a cell that starts with
= + - @ stays text in Excel (no formula injection) while the text itself is
kept exactly, and imports of our own exports round-trip. CSV, which has no cell
types, gets those cells prefixed with an apostrophe instead.
Reading: pandas with openpyxl, every cell as text.
"""
import io
import zipfile

import pandas as pd

from contest.errors import DomainError

FORMULA_STARTS = ("=", "+", "-", "@")
MAX_ROWS = 20_000


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
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes(1, 0)
            for column, header in enumerate(frame.columns):
                longest = max([len(str(header))] + [len(str(v)) for v in frame[header].head(200)])
                sheet.set_column(column, column, min(60, max(10, longest + 2)))
    return buffer.getvalue()


def write_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel opens Vietnamese text right), formula cells neutralised."""
    return frame.map(neutralise).to_csv(index=False).encode("utf-8-sig")


def read_xlsx(data: bytes, sheet: int | str = 0) -> pd.DataFrame:
    """The first sheet (or ``sheet``) as text cells; blank cells are ''."""
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise SpreadsheetError()
    try:
        frame = pd.read_excel(io.BytesIO(data), sheet_name=sheet, dtype=str,
                              keep_default_na=False, engine="openpyxl")
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise SpreadsheetError() from error
    if len(frame) > MAX_ROWS:
        raise SpreadsheetError(f"Tệp có {len(frame)} dòng, tối đa {MAX_ROWS} dòng.")
    return frame
