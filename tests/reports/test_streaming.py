"""The streaming writers of contest.spreadsheets, on their own."""
import csv
import io
import zipfile

import openpyxl

from contest import spreadsheets
from contest.spreadsheets import (
    CSV_DELIMITER, Table, neutralise, write_csv_zip, write_xlsx_tables,
)

RISKY = ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "bình thường"]


def test_neutralise_covers_tab_and_carriage_return():
    assert [neutralise(value) for value in RISKY] == [
        "'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "bình thường"]
    assert neutralise(-1) == -1 and neutralise(None) is None


def test_xlsx_rows_come_from_an_iterator_and_stay_text():
    buffer = io.BytesIO()
    rows = ((text, number) for number, text in enumerate(RISKY))
    written = write_xlsx_tables(buffer, [Table("Trang tính", ("Nội dung", "Số"), rows)])
    sheet = openpyxl.load_workbook(buffer).active
    assert written == len(RISKY)
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # A carriage return is stored with OOXML's escape, which Excel reads back
    # as "\r" and openpyxl leaves as it is.
    assert [cell.value for cell in cells] == [v.replace("\r", "_x000D_") for v in RISKY]
    assert all(cell.data_type == "s" for cell in cells)
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == list(range(len(RISKY)))


def test_columns_are_sized_from_the_header_and_first_rows():
    buffer = io.BytesIO()
    write_xlsx_tables(buffer, [Table("A", ("Hạng", "Họ và tên"), [(1, "x" * 30), (2, "y")])])
    sheet = openpyxl.load_workbook(buffer).active
    assert sheet.column_dimensions["A"].width < sheet.column_dimensions["B"].width


def test_a_table_longer_than_a_sheet_continues_on_the_next(monkeypatch):
    monkeypatch.setattr(spreadsheets.writing, "MAX_SHEET_ROWS", 2)
    buffer = io.BytesIO()
    write_xlsx_tables(buffer, [Table("Xếp hạng cá nhân", ("Hạng",), ([n] for n in range(1, 6))),
                               Table("Đủ", ("Hạng",), [[1], [2]])])
    workbook = openpyxl.load_workbook(buffer)
    assert workbook.sheetnames == ["Xếp hạng cá nhân", "Xếp hạng cá nhân (2)",
                                   "Xếp hạng cá nhân (3)", "Đủ"]
    assert [row[0] for row in workbook["Xếp hạng cá nhân (3)"].iter_rows(values_only=True)] == [
        "Hạng", 5]


def test_csv_zip_members_are_utf8_with_bom_and_neutralised():
    buffer = io.BytesIO()
    seen = []
    written = write_csv_zip(buffer, [Table("Xếp hạng xã, phường", ("Tên",), ([v] for v in RISKY)),
                                     Table("Đạt giải", ("Tên",), [])], progress=seen.append)
    archive = zipfile.ZipFile(buffer)
    assert archive.namelist() == ["01-xep-hang-xa-phuong.csv", "02-dat-giai.csv"]
    data = archive.read("01-xep-hang-xa-phuong.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                           delimiter=CSV_DELIMITER))
    assert [row[0] for row in rows] == ["Tên"] + [neutralise(value) for value in RISKY]
    assert written == len(RISKY) and seen[-1] == written
