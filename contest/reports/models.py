"""Full exports of a round, written in the background: one row per request,
its progress, and where the finished file is (on disk, or in ``export_files``)."""
from datetime import datetime, timedelta

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.models import User
from contest.clock import now
from contest.extensions import db
from contest.types import UTCDateTime, new_public_id

FORMATS = {"xlsx": "Excel (.xlsx)", "csv": "CSV (.zip)"}
# "expired" is shown, never stored: a job whose file was deleted (its retention
# time passed, or a person in it had their data erased) stays "done" with no path.
STATUSES = {"queued": "Đang chờ", "running": "Đang xuất", "done": "Hoàn thành", "failed": "Lỗi",
            "expired": "Đã hết hạn — tệp đã xóa"}
# A job in progress whose worker has not reported for this long is taken as
# dead (the worker restarted): it is shown as failed and may be requested again.
STALE_AFTER = timedelta(minutes=2)
# One still waiting on the queue has no heartbeat: taken as lost (no worker) after this long.
QUEUED_STALE_AFTER = timedelta(minutes=30)
STALE_MESSAGE = "Quá trình xuất bị gián đoạn (máy chủ đã khởi động lại). Vui lòng yêu cầu xuất lại."


class ExportJob(db.Model):
    __tablename__ = "export_jobs"
    __table_args__ = (
        CheckConstraint("format IN ('xlsx', 'csv')", name="format"),
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),
        Index("ix_export_jobs_round_created", "round_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=new_public_id)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    format: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    rows_done: Mapped[int] = mapped_column(default=0)
    rows_expected: Mapped[int | None]
    path: Mapped[str | None] = mapped_column(String(500))
    error: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requested_by: Mapped[User] = relationship()

    @property
    def in_progress(self) -> bool:
        return self.status in ("queued", "running") and not self.stale

    @property
    def stale(self) -> bool:
        if self.status not in ("queued", "running"):
            return False
        last_sign = self.heartbeat_at or self.created_at
        after = QUEUED_STALE_AFTER if self.status == "queued" else STALE_AFTER
        return last_sign is not None and now() - last_sign > after

    @property
    def expired(self) -> bool:
        """Built, then its file deleted (contest.reports.services.retention)."""
        return self.status == "done" and self.path is None

    @property
    def shown_status(self) -> str:
        """The status a reader sees: a stale job in progress is failed, a built
        one whose file was deleted is expired."""
        if self.expired:
            return "expired"
        return "failed" if self.stale else self.status

    @property
    def status_label(self) -> str:
        return STATUSES[self.shown_status]

    @property
    def format_label(self) -> str:
        return FORMATS[self.format]

    @property
    def percent(self) -> int:
        """Progress for the page: 100 once done, at most 99 before."""
        if self.status == "done":
            return 100
        if not self.rows_expected:
            return 0
        return min(99, self.rows_done * 100 // self.rows_expected)


class ExportFile(db.Model):
    """A finished export kept in the database, in parts of about 1 MiB
    (contest.reports.services.export_store), so that any app node hands it out
    without a shared filesystem; deleted with its retention time."""
    __tablename__ = "export_files"

    job_id: Mapped[int] = mapped_column(ForeignKey("export_jobs.id", ondelete="CASCADE"),
                                        primary_key=True)
    part: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)
