"""Hostile spreadsheets: every Excel import refuses them quickly, with a Vietnamese
message, changing nothing. A file is checked (its size, the zip's parts and what
they unpack to, the sheet's declared size) before anything is read, and rows are
then streamed, stopping at the import's limit."""
import io
import re
import tracemalloc
import zipfile

import openpyxl
import pytest
from openpyxl.worksheet._reader import WorkSheetParser

from contest.accounts.services import bulk
from contest.accounts.models import User
from contest.bank.formats import excel as bank_excel
from contest.bank.models import Question
from contest.extensions import db
from contest.spreadsheets import Limits, SpreadsheetError, Table, read_sheet, write_xlsx
from contest.units import formats as unit_imports
from contest.units.models import Unit
from tests.conftest import login

UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại", "Biên chế"]
BOMB_MEGABYTES = 200
PEAK_BYTES = 40 * 1024 * 1024  # what refusing any of these files may allocate at most


def _workbook(rows, headers=UNIT_HEADERS) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Trang 1")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_dimension(data: bytes, ref: str) -> bytes:
    """The same workbook, its first sheet declaring ``ref`` as its size."""
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(),
                                 content)
                if b"<dimension" not in content:
                    content = content.replace(b"<sheetData", f'<dimension ref="{ref}"/><sheetData'.encode(), 1)
            target.writestr(member, content)
    return buffer.getvalue()


def _with_sheet_xml(chunks) -> bytes:
    """An empty workbook whose first sheet's XML is ``chunks``, streamed into
    the zip (small on disk however large it unpacks)."""
    empty, buffer = zipfile.ZipFile(io.BytesIO(_workbook([]))), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in empty.infolist():
            if member.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(member.filename, empty.read(member))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for chunk in chunks:
                sheet.write(chunk)
    return buffer.getvalue()


def _bomb() -> bytes:
    """A few hundred kilobytes that unpack to ``BOMB_MEGABYTES`` of sheet XML."""
    return _with_sheet_xml(b" " * (1 << 20) for _ in range(BOMB_MEGABYTES))


def _lying(bomb: bytes) -> bytes:
    """The bomb with its sheet claiming 1 KB unpacked in the zip's directory."""
    data = bytearray(bomb)
    name = b"xl/worksheets/sheet1.xml"
    for signature, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_at:name_at + len(name)] == name:
                data[start + size_at:start + size_at + 4] = (1024).to_bytes(4, "little")
            start += 4
    return bytes(data)


def _many_strings(base: bytes, count=1_000_000) -> bytes:
    """The workbook with a shared-strings table of ``count`` strings (~100 KB zipped)."""
    source, buffer = zipfile.ZipFile(io.BytesIO(base)), io.BytesIO()
    assert "xl/sharedStrings.xml" in source.namelist()
    table = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             + b"<si><t>x</t></si>" * count + b"</sst>")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            is_table = member.filename == "xl/sharedStrings.xml"
            target.writestr(member, table if is_table else source.read(member))
    return buffer.getvalue()


def _wide_row(cells=1_150_000) -> bytes:
    """The workbook with one data row of ``cells`` inline cells and no
    ``<dimension>``: ~130 KB zipped, ~45 MB unpacked (under the 50 MB limit)."""
    return _with_sheet_xml([
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c t="inlineStr"><is><t>T</t></is></c></row><row r="2">',
        b'<c t="inlineStr"><is><t>x</t></is></c>' * cells,
        b"</row></sheetData></worksheet>"])


