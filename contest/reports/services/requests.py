"""Handing out a round's exports: each download is audited (and committed)
before the file leaves the server."""
from io import RawIOBase
from pathlib import Path

from sqlalchemy import select

from contest.audit.services import record
from contest.contests.models import Round
from contest.errors import Conflict, DomainError, NotFound
from contest.extensions import db
from contest.lookups import found_or_404
from contest.reports.documents import report_docx
from contest.reports.models import ExportJob
from contest.reports.queries.round_report import build_round_report
from contest.reports.services import export_store
from contest.reports.services.exports import winners_workbook, write_round_export


class ExportNotReady(Conflict):
    message = "Tệp xuất chưa sẵn sàng. Vui lòng chờ quá trình xuất hoàn thành."


class ExportExpired(DomainError):
    status_code = 410
    message = ("Tệp xuất này đã hết hạn và đã bị xóa khỏi máy chủ vì chứa dữ liệu cá nhân. "
               "Vui lòng yêu cầu xuất lại.")


class ExportFileMissing(NotFound):
    message = "Tệp xuất không còn trên máy chủ. Vui lòng yêu cầu xuất lại."


def job_of_round(round_: Round, public_id: str) -> ExportJob:
    """The job, only if it belongs to this round (never trust an id from a URL)."""
    job = db.session.scalar(select(ExportJob).where(ExportJob.public_id == public_id))
    return found_or_404(job, "Không tìm thấy yêu cầu xuất dữ liệu.", round_id=round_.id)


def job_file(round_: Round, public_id: str, actor) -> tuple[ExportJob, Path | RawIOBase]:
    """The job and its file: a path on disk, or a reader of its parts in the database."""
    job = job_of_round(round_, public_id)
    if job.expired:
        raise ExportExpired()
    if job.status != "done":
        raise ExportNotReady()
    source = export_store.opened(job)
    if source is None:
        raise ExportFileMissing()
    _audited("export.download", actor, round_, job=job.public_id, format=job.format)
    return job, source


def winners_file(round_: Round, actor) -> bytes:
    data = winners_workbook(round_)
    _audited("export.winners", actor, round_, published=round_.results_published)
    return data


def report_file(round_: Round, actor) -> bytes:
    data = report_docx(build_round_report(round_))
    _audited("export.report", actor, round_, published=round_.results_published)
    return data


def export_to_path(round_: Round, fmt: str, path: str | Path, progress=None) -> int:
    """The command line's export: written synchronously, audited without an actor."""
    rows = write_round_export(round_, fmt, path, progress)
    _audited("export.cli", None, round_, format=fmt, rows=rows, path=str(path))
    return rows


def _audited(action: str, actor, round_: Round, **details) -> None:
    record(action, actor=actor, target=round_, **details)
