"""With Redis, exports and e-mail go through the job queue (RQ, contest/jobs.py):
the request only puts a task on the queue, a worker runs it, a failing task is
tried again, and a finished export is kept in the database, so another app node
with no shared filesystem hands out the same file. Without Redis the same
paths run in-process (the rest of tests/reports and tests/accounts)."""
import io
import os
import threading
import zipfile
from pathlib import Path

import pytest
from redis import Redis
from rq import SimpleWorker
from sqlalchemy import func, select

from contest import create_app, jobs
from contest.config import TestConfig
from contest.extensions import db
from contest.reports.models import ExportFile, ExportJob
from contest.reports.services import export_store
from tests.accounts.test_password_reset import ask_for_link, smtp_server  # noqa: F401
from tests.conftest import CSRFClient, login, require_or_skip
from tests.queries import count_queries
from tests.reports.test_export_pages import jobs as export_jobs
from tests.reports.test_export_pages import url

pytestmark = pytest.mark.commits  # the worker works on its own connections
ON_THE_QUEUE = {"JOBS_BACKEND": "rq", "EXPORTS_RUN_INLINE": False, "MAIL_SEND_INLINE": False,
                "EXPORT_STORAGE": "database", "JOBS_RETRY_INTERVALS": [0],
                "EXPORT_CHUNK_BYTES": 1024}


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        require_or_skip("the job queue tests need TEST_REDIS_URL")
    Redis.from_url(url).flushdb()
    yield url
    Redis.from_url(url).flushdb()


@pytest.fixture
def queued(export_app, redis_url):
    """The export app with its tasks on the Redis queue (retried at once)."""
    export_app.config.update(REDIS_URL=redis_url, **ON_THE_QUEUE)
    return export_app


def second_node(app, tmp_path, **settings):
    """Another app node on the same database and Redis, with its own EXPORT_DIR."""
    config = type("Config", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": app.config["REDIS_URL"], "EXPORT_DIR": str(tmp_path / "node-2"),
        **ON_THE_QUEUE, **settings})
    other = create_app(config)
    other.test_client_class = CSRFClient
    return other


def waiting(app) -> int:
    return jobs.queue(app).count


def parts_of(job) -> int:
    return db.session.scalar(select(func.count()).where(ExportFile.job_id == job.id))


def background_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith(("export-", "mail"))]


def request_export(client, scenario, fmt="csv"):
    login(client, scenario.organizer)
    response = client.post(url(scenario.round, "/toan-bo"), data={"format": fmt})
    assert response.status_code == 302
    return response


def job_of(response):
    [job] = export_jobs()
    assert response.headers["Location"].endswith(job.public_id)
    return job


def test_an_export_is_queued_built_by_the_worker_and_downloaded_from_another_node(
        queued, client, scenario, tmp_path):
    job = job_of(request_export(client, scenario))
    # The web process only queued it: nothing built, no thread.
    assert (job.status, waiting(queued), background_threads()) == ("queued", 1, [])
    page = client.get(url(scenario.round, f"/{job.public_id}")).get_data(as_text=True)
    assert "Đang chờ" in page and 'http-equiv="refresh"' in page

    jobs.worker(queued).work(burst=True)  # RQ's forking worker, as `flask jobs worker` runs it

    db.session.expire_all()
    assert (job.status, job.error, job.path) == ("done", None, f"export_files:{job.id}")
    assert job.rows_done > 4 and parts_of(job) > 1 and waiting(queued) == 0
    assert list(Path(queued.config["EXPORT_DIR"]).iterdir()) == []  # a work area only
    page = client.get(url(scenario.round, f"/{job.public_id}")).get_data(as_text=True)
    assert "Hoàn thành" in page and 'http-equiv="refresh"' not in page

    other = second_node(queued, tmp_path)
    with other.app_context():
        other_client = other.test_client()
        login(other_client, scenario.organizer)
        download = other_client.get(url(scenario.round, f"/{job.public_id}/tai-ve"))
        assert download.status_code == 200 and download.is_streamed
        archive = zipfile.ZipFile(io.BytesIO(download.get_data()))
        assert "02-xep-hang-ca-nhan.csv" in archive.namelist() and archive.testzip() is None
        db.session.remove()
    assert not Path(other.config["EXPORT_DIR"]).exists()


