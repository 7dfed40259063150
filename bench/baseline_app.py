"""The bare Flask baselines: the smallest apps a benchmark compares the real
pages and saves with, served by the same gunicorn settings.

- ``POST /save``: reads a JSON body and answers JSON (no database).
- ``GET /page``: a tiny HTML page.
- ``POST /upsert``: reads a JSON body and upserts one row in the benchmark's own
  database (``DATABASE_URL``: the same database as the app, the same SQLite
  pragmas or the same pre-pinged PostgreSQL pool), then commits. What an answer's
  save would cost with no rules at all.
"""
import os

from flask import Flask, jsonify, request
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, event, func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

app = Flask(__name__)
metadata = MetaData()
rows = Table("bench_baseline_rows", metadata,
             Column("key", String(64), primary_key=True), Column("choice", Integer),
             Column("saved_at", DateTime(timezone=True)))
_engine = None


def make_engine(url: str):
    from contest.config import normalize_database_url
    from contest.database import _sqlite_pragmas
    made = create_engine(normalize_database_url(url), pool_pre_ping=True)
    if made.dialect.name == "sqlite":
        event.listen(made, "connect", _sqlite_pragmas)
    return made


def create_rows_table(url: str) -> None:
    """Made by the benchmark before the servers start (not by racing workers)."""
    made = make_engine(url)
    metadata.drop_all(made)
    metadata.create_all(made)
    made.dispose()


def engine():
    global _engine
    if _engine is None:
        _engine = make_engine(os.environ["DATABASE_URL"])
    return _engine


@app.post("/save")
def save():
    payload = request.get_json(silent=True) or {}
    return jsonify(ok=True, position=payload.get("position"))


@app.get("/page")
def page():
    return "<!doctype html><meta charset=utf-8><title>x</title><p>ok</p>"


@app.post("/upsert")
def upsert():
    payload = request.get_json(silent=True) or {}
    database = engine()
    insert = pg_insert if database.dialect.name == "postgresql" else sqlite_insert
    statement = insert(rows).values(key=str(payload.get("key")), choice=payload.get("choice"),
                                    saved_at=func.now())
    statement = statement.on_conflict_do_update(
        index_elements=[rows.c.key], set_={"choice": statement.excluded.choice,
                                           "saved_at": statement.excluded.saved_at})
    with database.begin() as connection:
        connection.execute(statement)
    return jsonify(ok=True)
