"""Reading an uploaded CSV file into the same ``Sheet`` an .xlsx gives, within an
import's limits: UTF-8 (with or without the byte-order mark Excel writes), cells
separated by commas, semicolons or tabs (Excel writes semicolons in some
locales), every cell as text."""
import csv
import io

from contest import formatting
from contest.spreadsheets.reading import MEGABYTE, Limits, Sheet, SpreadsheetError

DELIMITERS = ",;\t"
NOT_UTF8 = ("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: Lưu thành → "
            "“CSV UTF-8 (Comma delimited)”).")
UNREADABLE = "Không đọc được tệp CSV. Hãy dùng tệp .xlsx theo mẫu hoặc tệp CSV UTF-8."


def read_csv(data: bytes, limits: Limits) -> Sheet:
    """The rows of an uploaded CSV: row 1 the header, each non-blank row under it
    with its row number; refused with a ``SpreadsheetError`` beyond ``limits``."""
    if len(data) > limits.max_bytes:
        raise SpreadsheetError(f"Tệp quá lớn ({formatting.megabytes(len(data))} MB), tối đa "
                               f"{limits.max_bytes // MEGABYTE} MB.")
    text = _decoded(data)
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        return _sheet(rows, limits)
    except csv.Error as error:
        raise SpreadsheetError(UNREADABLE) from error


def _decoded(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(NOT_UTF8) from error
    if "\x00" in text:  # a binary file, or UTF-16
        raise SpreadsheetError(UNREADABLE)
    return text


def _delimiter(text: str) -> str:
    """The separator the header row uses (a comma when it has none)."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _sheet(rows, limits: Limits) -> Sheet:
    sheet = Sheet([], [])
    for number, cells in enumerate(rows, start=1):
        if number > limits.last_row:
            if any(cell.strip() for cell in cells):
                raise SpreadsheetError(
                    f"Tệp vượt quá giới hạn: tối đa {formatting.number(limits.max_rows)} dòng "
                    "dữ liệu. Hãy chia thành nhiều tệp.")
            continue
        cells = cells[:limits.max_columns]
        if number == 1:
            sheet.headers.extend(cells)
            continue
        cells = (cells + [""] * len(sheet.headers))[:len(sheet.headers)]
        if any(cell.strip() for cell in cells):
            sheet.rows.append((number, cells))
    return sheet
