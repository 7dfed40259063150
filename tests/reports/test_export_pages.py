"""The organizer's export pages: who may use them, the background job (run in
the request here), downloads, and an audit row for every export."""
import io
import threading
import zipfile
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import select

from contest import clock
from contest.audit.models import AuditLog
from contest.extensions import db
from contest.reports.models import ExportJob
from tests.conftest import login


def url(round_, path=""):
    return f"/quan-tri/dot-thi/{round_.id}/xuat{path}"


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)))


def jobs() -> list[ExportJob]:
    return list(db.session.scalars(select(ExportJob).order_by(ExportJob.id)))


@pytest.fixture
def organizer_client(client, scenario):
    login(client, scenario.organizer)
    return client


def add_job(scenario, status="running", age=timedelta(0), fmt="xlsx", round_=None) -> ExportJob:
    at = clock.now() - age
    job = ExportJob(round_id=(round_ or scenario.round).id, format=fmt, status=status,
                    requested_by_id=scenario.organizer.id, created_at=at, heartbeat_at=at)
    db.session.add(job)
    db.session.commit()
    return job


# --- access -------------------------------------------------------------------

def pages(round_) -> list[tuple[str, str]]:
    return [("GET", url(round_)), ("POST", url(round_, "/toan-bo")),
            ("GET", url(round_, "/dat-giai.xlsx")), ("GET", url(round_, "/bao-cao.docx")),
            ("GET", url(round_, "/abc")), ("GET", url(round_, "/abc/tai-ve"))]


def test_anonymous_is_sent_to_login(client, scenario):
    for method, path in pages(scenario.round):
        response = client.open(path, method=method, data={"format": "xlsx"})
        assert response.status_code == 302, path
        assert "/dang-nhap" in response.headers["Location"]


def test_a_contestant_is_refused(client, scenario):
    login(client, scenario.people["an"])
    for method, path in pages(scenario.round):
        response = client.open(path, method=method, data={"format": "xlsx"})
        assert response.status_code == 403, path
    assert jobs() == []
    assert not [a for a in actions() if a.startswith("export.")]


# --- the exports page and the background job -----------------------------------

def test_exports_page_offers_every_export(organizer_client, scenario):
    job = add_job(scenario, status="done")
    job.path = "/tmp/built.xlsx"  # a done job without a file is expired (test_export_retention.py)
    db.session.commit()
    page = organizer_client.get(url(scenario.round)).get_data(as_text=True)
    assert "Danh sách đạt giải (.xlsx)" in page and "Báo cáo kết quả (.docx)" in page
    assert 'value="xlsx"' in page and 'value="csv"' in page
    assert "Hoàn thành" in page and "Tải về" in page


@pytest.mark.parametrize("fmt", ["pdf", ""])
def test_a_bad_format_is_refused_and_creates_nothing(organizer_client, scenario, fmt):
    response = organizer_client.post(url(scenario.round, "/toan-bo"), data={"format": fmt})
    assert response.status_code == 400
    assert "Định dạng xuất không hợp lệ" in response.get_data(as_text=True)
    assert jobs() == []
    assert "export.request" not in actions()


def test_a_request_without_csrf_token_is_refused(organizer_client, scenario):
    response = organizer_client.post(url(scenario.round, "/toan-bo"), data={"format": "xlsx"},
                                     no_csrf=True)
    assert response.status_code == 400
    assert jobs() == []


@pytest.mark.commits
def test_full_xlsx_export_runs_and_downloads(organizer_client, scenario):
    response = organizer_client.post(url(scenario.round, "/toan-bo"), data={"format": "xlsx"})
    [job] = jobs()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(url(scenario.round, f"/{job.public_id}"))
    assert (job.status, job.requested_by_id, job.error) == ("done", scenario.organizer.id, None)
    assert job.rows_done > 4 and job.finished_at is not None
    page = organizer_client.get(url(scenario.round, f"/{job.public_id}")).get_data(as_text=True)
    assert "Hoàn thành" in page and 'http-equiv="refresh"' not in page
    download = organizer_client.get(url(scenario.round, f"/{job.public_id}/tai-ve"))
    assert download.status_code == 200
    assert download.headers["Cache-Control"] == "private, no-store"
    assert "filename=dot-1-toan-bo.xlsx" in download.headers["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(download.data))
    assert workbook.sheetnames[:2] == ["Đạt giải", "Xếp hạng cá nhân"]
    assert actions()[-2:] == ["export.request", "export.download"]


@pytest.mark.commits
def test_full_csv_export_is_a_zip(organizer_client, scenario):
    organizer_client.post(url(scenario.round, "/toan-bo"), data={"format": "csv"})
    [job] = jobs()
    assert job.path.endswith(f"{job.public_id}.zip")
    download = organizer_client.get(url(scenario.round, f"/{job.public_id}/tai-ve"))
    assert "filename=dot-1-toan-bo.zip" in download.headers["Content-Disposition"]
    assert "02-xep-hang-ca-nhan.csv" in zipfile.ZipFile(io.BytesIO(download.data)).namelist()


@pytest.mark.commits
def test_the_request_is_audited_with_the_job(organizer_client, scenario):
    organizer_client.post(url(scenario.round, "/toan-bo"), data={"format": "xlsx"})
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "export.request"))
    assert entry.actor_id == scenario.organizer.id
    assert entry.details == {"job": jobs()[0].public_id, "format": "xlsx"}