def test_a_failing_export_is_tried_again_then_shown_failed(queued, client, scenario,
                                                           monkeypatch):
    tries = []

    def broken(*args, **kwargs):
        tries.append(1)
        raise RuntimeError("ổ đĩa đầy")
    monkeypatch.setattr("contest.reports.services.jobs.write_round_export", broken)
    job = job_of(request_export(client, scenario, "xlsx"))

    jobs.worker(queued, SimpleWorker).work(burst=True)  # in this process: sees the patch

    assert len(tries) == 1 + jobs.RETRIES
    [task] = jobs.queue(queued).failed_job_registry.get_job_ids()
    assert task and waiting(queued) == 0
    db.session.expire_all()
    assert job.status == "failed" and "ổ đĩa đầy" in job.error and parts_of(job) == 0
    page = client.get(url(scenario.round, f"/{job.public_id}")).get_data(as_text=True)
    assert "Lỗi" in page and "Yêu cầu xuất lại" in page


def test_a_built_export_in_the_database_expires_with_its_retention_time(
        queued, client, runner, scenario, frozen):
    job = job_of(request_export(client, scenario, "xlsx"))
    jobs.worker(queued, SimpleWorker).work(burst=True)
    db.session.expire_all()
    assert job.status == "done" and parts_of(job) > 0
    frozen.move(hours=72, seconds=1)
    result = runner.invoke(args=["exports", "purge"])
    assert result.exit_code == 0 and "Đã xóa 1 tệp xuất quá hạn" in result.output
    db.session.expire_all()
    assert job.expired and parts_of(job) == 0
    assert client.get(url(scenario.round, f"/{job.public_id}/tai-ve")).status_code == 410


def test_a_mail_is_queued_and_sent_by_the_worker(app, redis_url, make_user, smtp_server,  # noqa: F811
                                                 tmp_path):
    host, port, inbox = smtp_server
    user = make_user(email="hoa@example.vn")
    other = second_node(app, tmp_path, REDIS_URL=redis_url, MAIL_BACKEND="smtp",
                        MAIL_SERVER=host, MAIL_PORT=port, MAIL_USE_TLS=False,
                        MAIL_DEFAULT_SENDER="thi-cchc@example.vn")
    with other.app_context():
        assert ask_for_link(other.test_client(), user.email).status_code == 302
        # The request sent nothing: the task waits on the queue for a worker.
        assert (waiting(other), background_threads(), inbox.messages) == (1, [], [])
        inbox.release.set()
        result = other.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
        assert result.exit_code == 0, result.output
        assert inbox.received.wait(10)
        db.session.remove()
    [message] = inbox.messages
    assert message["To"] == "hoa@example.vn" and "Đặt lại mật khẩu" in message["Subject"]
    assert user.full_name in message.get_content()


def test_a_file_in_the_database_is_read_one_part_at_a_time(export_app, scenario, tmp_path):
    """A download of tens of MB never holds more than one part (1 MiB) in memory."""
    export_app.config.update(EXPORT_STORAGE="database", EXPORT_CHUNK_BYTES=1024)
    job = ExportJob(round_id=scenario.round.id, format="csv", status="running",
                    requested_by_id=scenario.organizer.id)
    db.session.add(job)
    db.session.commit()
    built, content = tmp_path / "built.zip", os.urandom(2500)
    built.write_bytes(content)
    assert export_store.keep(job.id, built, status="done") and not built.exists()
    db.session.expire_all()
    reader = export_store.opened(job)
    with count_queries() as statements:
        first = reader.read(100)
    assert len(statements) == 1 and (reader.parts, len(reader.buffer)) == (3, 1024 - 100)
    assert first + reader.read() == content