def _many_parts(count=2_000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(count):
            archive.writestr(f"xl/media/p{number}.xml", b"")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile():
    base = _workbook([["SYT", "Sở Y tế", "agency", 5]])
    bomb = _bomb()
    return {
        "wide": _with_dimension(base, "A1:XFD3000"),
        "bomb": bomb,
        "lying": _lying(bomb),
        "parts": _many_parts(),
        "strings": _many_strings(write_xlsx(Table("Trang 1", UNIT_HEADERS,
                                                  [["SYT", "Sở Y tế", "agency", 5]]))),
        "rows": _workbook([[f"X{n}", "Xã", "commune", 1] for n in range(100_001)]),
        "wide row": _wide_row(),
    }


# --- what each hostile file gets, at each import --------------------------------

EXPECTED = {
    "wide": "khai báo 16384 cột",
    "bomb": "quá lớn khi giải nén",
    "lying": "Không đọc được tệp Excel",
    "parts": "2000 phần",
    "strings": "nhiều ô chữ",
    "rows": "tối đa 5.000 dòng dữ liệu",
}


@pytest.fixture
def organizer(client, make_user):
    login(client, make_user(role="organizer"))
    return client


def _snapshot():
    db.session.expire_all()
    return (sorted((u.code, u.name, u.headcount) for u in db.session.query(Unit)),
            sorted((q.code, q.version) for q in db.session.query(Question)),
            sorted(u.phone for u in db.session.query(User)))


def _post(client, url, data):
    return client.post(url, data={"file": (io.BytesIO(data), "tep.xlsx")},
                       content_type="multipart/form-data")


@pytest.fixture
def cells_decoded(monkeypatch):
    """How many cells were decoded (openpyxl's ``parse_cell``): a refusal must
    stop at the import's row and column limits, not read the whole sheet first."""
    counted = {"cells": 0}
    original = WorkSheetParser.parse_cell

    def counting(self, element):
        counted["cells"] += 1
        return original(self, element)
    monkeypatch.setattr(WorkSheetParser, "parse_cell", counting)
    return counted


def _peak_bytes(request) -> tuple:
    """(the response, the most memory Python allocated while answering it)."""
    tracemalloc.start()
    try:
        response = request()
        return response, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_the_units_import_refuses_a_hostile_file_quickly(organizer, make_unit, hostile, kind,
                                                         cells_decoded):
    make_unit(name="Sở Tư pháp")
    before = _snapshot()
    response, peak = _peak_bytes(
        lambda: _post(organizer, "/quan-tri/danh-muc-don-vi/nhap-excel", hostile[kind]))
    assert response.status_code == 400
    assert EXPECTED[kind] in response.get_data(as_text=True)
    assert _snapshot() == before
    assert cells_decoded["cells"] <= 5_002 * 4  # the "rows" file's four columns
    assert peak < PEAK_BYTES, f"refusing took {peak // 2 ** 20} MB"


@pytest.mark.parametrize("url, limits", [
    ("/quan-tri/danh-muc-don-vi/nhap-excel", unit_imports.LIMITS),
    ("/quan-tri/cau-hoi/nhap-excel", bank_excel.LIMITS),
    ("/quan-tri/tai-khoan/tao-hang-loat", bulk.LIMITS),
])
def test_a_row_of_a_million_cells_is_refused_without_reading_past_the_template(
        organizer, hostile, cells_decoded, url, limits):
    """No ``<dimension>`` to check: the row is cut at the import's columns
    while the XML is read, and the sheet refused once it holds more than a
    sheet of the template can (not after building a million cells)."""
    before = _snapshot()
    response, peak = _peak_bytes(lambda: _post(organizer, url, hostile["wide row"]))
    assert response.status_code == 400
    assert "nhiều ô hơn một trang theo mẫu có thể có" in response.get_data(as_text=True)
    assert _snapshot() == before
    assert cells_decoded["cells"] <= 1 + limits.max_columns  # the header, then row 2's
    assert peak < PEAK_BYTES, f"refusing took {peak // 2 ** 20} MB"


def test_a_row_with_more_cells_than_excel_has_columns_is_refused_at_once(organizer, cells_decoded):
    """16,385 cells in one row fit the units import's element budget (a full
    template sheet's), yet no sheet Excel can write holds them: refused as soon
    as the row passes Excel's last column, not after the budget."""
    before = _snapshot()
    response = _post(organizer, "/quan-tri/danh-muc-don-vi/nhap-excel", _wide_row(cells=16_385))
    assert response.status_code == 400
    assert "nhiều ô hơn một trang theo mẫu có thể có" in response.get_data(as_text=True)
    assert _snapshot() == before


@pytest.mark.parametrize("url, kind, message", [
    ("/quan-tri/cau-hoi/nhap-excel", "wide", "khai báo 16384 cột"),
    ("/quan-tri/cau-hoi/nhap-excel", "bomb", "quá lớn khi giải nén"),
    ("/quan-tri/tai-khoan/tao-hang-loat", "wide", "khai báo 16384 cột"),
    ("/quan-tri/tai-khoan/tao-hang-loat", "lying", "Không đọc được tệp Excel"),
    ("/quan-tri/cau-hoi/nhap-excel", "rows", "tối đa 20.000 dòng dữ liệu"),
])
def test_the_bank_and_accounts_imports_refuse_hostile_files(organizer, make_questions, hostile,
                                                            url, kind, message):
    make_questions(2)
    before = _snapshot()
    response = _post(organizer, url, hostile[kind])
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _snapshot() == before


def test_the_accounts_import_stops_streaming_at_its_row_limit(organizer, cells_decoded):
    headers = ["Họ và tên", "Ngày sinh", "Số điện thoại", "Mã đơn vị"]
    data = _workbook([["Nguyễn Văn An", "01/01/1990", f"09{n:08d}", "SYT"] for n in range(2_001)],
                     headers)
    before = _snapshot()
    response = _post(organizer, "/quan-tri/tai-khoan/tao-hang-loat", data)
    assert response.status_code == 400
    assert "tối đa 2.000 dòng dữ liệu" in response.get_data(as_text=True)
    assert _snapshot() == before
    assert cells_decoded["cells"] <= 2_002 * len(headers)


# --- the reader itself ---------------------------------------------------------

def test_a_sheet_at_its_limits_is_read_whole():
    limits = Limits(max_bytes=2 ** 20, max_rows=4, max_columns=5)
    data = _workbook([["A1", "Một", "commune", 1], [None, None, None, None], ["A2", "Hai", "agency", 2.0],
                      ["A3", "Ba", "agency", None]])
    sheet = read_sheet(data, limits)
    assert sheet.headers == UNIT_HEADERS
    assert sheet.rows == [(2, ["A1", "Một", "commune", "1"]), (4, ["A2", "Hai", "agency", "2"]),
                          (5, ["A3", "Ba", "agency", ""])]


def test_cells_past_the_imports_columns_are_left_out(cells_decoded):
    """openpyxl's public reader decodes a whole row (the rows' cells were
    counted before it opened the file): each cell once, the note left out."""
    data = _workbook([["A1", "Một", "commune", 1, *[None] * 20, "ghi chú ở cột Y"]])
    sheet = read_sheet(data, Limits(max_bytes=2 ** 20, max_rows=5, max_columns=5))
    assert sheet.rows == [(2, ["A1", "Một", "commune", "1"])]
    assert cells_decoded["cells"] <= 4 + 5  # the header's, and the row's five cells


def test_data_below_a_sheet_that_declares_itself_small_is_not_missed():
    """A dimension claiming less than the sheet holds does not hide rows."""
    data = _with_dimension(_workbook([[f"X{n}", "Xã", "commune", 1] for n in range(10)]), "A1:D2")
    with pytest.raises(SpreadsheetError, match="tối đa 5 dòng dữ liệu"):
        read_sheet(data, Limits(max_bytes=2 ** 20, max_rows=5, max_columns=10))
    sheet = read_sheet(data, Limits(max_bytes=2 ** 20, max_rows=10, max_columns=10))
    assert len(sheet.rows) == 10


def test_the_byte_size_is_checked_first():
    with pytest.raises(SpreadsheetError, match=r"Tệp quá lớn \(1,0 MB\), tối đa 1 MB"):
        read_sheet(b"PK" + b"\x00" * 2 ** 20, Limits(max_bytes=2 ** 20, max_rows=5, max_columns=5))
