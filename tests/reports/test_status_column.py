"""Issue 17, case 7: every export says where each person stands on prizes, in a
"Xét giải" column: "Đạt giải …", "Bị loại: <lý do>" (the organizer reads the
reason), "Không xét giải: <vì sao>", or nothing. Read back from the downloads
an organizer gets."""
import csv
import io
import zipfile

import openpyxl
import pytest

from contest.extensions import db
from contest.prizes import services
from contest.contests.models import PrizeGroup
from contest.spreadsheets import CSV_DELIMITER
from tests.conftest import login
from tests.reports.conftest import AN, AT_SIGN, FORMULA, TAB

STAFF = "Không xét giải: tài khoản Ban Tổ chức, quản trị hoặc lãnh đạo đơn vị"


@pytest.fixture
def published(client, scenario):
    """One first prize. An (rank 1) disqualified, the next in order wins; Dung is a
    unit manager; the results published; the organizer logged in."""
    round_, people = scenario.round, scenario.people
    db.session.add(PrizeGroup(contest_id=round_.contest_id, position=1, name="Bảng chung",
                              audiences="cbccvc", first_prizes=1, second_prizes=0,
                              third_prizes=0, consolation_prizes=0))
    people["tab"].role, people["tab"].managed_unit_id = "unit_manager", people["tab"].unit_id
    db.session.commit()
    services.disqualify_winner(round_, people["an"].id, "Thi hộ", scenario.organizer)
    services.verify_winner(round_, people["formula"].id, scenario.organizer)
    services.publish_results(round_, scenario.organizer)
    login(client, scenario.organizer)
    return client


def full_export(client, round_, fmt: str) -> bytes:
    """Requested (run in the request in the tests), then downloaded from its job page."""
    job_page = client.post(f"/quan-tri/dot-thi/{round_.id}/xuat/toan-bo", data={"format": fmt})
    return client.get(job_page.headers["Location"] + "/tai-ve").data


EXPECTED = {AN: "Bị loại: Thi hộ", FORMULA: "Đạt giải Nhất", AT_SIGN: None, TAB: STAFF}


@pytest.mark.commits
def test_the_full_workbook_ranks_everyone_with_their_status(published, scenario):
    workbook = openpyxl.load_workbook(io.BytesIO(full_export(published, scenario.round, "xlsx")))
    rows = list(workbook["Xếp hạng cá nhân"].iter_rows(values_only=True))
    assert rows[0][-1] == "Xét giải"
    assert {row[1]: row[-1] for row in rows[1:]} == EXPECTED
    assert [row[0] for row in rows[1:]] == [1, 2, 3, 4]  # nobody's rank moved


@pytest.mark.commits
def test_the_csv_ranking_has_the_same_column(published, scenario):
    archive = zipfile.ZipFile(io.BytesIO(full_export(published, scenario.round, "csv")))
    text = archive.read("02-xep-hang-ca-nhan.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=CSV_DELIMITER))
    assert rows[0][-1] == "Xét giải"
    assert {row[1].lstrip("'"): row[-1] for row in rows[1:]} == {
        name: label or "" for name, label in EXPECTED.items()}


def test_the_winners_workbook_lists_who_was_set_aside_above_the_winners(published, scenario):
    data = published.get(f"/quan-tri/dot-thi/{scenario.round.id}/xuat/dat-giai.xlsx").data
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0][-1] == "Xét giải"
    assert [(row[1], row[3], row[4], row[-1]) for row in rows[1:]] == [
        (2, "Giải Nhất", FORMULA, "Đạt giải Nhất"),
        (1, None, AN, "Bị loại: Thi hộ")]
    assert rows[2][7] is None  # no phone for someone who takes no prize
