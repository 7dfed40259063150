"""Erasing a person's data (a deletion request carried out, or `flask privacy
anonymise`) deletes at once the built export files of every round they took
part in, and the cached result pages; an export of a round without them stays."""
from datetime import timedelta
from pathlib import Path

import pytest

from contest.extensions import cache, db
from contest.privacy.services.erasure import erase_personal_data
from contest.privacy.models import DeletionRequest
from contest.privacy.services.requests import request_deletion
from contest.reports.services.exports import write_round_export
from contest.reports.services.jobs import export_path, request_export, run_job
from contest.transactions import unit_of_work
from contest.reports.models import ExportJob
from tests.conftest import login
from tests.rankings.conftest import results_cached  # noqa: F401  (fixture)
from tests.reports.test_export_pages import url

CARRY_OUT = "/quan-tri/du-lieu-ca-nhan/yeu-cau-xoa/{}/thuc-hien"
GONE = "Tệp xuất này đã hết hạn và đã bị xóa khỏi máy chủ"


@pytest.fixture
def other_round(make_round):
    """A second round nobody took part in."""
    return make_round(number=2, closes_in=timedelta(days=7))


@pytest.fixture
def mine(scenario):
    """A built export of the scenario's round (An took part)."""
    return requested_export(scenario.round, scenario.organizer)


@pytest.fixture
def exports(mine, scenario, other_round):
    """That export, and a built one of the other round."""
    return [mine, requested_export(other_round, scenario.organizer)]


def requested_export(round_, organizer):
    """An export asked for as the organizer's request does: built once it commits."""
    with unit_of_work():
        job = request_export(round_, "xlsx", organizer)
    return job


def carry_out_request_of(client, scenario, person):
    request, _ = request_deletion(person, "Tôi là Nguyễn Văn An, 0912345671")
    login(client, scenario.organizer)
    response = client.post(CARRY_OUT.format(request.id), data={"confirm": "y"})
    assert response.status_code == 302


@pytest.mark.commits
def test_a_deletion_carried_out_deletes_the_exports_of_the_persons_rounds(
        client, scenario, exports, other_round):
    mine, other = exports
    mine_path, other_path = Path(mine.path), Path(other.path)
    carry_out_request_of(client, scenario, scenario.people["an"])
    assert not mine_path.exists()
    response = client.get(url(scenario.round, f"/{mine.public_id}/tai-ve"))
    assert response.status_code == 410 and GONE in response.get_data(as_text=True)
    assert "Đã hết hạn — tệp đã xóa" in client.get(url(scenario.round)).get_data(as_text=True)
    assert other_path.is_file()
    assert client.get(url(other_round, f"/{other.public_id}/tai-ve")).status_code == 200


@pytest.mark.commits
def test_anonymising_a_contest_deletes_its_exports(runner, client, scenario, mine):
    path = Path(mine.path)
    result = runner.invoke(args=["privacy", "anonymise", "--contest",
                                 str(scenario.round.contest_id), "--older-than-days", "0"])
    assert result.exit_code == 0, result.output
    assert not path.exists()
    login(client, scenario.organizer)
    assert client.get(url(scenario.round, f"/{mine.public_id}/tai-ve")).status_code == 410


@pytest.mark.commits
def test_an_export_queued_before_an_erasure_is_never_built(client, scenario):
    job = ExportJob(round_id=scenario.round.id, format="xlsx",
                    requested_by_id=scenario.organizer.id)
    db.session.add(job)
    db.session.commit()
    carry_out_request_of(client, scenario, scenario.people["an"])
    run_job(job.id)  # the worker starts after the erasure
    db.session.expire_all()
    assert job.status == "failed" and job.path is None and not export_path(job).exists()
    page = client.get(url(scenario.round, f"/{job.public_id}")).get_data(as_text=True)
    assert "đã được xóa trong khi xuất" in page


@pytest.mark.commits
def test_an_export_being_built_during_an_erasure_is_not_kept(client, scenario, monkeypatch):
    def erase_while_writing(*args, **kwargs):
        rows = write_round_export(*args, **kwargs)
        erase_personal_data([scenario.people["an"].id])
        db.session.commit()
        return rows
    monkeypatch.setattr("contest.reports.services.jobs.write_round_export", erase_while_writing)
    job = requested_export(scenario.round, scenario.organizer)
    assert job.status == "failed" and job.path is None and not export_path(job).exists()


def test_a_deletion_drops_the_cached_result_pages(client, scenario, results_cached):  # noqa: F811
    cache.set("round-page:1:x", "Nguyễn Văn An")
    carry_out_request_of(client, scenario, scenario.people["an"])
    assert cache.get("round-page:1:x") is None
    assert db.session.query(DeletionRequest).one().carried_out_at is not None


def test_an_erasure_rolled_back_keeps_the_cached_pages_and_a_commit_drops_them(
        scenario, results_cached):  # noqa: F811
    """The cached pages go only once the erasure is committed: never before the
    commit (a page could be cached again from the rows still there) and never
    for an erasure that is rolled back."""
    an = scenario.people["an"].id
    cache.set("round-page:1:x", "Nguyễn Văn An")
    erase_personal_data([an])
    assert cache.get("round-page:1:x") == "Nguyễn Văn An", "not before the commit"
    db.session.rollback()
    assert cache.get("round-page:1:x") == "Nguyễn Văn An", "nothing changed, nothing cleared"
    db.session.commit()
    assert cache.get("round-page:1:x") == "Nguyễn Văn An", "the rollback took the mark with it"
    erase_personal_data([an])
    db.session.commit()
    assert cache.get("round-page:1:x") is None