def test_a_running_job_refreshes_its_page_and_cannot_be_downloaded_yet(organizer_client, scenario):
    job = add_job(scenario, status="running")
    page = organizer_client.get(url(scenario.round, f"/{job.public_id}")).get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="2">' in page and "Đang xuất" in page
    response = organizer_client.get(url(scenario.round, f"/{job.public_id}/tai-ve"))
    assert response.status_code == 409
    assert "export.download" not in actions()


def test_the_same_export_under_way_is_returned_instead_of_a_new_one(organizer_client, scenario):
    job = add_job(scenario, status="running", age=timedelta(seconds=30))
    response = organizer_client.post(url(scenario.round, "/toan-bo"), data={"format": "xlsx"})
    assert response.headers["Location"].endswith(job.public_id)
    assert len(jobs()) == 1


@pytest.mark.commits
def test_a_stale_job_shows_as_failed_and_can_be_requested_again(organizer_client, scenario):
    stale = add_job(scenario, status="running", age=timedelta(minutes=3))
    page = organizer_client.get(url(scenario.round, f"/{stale.public_id}")).get_data(as_text=True)
    assert "bị gián đoạn" in page and 'http-equiv="refresh"' not in page
    organizer_client.post(url(scenario.round, "/toan-bo"), data={"format": "xlsx"})
    assert [job.status for job in jobs()] == ["running", "done"]


def test_another_rounds_job_or_an_unknown_id_is_not_found(organizer_client, scenario, make_round):
    other = add_job(scenario, status="done", round_=make_round(number=2))
    for path in (f"/{other.public_id}", f"/{other.public_id}/tai-ve", "/khong-co", "/khong-co/tai-ve"):
        assert organizer_client.get(url(scenario.round, path)).status_code == 404, path


@pytest.mark.commits
def test_a_failed_export_is_recorded_as_failed(organizer_client, scenario, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("đĩa đầy")
    monkeypatch.setattr("contest.reports.services.jobs.write_round_export", broken)
    organizer_client.post(url(scenario.round, "/toan-bo"), data={"format": "xlsx"})
    [job] = jobs()
    assert job.status == "failed" and "đĩa đầy" in job.error
    page = organizer_client.get(url(scenario.round, f"/{job.public_id}")).get_data(as_text=True)
    assert "Không tạo được tệp xuất" in page and "Yêu cầu xuất lại" in page


# --- direct downloads -----------------------------------------------------------

def test_winners_download_is_audited(organizer_client, scenario):
    response = organizer_client.get(url(scenario.round, "/dat-giai.xlsx"))
    assert response.status_code == 200
    assert "filename=dot-1-dat-giai.xlsx" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet.title == "Đạt giải" and sheet["H2"].value == "0912345671"
    assert actions()[-1] == "export.winners"


def test_report_download_is_audited(organizer_client, scenario):
    response = organizer_client.get(url(scenario.round, "/bao-cao.docx"))
    assert response.status_code == 200 and response.data.startswith(b"PK")
    assert "filename=dot-1-bao-cao.docx" in response.headers["Content-Disposition"]
    assert actions()[-1] == "export.report"


# --- command line ------------------------------------------------------------------

def test_cli_export_writes_the_file_and_is_audited(runner, scenario, tmp_path):
    path = tmp_path / "dot-1.zip"
    result = runner.invoke(args=["export", str(scenario.round.id), "--format", "csv",
                                 "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert str(path) in result.output and "dòng" in result.output
    assert len(zipfile.ZipFile(path).namelist()) == 8
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "export.cli"))
    assert entry.actor_id is None and entry.details["format"] == "csv"


def test_cli_export_of_an_unknown_round_fails(runner, scenario):
    result = runner.invoke(args=["export", "999"])
    assert result.exit_code != 0 and "Không có đợt thi số 999" in result.output


@pytest.mark.commits
def test_outside_the_tests_the_export_runs_in_a_background_thread(organizer_client, scenario):
    organizer_client.application.config["EXPORTS_RUN_INLINE"] = False
    response = organizer_client.post(url(scenario.round, "/toan-bo"), data={"format": "csv"})
    assert response.status_code == 302
    for thread in threading.enumerate():
        if thread.name.startswith("export-"):
            thread.join(timeout=60)
    db.session.expire_all()
    [job] = jobs()
    assert job.status == "done" and job.rows_done > 4 and job.started_at is not None
    assert zipfile.is_zipfile(job.path)
