"""Export files hold personal data (names, phones, dates of birth), so they are
kept only ``EXPORT_RETENTION_HOURS`` after they are built, and deleted at once
when the data of a person in them is erased.

A deleted file's job stays "done" with no path (shown as expired): who asked
for which export, and when, stays on record. Expiry runs from cron (``flask
exports purge``) and whenever an organizer opens or requests exports, so a
file past its time is never handed out even if cron does not run.
"""
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from contest.caching import results_changed
from contest.clock import now
from contest.extensions import db
from contest.quiz.models import Attempt
from contest.reports.models import ExportJob
from contest.reports.services import export_store

ERASED_WHILE_RUNNING = ("Dữ liệu cá nhân của một người trong đợt thi đã được xóa trong khi "
                        "xuất: tệp không được giữ lại. Vui lòng yêu cầu xuất lại.")


def retention_period() -> timedelta:
    return timedelta(hours=current_app.config["EXPORT_RETENTION_HOURS"])


def expires_at(job: ExportJob) -> datetime | None:
    """When the job's file will be deleted; None if it has no file."""
    if job.status != "done" or job.path is None or job.finished_at is None:
        return None
    return job.finished_at + retention_period()


def purge_expired_exports() -> list[ExportJob]:
    """Delete every file past its retention time and mark its job expired
    (committed); returns those jobs. One indexed query when nothing is due."""
    due = list(db.session.scalars(select(ExportJob).where(
        ExportJob.status == "done", ExportJob.path.is_not(None),
        ExportJob.finished_at <= now() - retention_period()).order_by(ExportJob.id)))
    _delete_files(due)
    return due


def forget_exports_of(user_ids: list[int]) -> None:
    """Delete every built export of a round where one of ``user_ids`` has an
    attempt, stop keeping one being built, and drop the cached result pages
    (they show names), in the caller's transaction.

    Jobs in progress are marked failed first: on PostgreSQL that update holds
    their rows, so a worker finishing meanwhile finds its job no longer running
    and does not keep its file (``export_store.keep``)."""
    rounds = select(Attempt.round_id).where(Attempt.user_id.in_(user_ids)).distinct()
    db.session.execute(update(ExportJob).where(
        ExportJob.round_id.in_(rounds), ExportJob.status.in_(("queued", "running")))
        .values(status="failed", error=ERASED_WHILE_RUNNING, finished_at=now()))
    _delete_files(list(db.session.scalars(select(ExportJob).where(
        ExportJob.round_id.in_(rounds), ExportJob.status == "done",
        ExportJob.path.is_not(None)))))
    db.session.flush()
    results_changed()  # cleared when the erasure commits


def _delete_files(jobs) -> None:
    """Deleted before the caller commits: if the commit fails, a file on disk is
    gone anyway (the download then says so), never kept by mistake; one in the
    database stays with its job, as it was."""
    export_store.discard(jobs)
