"""The failover drill: a primary and a synchronous standby of their own (made with
scripts/pg-standby on ports 5434/5435, never the suite's cluster), a contestant
saving answers through the app while the primary is stopped (-m immediate, a
crash) and the standby promoted. Checks: every acknowledged answer is on the new
primary, and the same engine (DATABASE_URL naming both hosts, target_session_attrs
=read-write, pool_pre_ping) saves again by itself, without a restart. How long
saves failed is printed (`-s`); docs/deploy.md keeps the figures."""
import os
import pwd
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select, text

from contest import create_app
from contest.config import TestConfig, normalize_database_url
from contest.extensions import db
from contest.quiz.models import AttemptItem
from contest.quiz.services.saving import option_at
from tests.conftest import CSRFClient, require_or_skip
from tests.quiz.helpers import start
from tests.standby import STANDBY_ENV

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "pg-standby"
PRIMARY, STANDBY = ("drill_primary", 5434), ("drill_standby", 5435)
DATABASE = "contest_drill"
QUESTIONS = 20
ACKED_BEFORE_CRASH = 40  # saves acknowledged before the primary is stopped
ACKED_AFTER_PROMOTION = 20
GIVE_UP_SECONDS = 60  # a limit on waiting, not a measure
# DATABASE_URL as docs/deploy.md writes it: libpq's list of hosts, the primary wanted.
DRILL_URL = (f"postgresql://postgres:postgres@127.0.0.1:{PRIMARY[1]},127.0.0.1:{STANDBY[1]}"
             f"/{DATABASE}?target_session_attrs=read-write&connect_timeout=3")


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=GIVE_UP_SECONDS)


def _version() -> str:
    return os.environ.get("PG_VERSION") or max(os.listdir("/etc/postgresql"), key=float)


def _drop_clusters() -> None:
    for name, _ in (STANDBY, PRIMARY):
        if Path(f"/etc/postgresql/{_version()}/{name}/postgresql.conf").exists():
            subprocess.run(["pg_ctlcluster", _version(), name, "stop", "-m", "immediate"],
                           check=False, capture_output=True, timeout=GIVE_UP_SECONDS)  # down: fine
            _run("pg_dropcluster", _version(), name)
    # the replication password scripts/pg-standby keeps for the primary
    Path(pwd.getpwnam("postgres").pw_dir, f"replication-password-{_version()}-{PRIMARY[0]}"
         ).unlink(missing_ok=True)


def _as_postgres_sql(sql: str) -> None:
    _run("runuser", "-u", "postgres", "--", "psql", "--cluster", f"{_version()}/{PRIMARY[0]}",
         "-d", "postgres", "-Xq", "-v", "ON_ERROR_STOP=1", "-c", sql)


@pytest.fixture(scope="module")
def drill_pair():
    """A fresh primary with a synchronous standby (synchronous_commit = on), dropped afterwards."""
    if not os.environ.get(STANDBY_ENV):
        require_or_skip(f"the failover drill needs {STANDBY_ENV} (scripts/pg-standby works here)")
    if os.geteuid() != 0 or not shutil.which("pg_createcluster"):
        require_or_skip("the failover drill makes PostgreSQL clusters: root and Debian's "
                        "postgresql-common needed")
    _drop_clusters()
    try:
        _run("pg_createcluster", "-q", "-p", str(PRIMARY[1]), "--start", _version(), PRIMARY[0],
             "--", "--no-sync")  # a cluster for a minute: its initdb need not reach the disk
        _as_postgres_sql("ALTER USER postgres PASSWORD 'postgres'")
        _as_postgres_sql(f"CREATE DATABASE {DATABASE}")
        _run(str(SCRIPT), "create", "--primary", PRIMARY[0], "--standby", STANDBY[0],
             "--port", str(STANDBY[1]), "--sync", "on")
        yield
    finally:
        _drop_clusters()


@pytest.fixture
def app(drill_pair):
    """Overrides the suite's ``app``: the drill pair's database through the multi-host URL;
    the factories (make_user, make_round, …) and ``logged_in`` use it."""
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = normalize_database_url(DRILL_URL)
        PROPAGATE_EXCEPTIONS = False  # a failed save answers 500, as in production

    app = create_app(Config)
    app.test_client_class = CSRFClient
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@dataclass
class Try:
    position: int
    choice: int
    at: float
    acked: bool


