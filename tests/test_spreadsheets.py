"""No formula injection: cells starting with = + - @ stay text (CSV: see
tests/reports/test_streaming.py)."""
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from contest.spreadsheets import (
    MAX_UNPACKED_BYTES, SpreadsheetError, Table, write_xlsx,
)
from tests.workbooks import read_xlsx

ROOT = Path(__file__).resolve().parent.parent
CELLS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "bình thường"]


def test_xlsx_cells_that_look_like_formulas_are_text():
    data = write_xlsx(Table("Trang tính", ["Nội dung"], [[cell] for cell in CELLS]))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [cell.value for cell in sheet["A"][1:]]
    assert values == CELLS
    assert all(cell.data_type == "s" for cell in sheet["A"][1:])


def test_a_workbook_declaring_a_huge_unpacked_size_is_refused_before_reading():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (MAX_UNPACKED_BYTES + 1))
    data = buffer.getvalue()
    assert len(data) < 200_000  # small on the wire
    with pytest.raises(SpreadsheetError, match="quá lớn khi giải nén"):
        read_xlsx(data)


def test_the_app_imports_no_pandas_and_no_openpyxl_internals():
    """pandas (about 70 MB a worker) is loaded by no module of the app, and
    uploads are read through openpyxl's public API only, which a minor
    release keeps (its ``_private`` modules it may change)."""
    script = ("import importlib, pkgutil, sys, contest\n"
              "for module in pkgutil.walk_packages(contest.__path__, 'contest.'):\n"
              "    importlib.import_module(module.name)\n"
              "print(sorted(name for name in sys.modules if name.split('.')[0] == 'pandas'))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, cwd=ROOT).stdout.strip()
    assert loaded == "[]"
    private = [f"{path.relative_to(ROOT)}: {line.strip()}"
               for path in (ROOT / "contest").rglob("*.py")
               for line in path.read_text(encoding="utf-8").splitlines()
               if re.match(r"\s*(from|import) openpyxl\S*\._", line)]
    assert private == []
