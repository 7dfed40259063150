"""PostgreSQL standbys for the tests (scripts/pg-standby): where they are, and
waiting for one to replay what its primary wrote (by WAL position, never by a
blind sleep).

``TEST_STANDBY_URL`` names a streaming standby of ``TEST_DATABASE_URL``'s cluster
(``.ci/run`` makes it with ``scripts/pg-standby create``); physical replication
copies every database, so the standby of any test database is that URL's host,
port and credentials with the test database's name.
"""
import os
import time

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from contest.config import normalize_database_url

STANDBY_ENV = "TEST_STANDBY_URL"
REPLAY_TIMEOUT_SECONDS = 30  # a limit on waiting, not a measure: replay takes milliseconds


def standby_of(primary_url: str) -> str | None:
    """The standby's URL for the primary's database; None without a standby."""
    standby = os.environ.get(STANDBY_ENV)
    if not standby:
        return None
    database = make_url(normalize_database_url(primary_url)).database
    url = make_url(normalize_database_url(standby)).set(database=database)
    return url.render_as_string(hide_password=False)


def current_lsn(primary: Engine) -> str:
    with primary.connect() as connection:
        return connection.scalar(text("SELECT pg_current_wal_lsn()::text"))


def wait_for_replay(standby: Engine, lsn: str) -> None:
    """Return once the standby has replayed the WAL up to ``lsn``."""
    query = text("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), CAST(:lsn AS pg_lsn)) >= 0")
    give_up = time.monotonic() + REPLAY_TIMEOUT_SECONDS
    with standby.connect() as connection:
        while not connection.scalar(query, {"lsn": lsn}):
            assert time.monotonic() < give_up, f"the standby did not replay up to {lsn}"
            time.sleep(0.02)
            connection.rollback()


def caught_up(primary: Engine, standby: Engine) -> None:
    """Everything committed on the primary so far is visible on the standby."""
    wait_for_replay(standby, current_lsn(primary))


def set_replay_paused(standby: Engine, paused: bool) -> None:
    """Pause (or resume) the standby's replay. Once a pause is requested the
    startup process applies no further record, so nothing written after this
    call reaches the standby's readers until it is resumed."""
    with standby.connect() as connection:
        connection.execute(text("SELECT pg_wal_replay_pause()" if paused
                                else "SELECT pg_wal_replay_resume()"))
        state = connection.scalar(text("SELECT pg_get_wal_replay_pause_state()"))
    assert (state != "not paused") == paused, f"replay pause state: {state}"