class Contestant(threading.Thread):
    """Saves answers one after another, as fast as they are acknowledged: position
    1..QUESTIONS in turn, a different choice on each pass."""

    def __init__(self, client, public_id: str):
        super().__init__(daemon=True)
        self.client, self.url = client, f"/api/bai-thi/{public_id}/tra-loi"
        self.tries: list[Try] = []
        self.done = threading.Event()

    def run(self) -> None:
        number = 0
        while not self.done.is_set():
            position, choice = number % QUESTIONS + 1, number // QUESTIONS % 4
            try:
                response = self.client.post(self.url, json={"position": position, "choice": choice})
                acked = response.status_code == 200
            except Exception:  # noqa: BLE001 - any failure is a failed save here
                acked = False
            self.tries.append(Try(position, choice, time.monotonic(), acked))
            number += 1
            if not acked:
                time.sleep(0.01)  # a phone sends again what was not acknowledged

    def acked_after(self, moment: float) -> int:
        return sum(1 for tried in list(self.tries) if tried.acked and tried.at > moment)

    def wait_for_acks(self, count: int, after: float = 0.0) -> None:
        give_up = time.monotonic() + GIVE_UP_SECONDS
        while self.acked_after(after) < count:
            assert self.is_alive() and time.monotonic() < give_up, "saves did not resume"
            time.sleep(0.01)


def _sync_state() -> str:
    with db.engine.connect() as connection:
        return connection.scalar(text("SELECT string_agg(sync_state, ',') FROM pg_stat_replication"))


def _allowed_choices(tries: list[Try], position: int) -> set[int]:
    """The choice of the last acknowledged save at ``position``, or of any save tried
    after it (a commit may succeed while its answer is lost on the way back)."""
    at_position = [tried for tried in tries if tried.position == position]
    last = max(index for index, tried in enumerate(at_position) if tried.acked)
    return {tried.choice for tried in at_position[last:]}


def _failed_window(tries: list[Try]) -> tuple[float, int]:
    """Seconds from the first failed save to the first acknowledged one after the last
    failure, and how many failed."""
    failed = [tried for tried in tries if not tried.acked]
    if not failed:
        return 0.0, 0
    recovered = next(tried.at for tried in tries if tried.acked and tried.at > failed[-1].at)
    return recovered - failed[0].at, len(failed)


def test_failover_loses_no_acknowledged_answer_and_the_app_reconnects_by_itself(
        app, logged_in, make_questions, make_round):
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"].get("pool_pre_ping"), "dead connections kept"
    assert _sync_state() == "sync", "the standby is not synchronous"
    make_questions(QUESTIONS)
    attempt = start(logged_in, make_round(questions=QUESTIONS, time_limit=3600))
    attempt_id, engine = attempt.id, db.engine
    db.session.remove()  # the test holds no connection across the crash; requests hold their own
    contestant = Contestant(logged_in, attempt.public_id)
    contestant.start()
    try:
        contestant.wait_for_acks(ACKED_BEFORE_CRASH)
        crash = time.monotonic()
        _run("pg_ctlcluster", _version(), PRIMARY[0], "stop", "-m", "immediate")
        _run(str(SCRIPT), "promote", "--standby", STANDBY[0])
        promoted = time.monotonic()
        contestant.wait_for_acks(ACKED_AFTER_PROMOTION, after=promoted)
    finally:
        contestant.done.set()
        contestant.join(GIVE_UP_SECONDS)
    window, failed = _failed_window(contestant.tries)
    print(f"\nfailover drill: saves failed for {window:.2f} s ({failed} failed tries), "
          f"stop + promote took {promoted - crash:.2f} s")
    assert db.engine is engine
    db.session.remove()
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT inet_server_port()")) == STANDBY[1]
    _assert_no_acknowledged_answer_lost(contestant.tries, attempt_id)


def _assert_no_acknowledged_answer_lost(tries: list[Try], attempt_id: int) -> None:
    """Read on the new primary: every position holds its last acknowledged choice (or
    one tried after it)."""
    items = db.session.execute(select(AttemptItem.position, AttemptItem.option_order,
                                      AttemptItem.chosen_option_id)
                               .where(AttemptItem.attempt_id == attempt_id)).all()
    acked = {tried.position for tried in tries if tried.acked}
    assert len(items) == QUESTIONS and acked == set(range(1, QUESTIONS + 1))
    for item in items:
        allowed = {option_at(item.option_order, choice)
                   for choice in _allowed_choices(tries, item.position)}
        assert item.chosen_option_id in allowed, f"the answer at {item.position} was lost"
