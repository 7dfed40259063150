"""CSV written for Excel in a Vietnamese locale (docs/exports.md): UTF-8 with a
BOM, ";" between cells, a decimal comma ("21,9"), and digit strings Excel would
turn into numbers (a phone's or a CCCD's leading zero, a long code in
scientific notation) written as the text formula ="0912345678", which Excel and
LibreOffice show as the text itself. Any other cell that a spreadsheet would run
as a formula gets a leading apostrophe (``neutralise``): the only formula we
write is ="<digits>", built by us from a value of digits alone.
"""
import re
from decimal import Decimal

CSV_ENCODING = "utf-8-sig"  # the BOM tells Excel the file is UTF-8
CSV_DELIMITER = ";"  # Excel's list separator where the decimal mark is a comma (vi-VN)
NEEDS_QUOTES = re.compile(r'[;"\r\n]')
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Digits Excel would read as a number and show differently: a leading zero
# dropped ("0912…"), or 12 digits and more shown as 9,12E+11 and cut to 15 digits.
MANGLED_DIGITS = re.compile(r"0[0-9]+|[0-9]{12,}")


def neutralise(value):
    """For CSV: a text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_line(cells) -> str:
    """One CSV record, cells separated by ";", ending in CRLF. Written here
    rather than by ``csv.writer``, which would quote ="0912345678" (it holds
    quotes) into a form Excel's documented trick does not cover."""
    return CSV_DELIMITER.join(_field(value) for value in cells) + "\r\n"


def _field(value) -> str:
    """A cell as written: decimals with a comma, digit strings kept as text,
    formula-like text neutralised, quotes as RFC 4180 says; None is empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if not isinstance(value, str):
        return str(value)
    if MANGLED_DIGITS.fullmatch(value):
        return f'="{value}"'  # digits alone: nothing of the value can become formula code
    return _quoted(neutralise(value))


def _quoted(text: str) -> str:
    if NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text
