"""Built exports hold personal data: each file is deleted EXPORT_RETENTION_HOURS
(72 by default) after it was built — by `flask exports purge`, or as soon as an
organizer opens or asks for exports — and its download then answers 410."""
from pathlib import Path

import pytest

from contest.extensions import db
from tests.conftest import login
from tests.reports.test_export_pages import jobs, url

pytestmark = pytest.mark.commits  # every test builds an export job (engine.begin())
EXPIRED = "Đã hết hạn — tệp đã xóa"
GONE = "Tệp xuất này đã hết hạn và đã bị xóa khỏi máy chủ"


@pytest.fixture
def built(client, scenario):
    """An Excel export built by the organizer at 20/11/2026 11:00:10 (Hanoi time)."""
    login(client, scenario.organizer)
    client.post(url(scenario.round, "/toan-bo"), data={"format": "xlsx"})
    [job] = jobs()
    assert job.status == "done" and Path(job.path).is_file()
    return job


def download(client, scenario, job):
    return client.get(url(scenario.round, f"/{job.public_id}/tai-ve"))


def test_the_pages_say_when_the_file_will_be_deleted(client, scenario, built):
    for path in ("", f"/{built.public_id}"):
        page = client.get(url(scenario.round, path)).get_data(as_text=True)
        assert "23/11/2026 11:00" in page, path


def test_the_file_is_kept_until_its_retention_time(client, scenario, built, frozen):
    frozen.move(hours=71, minutes=59)
    assert client.get(url(scenario.round)).status_code == 200
    assert Path(built.path).is_file()
    assert download(client, scenario, built).status_code == 200


def test_after_its_retention_time_the_file_is_deleted_and_the_download_gone(
        client, scenario, built, frozen):
    path = Path(built.path)
    frozen.move(hours=72, seconds=1)
    page = client.get(url(scenario.round)).get_data(as_text=True)
    assert not path.exists()
    assert EXPIRED in page and "/tai-ve" not in page
    response = download(client, scenario, built)
    assert response.status_code == 410 and GONE in response.get_data(as_text=True)
    db.session.expire_all()
    assert (built.status, built.path) == ("done", None)
    job_page = client.get(url(scenario.round, f"/{built.public_id}")).get_data(as_text=True)
    assert EXPIRED in job_page and "Yêu cầu xuất lại" in job_page


def test_a_download_past_the_retention_time_is_refused_even_before_any_purge(
        client, scenario, built, frozen):
    path = Path(built.path)
    frozen.move(hours=73)
    response = download(client, scenario, built)
    assert response.status_code == 410 and GONE in response.get_data(as_text=True)
    assert not path.exists()


def test_asking_for_a_new_export_deletes_the_expired_ones(client, scenario, built, frozen):
    path = Path(built.path)
    frozen.move(hours=73)
    client.post(url(scenario.round, "/toan-bo"), data={"format": "csv"})
    assert not path.exists()
    old, new = jobs()
    assert old.expired and Path(new.path).is_file()


def test_the_retention_time_is_configured(app, client, scenario, built, frozen):
    app.config["EXPORT_RETENTION_HOURS"] = 1
    frozen.move(minutes=59)
    assert download(client, scenario, built).status_code == 200
    frozen.move(minutes=2)
    assert download(client, scenario, built).status_code == 410


def test_the_purge_command_deletes_only_expired_files(runner, scenario, built, frozen):
    result = runner.invoke(args=["exports", "purge"])
    assert result.exit_code == 0 and "Đã xóa 0 tệp xuất quá hạn" in result.output
    path = Path(built.path)
    assert path.is_file()
    frozen.move(hours=72, seconds=1)
    result = runner.invoke(args=["exports", "purge"])
    assert result.exit_code == 0, result.output
    assert built.public_id in result.output and "Đã xóa 1 tệp xuất quá hạn" in result.output
    assert not path.exists()
    db.session.expire_all()
    assert built.expired
