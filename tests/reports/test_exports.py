"""The round's export read back as a person opening it would: sheet names,
headers, the ranking in order, personal data only where it belongs, and no
cell that a spreadsheet would run as a formula."""
import csv
import io
import zipfile

import openpyxl
import pytest

from contest.prizes.services import provisional_winners, publish_results, verify_winner
from contest.reports.services.exports import winners_workbook, write_round_csv_zip, write_round_workbook
from contest.reports.queries.tables import RANKING_HEADERS, WINNER_HEADERS
from contest.spreadsheets import CSV_DELIMITER
from tests.reports.conftest import AN, AT_SIGN, FORMULA, TAB

SHEETS = ["Đạt giải", "Xếp hạng cá nhân", "Xếp hạng sở, ban, ngành", "Xếp hạng xã, phường",
          "Tham gia theo đơn vị", "Tham gia theo đối tượng", "Tham gia theo ngày",
          "Thống kê câu hỏi"]
MEMBERS = ["01-dat-giai.csv", "02-xep-hang-ca-nhan.csv", "03-xep-hang-so-ban-nganh.csv",
           "04-xep-hang-xa-phuong.csv", "05-tham-gia-theo-don-vi.csv",
           "06-tham-gia-theo-doi-tuong.csv", "07-tham-gia-theo-ngay.csv",
           "08-thong-ke-cau-hoi.csv"]
CBCCVC = "Cán bộ, công chức, viên chức"


def rows_of(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def workbook(scenario, tmp_path):
    path = tmp_path / "dot.xlsx"
    write_round_workbook(scenario.round, path)
    return openpyxl.load_workbook(path)


@pytest.fixture
def csv_files(scenario, tmp_path) -> dict[str, bytes]:
    path = tmp_path / "dot.zip"
    write_round_csv_zip(scenario.round, path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                           delimiter=CSV_DELIMITER))


def test_workbook_has_every_table_in_order_with_a_frozen_bold_header(workbook):
    assert workbook.sheetnames == SHEETS
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])


def test_headers(workbook):
    assert rows_of(workbook["Đạt giải"])[0] == list(WINNER_HEADERS)
    assert rows_of(workbook["Xếp hạng cá nhân"])[0] == list(RANKING_HEADERS)
    assert rows_of(workbook["Xếp hạng xã, phường"])[0] == [
        "Hạng", "Mã", "Đơn vị", "Biên chế", "Người dự thi", "Lượt thi", "Tỷ lệ tham gia (%)",
        "Điểm TB", "Ghi chú"]
    assert rows_of(workbook["Tham gia theo đối tượng"])[0] == [
        "Đối tượng", "Người dự thi", "Lượt thi", "Điểm TB"]
    assert rows_of(workbook["Tham gia theo ngày"])[0] == ["Ngày", "Lượt thi", "Người dự thi mới"]
    assert rows_of(workbook["Thống kê câu hỏi"])[0][:4] == [
        "Mã câu hỏi", "Phiên bản", "Câu hỏi", "Số lần rút"]


def test_ranking_sheet_lists_everyone_in_rank_order(workbook):
    rows = rows_of(workbook["Xếp hạng cá nhân"])[1:]
    assert rows == [
        [1, AN, "Sở Tư pháp", "Sở, ban, ngành", CBCCVC, 5, 5, 100, "20/11/2026 10:01:40", 2, 0, 1,
         "Dự kiến đạt giải Nhất"],
        [2, FORMULA, "Sở Tư pháp", "Sở, ban, ngành", CBCCVC, 5, 5, 90, "20/11/2026 10:03:10", 5, 3, 1,
         "Dự kiến đạt giải Nhì"],
        [3, AT_SIGN, "Xã Hải An", "Xã, phường", CBCCVC, 4, 5, 60, "20/11/2026 10:04:10", None, None, 1,
         "Dự kiến đạt giải Nhì"],
        [4, TAB, "Xã Hải An", "Xã, phường", CBCCVC, 3, 5, 120, "20/11/2026 10:06:40", 1, 1, 2,
         "Dự kiến đạt giải Ba"],
    ]


def test_ranking_sheet_has_no_phone_or_date_of_birth(workbook, scenario):
    sheet = workbook["Xếp hạng cá nhân"]
    values = {str(value) for row in rows_of(sheet) for value in row}
    assert not {person.phone for person in scenario.people.values()} & values
    assert "07/03/1985" not in values


def test_cells_that_look_like_formulas_stay_text_in_xlsx(workbook):
    names = [row[1] for row in workbook["Xếp hạng cá nhân"].iter_rows(min_row=2)]
    assert [cell.value for cell in names] == [AN, FORMULA, AT_SIGN, TAB]
    assert all(cell.data_type == "s" for cell in names)


