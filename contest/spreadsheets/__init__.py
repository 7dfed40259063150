"""The one helper for every spreadsheet read or written (imports and exports).

- ``writing``: workbooks and CSV files from plain rows (``Table``), streamed,
  formulas never run (``write_xlsx`` for a small workbook in memory,
  ``write_xlsx_tables`` / ``write_csv_zip`` for large exports);
- ``printing``: the A4 page setup every written sheet gets (``PrintSetup``: an
  export's title, its orientation);
- ``csv_cells``: CSV cells for Excel in a Vietnamese locale (";", decimal
  comma, leading zeros kept, formulas neutralised);
- ``reading``: an uploaded .xlsx read within an import's ``Limits``, every cell
  as text, through openpyxl's public read-only API once ``scanning`` has counted
  the raw XML of its parts;
- ``importing``: what the imports share (``RowError``, the header map, repeated
  values, the template with its guide sheet).
"""
from contest.spreadsheets.csv_cells import CSV_DELIMITER, FORMULA_STARTS, csv_line, neutralise
from contest.spreadsheets.importing import (
    GUIDE_HEADERS, GUIDE_SHEET, HEADER_ROW, FirstRows, RowError, filled_rows, header_map,
    missing_columns, template_workbook,
)
from contest.spreadsheets.printing import PrintSetup
from contest.spreadsheets.reading import (
    EXTRA_COLUMNS, MAX_READ_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES, MAX_ZIP_MEMBERS, MEGABYTE,
    Limits, Sheet, SpreadsheetError, check_upload, read_sheet,
)
from contest.spreadsheets.writing import (
    XLSX_OPTIONS, Progress, RowCounter, Table, write_csv_member, write_csv_zip, write_xlsx,
    write_xlsx_tables,
)

__all__ = [
    "CSV_DELIMITER", "EXTRA_COLUMNS", "FORMULA_STARTS", "GUIDE_HEADERS", "GUIDE_SHEET",
    "HEADER_ROW", "MAX_READ_COLUMNS", "MAX_ROWS", "MAX_UNPACKED_BYTES", "MAX_ZIP_MEMBERS",
    "MEGABYTE", "XLSX_OPTIONS", "FirstRows", "Limits", "PrintSetup", "Progress", "RowCounter",
    "RowError", "Sheet", "SpreadsheetError", "Table", "check_upload", "csv_line", "filled_rows",
    "header_map", "missing_columns", "neutralise", "read_sheet", "template_workbook",
    "write_csv_member", "write_csv_zip", "write_xlsx", "write_xlsx_tables",
]
