"""Exports as an organizer prints and opens them: every workbook sheet prints
on A4 one page wide with its header row on each page, the contest and round on
top and "Trang 1/N" at the foot; phones stay text; the CSV files open in Excel
set to Vietnamese (";" between cells, decimal comma, leading zeros kept)."""
import csv
import io
import zipfile

import openpyxl
import pytest

from contest.spreadsheets import (
    CSV_DELIMITER, PrintSetup, Table, template_workbook, write_csv_zip, write_xlsx,
)
from contest.spreadsheets.printing import MAX_HEADER
from tests.conftest import login
from tests.reports.conftest import FORMULA
from tests.reports.test_download_headers import DOWNLOADS, XLSX, _full_export

WIDE = Table("Đạt giải", [f"Cột số {n}" for n in range(14)], [["giá trị dài vừa phải"] * 14])
NARROW = Table("Chưa tham gia", ["STT", "Họ và tên"], [[1, "Nguyễn Văn An"]])


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def assert_prints_on_a4(sheet) -> None:
    """One page wide however long, the header row on every page, frozen on screen."""
    setup = sheet.page_setup
    assert setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth or 1) == 1 and setup.fitToHeight == 0  # absent fitToWidth is 1
    header = 2 if sheet.max_column > 1 and sheet.cell(1, 2).value is None else 1  # under a title
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.print_options.gridLines
    assert sheet.oddFooter.center.text == "Trang &P/&N"
    assert sheet.page_margins.left == 0.5 and sheet.page_margins.top == 0.75


def test_a_wide_sheet_prints_landscape_on_one_page_width_with_title_and_page_numbers():
    sheet = load(write_xlsx(WIDE, print_setup=PrintSetup(title="Cuộc thi CCHC & Gia Lai"))).active
    assert_prints_on_a4(sheet)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.oddHeader.left.text == "Cuộc thi CCHC && Gia Lai"  # "&" is Excel's control code
    assert sheet.oddHeader.right.text == "Đạt giải"


def test_a_narrow_sheet_prints_portrait_unless_an_export_asks_otherwise():
    assert load(write_xlsx(NARROW)).active.page_setup.orientation == "portrait"
    forced = load(write_xlsx(NARROW, print_setup=PrintSetup(landscape=True))).active
    assert forced.page_setup.orientation == "landscape"


def test_a_very_long_title_is_cut_to_fit_the_page_header():
    title = "Cuộc thi tìm hiểu cải cách hành chính & chuyển đổi số " * 8
    sheet = load(write_xlsx(NARROW, print_setup=PrintSetup(title=title))).active
    left = sheet.oddHeader.left.text
    assert left.startswith("Cuộc thi tìm hiểu") and left.endswith("…")
    assert len(left) < MAX_HEADER and "&&" in left


def test_every_sheet_of_an_import_template_prints_too():
    workbook = load(template_workbook(NARROW, [("Họ và tên", "Ghi đầy đủ, có dấu.")]))
    assert len(workbook.worksheets) == 2
    for sheet in workbook.worksheets:
        assert_prints_on_a4(sheet)


XLSX_DOWNLOADS = sorted(endpoint for endpoint, (_, mimetype, _) in DOWNLOADS.items()
                        if mimetype == XLSX)


@pytest.mark.parametrize("endpoint", XLSX_DOWNLOADS)
@pytest.mark.commits
def test_every_workbook_the_app_hands_out_prints_on_a4(client, scenario, endpoint):
    login(client, scenario.organizer)
    fetch = DOWNLOADS[endpoint][0]
    response = fetch(client, scenario)
    assert response.status_code == 200
    for sheet in load(response.data).worksheets:
        assert_prints_on_a4(sheet)


def test_the_winners_workbook_prints_landscape_under_the_contest_and_round(client, scenario):
    login(client, scenario.organizer)
    data = client.get(f"/quan-tri/dot-thi/{scenario.round.id}/xuat/dat-giai.xlsx").data
    sheet = load(data).active
    assert_prints_on_a4(sheet)
    assert sheet.page_setup.orientation == "landscape"
    round_ = scenario.round
    assert sheet.oddHeader.left.text == f"{round_.contest.name} — {round_.name}"
    phones = [row[7] for row in sheet.iter_rows(min_row=2)]
    assert phones[0].value == "0912345671" and phones[0].data_type == "s"  # text: the 0 stays


@pytest.mark.commits
def test_the_full_workbook_prints_every_sheet_under_the_contest_and_round(client, scenario):
    login(client, scenario.organizer)
    workbook = load(_full_export(client, scenario, "xlsx").data)
    title = f"{scenario.round.contest.name} — {scenario.round.name}"
    for sheet in workbook.worksheets:
        assert_prints_on_a4(sheet)
        assert sheet.oddHeader.left.text == title


# --- CSV -------------------------------------------------------------------------

def csv_member(tables: list[Table]) -> bytes:
    buffer = io.BytesIO()
    write_csv_zip(buffer, tables)
    archive = zipfile.ZipFile(buffer)
    return archive.read(archive.namelist()[0])


def test_csv_is_written_for_excel_in_vietnamese_with_semicolons_and_decimal_commas():
    data = csv_member([Table("Đạt giải", ["Họ và tên", "Số điện thoại", "CCCD", "Thời gian (giây)",
                                          "Hạng", "Đơn vị", "Ghi chú"],
                             [["An", "0912345678", "001090012345", 21.9, 3,
                               "Phòng Nội vụ; Văn phòng", None]])])
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the diacritics
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Họ và tên;Số điện thoại;CCCD;Thời gian (giây);Hạng;Đơn vị;Ghi chú"
    assert lines[1] == ('An;="0912345678";="001090012345";21,9;3;"Phòng Nội vụ; Văn phòng";')


CELLS = [  # (value in the table, as written in the CSV)
    ("0912345678", '="0912345678"'),     # a phone keeps its leading zero
    ("123456789012", '="123456789012"'),  # not shown as 1,23E+11
    ("12345", "12345"),                   # an ordinary number stays a number
    ("0912***678", "0912***678"),         # masked: Excel keeps it as text anyway
    ('="0912"', '"\'=""0912"""'),         # someone's formula is still neutralised
    ("=1+1", "'=1+1"),
    ("+84912345678", "'+84912345678"),
    (-0.25, "-0,25"),                     # a number, not text: never neutralised
]


def test_csv_cells_keep_what_excel_would_change_and_run_no_formula():
    data = csv_member([Table("Ô", ["Giá trị"], [[value] for value, _ in CELLS])])
    assert data.decode("utf-8-sig").split("\r\n")[1:-1] == [written for _, written in CELLS]


@pytest.mark.commits
def test_the_round_csv_keeps_phones_and_decimal_commas(client, scenario):
    login(client, scenario.organizer)
    archive = zipfile.ZipFile(io.BytesIO(_full_export(client, scenario, "csv").data))
    text = archive.read("01-dat-giai.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=CSV_DELIMITER))
    first = rows[1]
    assert first[7] == '="0912345671"' and first[10] == "100,0"
    assert rows[2][4] == "'" + FORMULA  # the neutralising is kept


def test_the_export_page_says_how_the_csv_opens_in_excel(client, scenario):
    login(client, scenario.organizer)
    page = client.get(f"/quan-tri/dot-thi/{scenario.round.id}/xuat").get_data(as_text=True)
    assert "Tệp CSV ngăn cách bằng dấu chấm phẩy, số thập phân dùng dấu phẩy" in page
