"""Errors the app logs, kept in the database for the organizer's live dashboard.

``install(app)`` attaches a handler to ``app.logger`` at ERROR: an unhandled
exception in a view (which Flask logs there before answering 500) ends up in
``logged_errors``. Rows are written on a connection of their own
(``engine.begin()``), never in the request's session, so a request that rolls
back keeps its error row and the row never commits half a request. Inside a
request the row is written when the request is torn down, after its transaction
ended: on SQLite a request that wrote holds the one write lock until then. The
handler swallows its own failures: a database that is down must not turn one
error into a loop of errors.

Retention: rows older than ``RETENTION`` are deleted on insert, once in
``PRUNE_EVERY`` inserts on average (a random draw, so several nodes need no
coordination).
"""
import logging
import random
import threading
from datetime import timedelta

from flask import Flask, g, has_request_context, request
from sqlalchemy import delete, insert

from contest.clock import now
from contest.database import SQLITE_BUSY_TIMEOUT_MS
from contest.extensions import db
from contest.monitoring.models import LoggedError

MAX_MESSAGE = 4_000
MAX_PATH = 300
MAX_LOGGER = 120
RETENTION = timedelta(days=7)
PRUNE_EVERY = 100
# On SQLite another request may hold the database's one write lock: wait for it
# only briefly, not the app's long busy timeout.
SQLITE_WAIT_MS = 500
PENDING = "_errors_to_log"


class DatabaseErrorHandler(logging.Handler):
    """Writes each record at ERROR or above as a ``LoggedError`` row."""

    def __init__(self, engine):
        super().__init__(level=logging.ERROR)
        self.engine = engine
        self._busy = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        self._quietly(self._keep, record)

    def write_pending(self, _error=None) -> None:
        """At the end of a request (after its transaction): write what it logged."""
        rows = g.pop(PENDING, None)
        if rows:
            self._quietly(self._write, rows)

    def _keep(self, record: logging.LogRecord) -> None:
        row = self._row(record)
        if has_request_context():
            g.setdefault(PENDING, []).append(row)
        else:
            self._write([row])

    def _quietly(self, action, argument) -> None:
        """Run ``action``, ignoring its failures and whatever it logs meanwhile."""
        if getattr(self._busy, "active", False):  # an error while writing an error
            return
        self._busy.active = True
        try:
            action(argument)
        except Exception:  # noqa: BLE001 — the error log must never raise or loop
            pass
        finally:
            self._busy.active = False

    def _row(self, record: logging.LogRecord) -> dict:
        return {
            "at": now(),
            "level": record.levelname[:16],
            "logger": record.name[:MAX_LOGGER],
            "message": self.format(record)[:MAX_MESSAGE],
            "path": request.path[:MAX_PATH] if has_request_context() else None,
        }

    def _write(self, rows: list[dict]) -> None:
        with self.engine.begin() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_WAIT_MS}")
            try:
                connection.execute(insert(LoggedError), rows)
                if random.random() < 1 / PRUNE_EVERY:
                    prune(connection)
            finally:
                if sqlite:
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")


def prune(connection) -> int:
    """Delete the rows older than the retention period; returns how many."""
    result = connection.execute(delete(LoggedError).where(LoggedError.at < now() - RETENTION))
    return result.rowcount


def install(app: Flask) -> DatabaseErrorHandler:
    """Attach the handler to ``app.logger``, replacing one an earlier app of the
    same name attached (the logger is shared by name)."""
    with app.app_context():
        engine = db.engine
    for handler in [h for h in app.logger.handlers if isinstance(h, DatabaseErrorHandler)]:
        app.logger.removeHandler(handler)
    handler = DatabaseErrorHandler(engine)
    handler.setFormatter(logging.Formatter("%(message)s"))
    app.logger.addHandler(handler)
    app.teardown_request(handler.write_pending)
    return handler
