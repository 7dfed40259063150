"""Database engine settings: SQLite in WAL mode with a busy timeout (on the
replica's engine too, when there is one)."""
from flask import Flask
from sqlalchemy import event

from contest.extensions import db
from contest.replica import replica_engine

SQLITE_BUSY_TIMEOUT_MS = 15_000


def configure_engine_events(app: Flask) -> None:
    with app.app_context():
        engines = [db.engine, replica_engine()]
    for engine in engines:
        if engine is not None and engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()
