"""Full exports of a round in the background, so a large round never holds a
web worker: the request creates the job (audited in the same transaction) and
a background task (``contest.jobs``: the RQ worker, or a thread without Redis)
writes the file.

The task reads the round through its own session (the ranking streamed from
one cursor) and reports progress on separate short transactions, so the
progress page sees it at once and the cursor is never interrupted. The file
is built under a temporary name, then kept (``export_store``: in the database
or in ``EXPORT_DIR``) in the transaction that marks the job done. A task that
fails is tried again by the queue (the job shows "queued" meanwhile) and
failed after its last try; a worker that dies leaves a job whose heartbeat
stops: the queue runs it again, and after ``STALE_AFTER`` without news it
shows as failed and can be requested again.

With ``EXPORTS_RUN_INLINE`` (the tests) the job runs in the request itself.
"""
import logging
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update

from contest import jobs
from contest.audit.services import record
from contest.clock import now
from contest.contests.models import Round
from contest.errors import DomainError
from contest.extensions import db
from contest.replica import on_replica
from contest.reports.models import FORMATS, ExportJob
from contest.reports.queries.tables import expected_rows
from contest.reports.services import export_store
from contest.reports.services.exports import write_round_export
from contest.transactions import after_commit, unit_of_work

log = logging.getLogger(__name__)
MAX_ERROR = 1000
RECENT_JOBS = 10


class BadExportFormat(DomainError):
    status_code = 400
    message = "Định dạng xuất không hợp lệ. Hãy chọn Excel (.xlsx) hoặc CSV (.zip)."


def request_export(round_: Round, fmt: str, actor) -> ExportJob:
    """The job exporting ``round_`` as ``fmt``: one already under way, or a new one."""
    if fmt not in FORMATS:
        raise BadExportFormat()
    job = fresh_job(round_, fmt)
    if job is None:
        job = _create_job(round_, fmt, actor)
        _start(job)  # after the commit: the worker must find the job's row
    return job


def fresh_job(round_: Round, fmt: str) -> ExportJob | None:
    under_way = db.session.scalars(select(ExportJob).where(
        ExportJob.round_id == round_.id, ExportJob.format == fmt,
        ExportJob.status.in_(("queued", "running"))).order_by(ExportJob.id.desc()))
    return next((job for job in under_way if not job.stale), None)


def recent_jobs(round_: Round, limit: int = RECENT_JOBS) -> list[ExportJob]:
    return list(db.session.scalars(select(ExportJob).where(ExportJob.round_id == round_.id)
                                   .order_by(ExportJob.id.desc()).limit(limit)))


def export_path(job: ExportJob) -> Path:
    """Where the job's file is built (and kept, with ``EXPORT_STORAGE = "directory"``)."""
    return export_store.build_path(job)


def _create_job(round_: Round, fmt: str, actor) -> ExportJob:
    at = now()
    job = ExportJob(round_id=round_.id, format=fmt, requested_by_id=actor.id,
                    rows_expected=expected_rows(round_), created_at=at, heartbeat_at=at)
    db.session.add(job)
    db.session.flush()
    record("export.request", actor=actor, target=round_, job=job.public_id, format=fmt)
    return job


def _start(job: ExportJob) -> None:
    if current_app.config.get("EXPORTS_RUN_INLINE"):
        after_commit(lambda: _run_inline(job))
    else:
        jobs.enqueue(run_job, job.id, description=f"export-{job.public_id}")


def _run_inline(job: ExportJob) -> None:
    run_job(job.id)
    db.session.refresh(job)


def run_job(job_id: int) -> None:
    """Write the job's file, reporting progress; mark it done or failed (or,
    when the queue will try again, queued, raising the error for it)."""
    job = db.session.get(ExportJob, job_id)
    round_ = db.session.get(Round, job.round_id)
    public_id, final = job.public_id, export_path(job)
    partial = final.with_name(final.name + ".part")
    if not _move(job_id, ("queued", "running"), status="running", started_at=now(),
                 heartbeat_at=now(), error=None):
        return  # no longer queued: a person in the round had their data erased
    try:
        with unit_of_work():  # reads only; a failure leaves the session usable
            final.parent.mkdir(parents=True, exist_ok=True)
            with on_replica():
                rows = write_round_export(round_, job.format, partial, progress=_reporter(job_id))
        partial.replace(final)
    except Exception as error:  # whatever broke, the job must end as failed
        log.exception("export %s failed", public_id)
        partial.unlink(missing_ok=True)
        _failed(job_id, f"{type(error).__name__}: {error}"[:MAX_ERROR])
        return
    # Erased meanwhile: the file may hold that person, so it is not kept.
    export_store.keep(job_id, final, status="done", rows_done=rows, finished_at=now(),
                      heartbeat_at=now())


def _failed(job_id: int, error: str) -> None:
    """Failed for good, or queued again when the queue will try again; on the
    queue the error is raised, so it retries or keeps the task among its failed."""
    retrying = jobs.will_retry()
    final = {} if retrying else {"finished_at": now()}
    _move(job_id, ("running",), status="queued" if retrying else "failed", error=error,
          heartbeat_at=now(), **final)
    if jobs.on_queue():
        raise ExportFailed(error)


class ExportFailed(Exception):
    """A try of an export failed (the queue's record of it)."""


def _reporter(job_id: int):
    def report(rows: int) -> None:
        _set(job_id, rows_done=rows, heartbeat_at=now())
    return report


def _move(job_id: int, from_statuses: tuple[str, ...], **values) -> bool:
    """Update the job only if it is still in one of ``from_statuses`` (erasing a
    person's data stops the jobs of their rounds: contest.reports.services.retention)."""
    with db.engine.begin() as connection:
        return connection.execute(update(ExportJob).where(
            ExportJob.id == job_id, ExportJob.status.in_(from_statuses))
            .values(**values)).rowcount == 1


def _set(job_id: int, **values) -> None:
    """Update the job on its own short transaction (not the reading session's)."""
    with db.engine.begin() as connection:
        connection.execute(update(ExportJob).where(ExportJob.id == job_id).values(**values))
