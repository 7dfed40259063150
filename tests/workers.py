"""The suite runs on as many worker processes as the machine has cores
(pytest-xdist, ``-n auto`` in pytest.ini). Each worker gets its own PostgreSQL
database, Redis database and export folder, so two tests running at the same
moment never see each other's rows, login counters or files. SQLite files are
already apart (each worker has its own ``tmp_path`` base)."""
import os
import re
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from contest.config import TestConfig, normalize_database_url

REDIS_DATABASES = 16


def worker_number() -> int | None:
    """0, 1, … on an xdist worker; None when the suite runs in one process."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "")
    match = re.fullmatch(r"gw(\d+)", name)
    return int(match.group(1)) if match else None


def isolate_worker() -> None:
    number = worker_number()
    if number is None:
        return
    TestConfig.EXPORT_DIR = str(Path(tempfile.gettempdir()) / f"cchc-test-exports-gw{number}")
    if os.environ.get("TEST_REDIS_URL"):
        os.environ["TEST_REDIS_URL"] = _redis_of_worker(os.environ["TEST_REDIS_URL"], number)
    if os.environ.get("TEST_DATABASE_URL"):
        os.environ["TEST_DATABASE_URL"] = _fresh_database_of_worker(
            os.environ["TEST_DATABASE_URL"], number)


def _redis_of_worker(url: str, number: int) -> str:
    base, _, index = url.rstrip("/").rpartition("/")
    if not index.isdigit():
        return f"{url.rstrip('/')}/{number % REDIS_DATABASES}"
    return f"{base}/{(int(index) + number) % REDIS_DATABASES}"


def _fresh_database_of_worker(url: str, number: int) -> str:
    """``<database>_gw<n>`` beside the given one, created empty for this run (a
    left-over one may hold tables of an older schema)."""
    given = make_url(normalize_database_url(url))
    name = f"{given.database}_gw{number}"
    engine = create_engine(given, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return given.set(database=name).render_as_string(hide_password=False)