def test_cells_that_look_like_formulas_get_an_apostrophe_in_csv(csv_files):
    names = [row[1] for row in csv_rows(csv_files["02-xep-hang-ca-nhan.csv"])[1:]]
    assert names == [AN, "'" + FORMULA, "'" + AT_SIGN, "'" + TAB]


def test_csv_zip_has_one_file_per_table_in_utf8_with_bom(csv_files):
    assert sorted(csv_files) == MEMBERS
    assert all(data.startswith(b"\xef\xbb\xbf") for data in csv_files.values())
    ranking = csv_rows(csv_files["02-xep-hang-ca-nhan.csv"])
    assert ranking[0] == list(RANKING_HEADERS)
    assert ranking[1] == ["1", AN, "Sở Tư pháp", "Sở, ban, ngành", CBCCVC, "5", "5", "100,0",
                          "20/11/2026 10:01:40", "2", "0", "1", "Dự kiến đạt giải Nhất"]
    assert ranking[3][9:11] == ["", ""]  # no prediction: no error either


def test_winners_sheet_has_phone_and_date_of_birth_and_says_it_is_provisional(workbook):
    rows = rows_of(workbook["Đạt giải"])[1:]
    assert [row[:5] for row in rows] == [
        ["Dự kiến", 1, "Bảng chung", "Giải Nhất", AN],
        ["Dự kiến", 2, "Bảng chung", "Giải Nhì", FORMULA],
        ["Dự kiến", 3, "Bảng chung", "Giải Nhì", AT_SIGN],
        ["Dự kiến", 4, "Bảng chung", "Giải Ba", TAB],
    ]
    assert rows[0][5:] == ["07/03/1985", "Sở Tư pháp", "0912345671", 5, 5, 100, 2, 0,
                           "Dự kiến đạt giải Nhất"]
    assert rows[2][11:] == [None, None, "Dự kiến đạt giải Nhì"]


def test_published_winners_come_from_the_awards(scenario):
    round_ = scenario.round
    for result in provisional_winners(round_):
        for winner in result.winners:
            verify_winner(round_, winner.row.entry.user_id, scenario.organizer)
    publish_results(round_, scenario.organizer)
    sheet = openpyxl.load_workbook(io.BytesIO(winners_workbook(round_))).active
    rows = rows_of(sheet)
    assert sheet.title == "Đạt giải" and rows[0] == list(WINNER_HEADERS)
    assert [row[0] for row in rows[1:]] == ["Đã công bố"] * 4
    assert [row[7] for row in rows[1:]] == ["0912345671", "0912345672", "0912345673", "0912345674"]


def test_unit_ranking_sheets_rank_eligible_units_and_say_why_others_are_not(workbook):
    agencies = rows_of(workbook["Xếp hạng sở, ban, ngành"])[1:]
    assert [row[0] for row in agencies] == [1, None]
    assert agencies[0][2:8] == ["Sở Tư pháp", 4, 2, 2, 50, 5]
    assert agencies[1][2] == "Sở Y tế"
    assert agencies[1][8] == "Chưa có số cán bộ, công chức, viên chức"
    communes = rows_of(workbook["Xếp hạng xã, phường"])[1:]
    assert communes == [[1, communes[0][1], "Xã Hải An", 2, 2, 3, 100, 3.5, None]]


def test_participation_sheets(workbook):
    by_unit = rows_of(workbook["Tham gia theo đơn vị"])[1:]
    assert [row[1:3] for row in by_unit] == [
        ["Sở Tư pháp", "Sở, ban, ngành"], ["Sở Y tế", "Sở, ban, ngành"],
        ["Xã Hải An", "Xã, phường"]]
    audiences = rows_of(workbook["Tham gia theo đối tượng"])[1:]
    assert audiences[0] == [CBCCVC, 4, 5, 4.25]
    assert rows_of(workbook["Tham gia theo ngày"])[1:] == [["20/11/2026", 5, 4]]


def test_question_statistics_sheet_counts_every_draw(workbook):
    rows = rows_of(workbook["Thống kê câu hỏi"])[1:]
    assert sum(row[3] for row in rows) == 5 * 5  # five attempts of five questions


def test_progress_is_reported_up_to_the_rows_written(scenario, tmp_path):
    seen = []
    rows = write_round_workbook(scenario.round, tmp_path / "dot.xlsx", progress=seen.append)
    assert seen and seen[-1] == rows
    assert seen == sorted(seen)
