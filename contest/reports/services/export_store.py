"""Where a finished export is kept, by ``EXPORT_STORAGE``:

- ``"database"`` (with the job queue, several app nodes): its bytes in
  ``export_files``, in parts of ``CHUNK_BYTES`` (``EXPORT_CHUNK_BYTES``), so any node hands it out
  without a shared filesystem; a download reads one part at a time. The job's
  ``path`` is then ``export_files:<job id>``.
- ``"directory"`` (one node, the demo): the file in ``EXPORT_DIR``, its path.

Either way the file is built under ``EXPORT_DIR`` first (the work area), and
kept in the same transaction that marks its job done, only if the job is still
running (erasing a person's data stops the jobs of their rounds).
"""
import io
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from contest.extensions import db
from contest.reports.models import ExportFile, ExportJob
from contest.reports.services.exports import EXTENSIONS

CHUNK_BYTES = 1024 * 1024
IN_DATABASE = "export_files:"


def build_path(job: ExportJob) -> Path:
    """Where the job's file is written while it is built (its final place on disk)."""
    return Path(current_app.config["EXPORT_DIR"]) / f"{job.public_id}.{EXTENSIONS[job.format]}"


def keep(job_id: int, built: Path, **done) -> bool:
    """Keep the file built at ``built`` and set the job to ``done`` values, in
    one transaction, if the job is still running; False (nothing kept) if not."""
    to_database = current_app.config["EXPORT_STORAGE"] == "database"
    with db.engine.begin() as connection:
        if to_database:
            _write_parts(connection, job_id, built)
        path = f"{IN_DATABASE}{job_id}" if to_database else str(built)
        kept = connection.execute(update(ExportJob).where(
            ExportJob.id == job_id, ExportJob.status == "running")
            .values(path=path, **done)).rowcount == 1
        if not kept:
            connection.rollback()
    if to_database or not kept:
        built.unlink(missing_ok=True)
    return kept


def opened(job: ExportJob) -> Path | io.RawIOBase | None:
    """The job's file to send: its path on disk, or a reader of its parts; None if gone."""
    if not (job.path or "").startswith(IN_DATABASE):
        path = Path(job.path or "")
        return path if path.is_file() else None
    parts = db.session.scalar(select(func.count()).where(ExportFile.job_id == job.id))
    return PartsReader(db.engine, job.id, parts) if parts else None


def discard(jobs) -> None:
    """Delete the jobs' files (in the caller's transaction for the database's)."""
    ids = [job.id for job in jobs if (job.path or "").startswith(IN_DATABASE)]
    if ids:
        db.session.execute(delete(ExportFile).where(ExportFile.job_id.in_(ids)))
    for job in jobs:
        if not (job.path or "").startswith(IN_DATABASE):
            Path(job.path).unlink(missing_ok=True)
        job.path = None


def _write_parts(connection: Connection, job_id: int, built: Path) -> None:
    with built.open("rb") as file:
        size = current_app.config.get("EXPORT_CHUNK_BYTES", CHUNK_BYTES)
        for part, data in enumerate(iter(lambda: file.read(size), b"")):
            connection.execute(insert(ExportFile).values(job_id=job_id, part=part, data=data))


class PartsReader(io.RawIOBase):
    """A file in ``export_files`` read part by part, each on a short query of its
    own (the download may outlast the request's session): at most one part in memory."""

    def __init__(self, engine: Engine, job_id: int, parts: int):
        super().__init__()
        self.engine, self.job_id, self.parts = engine, job_id, parts
        self.next_part, self.buffer = 0, memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if not self.buffer and self.next_part < self.parts:
            self.buffer = memoryview(self._read_part(self.next_part))
            self.next_part += 1
        size = min(len(target), len(self.buffer))
        target[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        return size

    def _read_part(self, part: int) -> bytes:
        with self.engine.connect() as connection:
            data = connection.scalar(select(ExportFile.data).where(
                ExportFile.job_id == self.job_id, ExportFile.part == part))
        if data is None:  # deleted meanwhile (erasure, retention): never a truncated file
            raise OSError(f"export file {self.job_id}: part {part} deleted during the download")
        return bytes(data)
