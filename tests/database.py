"""The test database between tests: rolled back, or emptied.

Most tests run inside one transaction on one connection that is rolled back
when the test ends (SQLAlchemy's "joining a Session into an external
transaction" recipe): the app's own ``commit()``/``rollback()`` calls become
savepoints on that connection, and nothing a test writes outlives it. Rolling
back one transaction is much cheaper than deleting from every table after every
test, which is what keeps the suite fast as it grows.

A test whose database work happens on another connection cannot see that
uncommitted transaction (a live server's or a background thread, a second app on
the same database, ``db.engine.begin()`` in app code): it is marked
``@pytest.mark.commits`` and gets the old cleanup, every table emptied and the
PostgreSQL sequences reset. A test that is not marked but opens another
connection to the test database fails with a message saying so (``OtherConnection``)
instead of silently committing rows that the next test would see, or waiting on
SQLite's write lock.
"""
import threading
from contextlib import contextmanager

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from contest.extensions import db
from contest.replica import RoutingSession

COMMITS = "commits"
# Fixtures whose tests always commit: the live server serves from threads of its
# own; ``throttled`` (accounts) and ``workers`` (keys) are second apps on the database.
OWN_CONNECTION_FIXTURES = frozenset({"live_server", "throttled", "workers"})


class OtherConnection(AssertionError):
    """A rolled-back test touched the test database outside its one connection."""


def commits(request) -> bool:
    """Whether this test needs committed data and the old cleanup."""
    return (request.node.get_closest_marker(COMMITS) is not None
            or not OWN_CONNECTION_FIXTURES.isdisjoint(request.fixturenames))


@contextmanager
def emptied_afterwards():
    """The old way: the test commits for real; every table is emptied after it."""
    try:
        yield
    finally:
        db.session.remove()
        empty_tables()
        db.session.remove()


def empty_tables() -> None:
    """Every table emptied and the ids restarted, through ``db.session`` so it
    works in either kind of test (the leak hunt resets its world mid-test)."""
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    if db.session.get_bind().dialect.name == "postgresql":
        for table in db.metadata.sorted_tables:
            if "id" in table.c:
                db.session.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), 1, false)"))
    db.session.commit()


@contextmanager
def rolled_back_afterwards():
    """``db.session`` bound, for the test, to one connection whose transaction is
    rolled back at the end; any other connection to the database fails the test."""
    engine = db.engine
    if engine.dialect.name == "sqlite":
        _use_sqlite_transactions(engine)
    connection = engine.connect()
    outer = connection.begin()
    original = db.session
    db.session.remove()
    db.session = db._make_scoped_session({
        "class_": JoinedSession, "bind": connection,
        "join_transaction_mode": "create_savepoint"})
    JoinedSession.owner, JoinedSession.strays = threading.get_ident(), []
    watch = _stray_connection_watch(engine)
    event.listen(Engine, "engine_connect", watch)
    try:
        yield
    finally:
        event.remove(Engine, "engine_connect", watch)
        db.session.remove()
        db.session = original
        outer.rollback()
        connection.close()
    if JoinedSession.strays:
        pytest.fail(f"{JoinedSession.strays[0]} Mark the test @pytest.mark.{COMMITS}.")


@contextmanager
def committed_view():
    """A connection that shows what is committed, not what the session holds
    pending (as a request's end rolls its own back): in a rolled-back test the
    session's work since its last commit is rolled back, then its connection read."""
    if isinstance(db.session(), JoinedSession):
        db.session.rollback()
        yield db.session.connection()
        return
    with db.engine.connect() as connection:
        yield connection


class JoinedSession(RoutingSession):
    """``db.session`` of a rolled-back test: the test's connection instead of the
    primary engine (the replica, when a test configures one, stays as it is)."""

    owner: int | None = None
    strays: list[str] = []  # what went around the test's connection, for its failure

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        chosen = super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)
        if chosen is not self.bind.engine:
            return chosen
        if threading.get_ident() != self.owner:
            raise stray(f"thread {threading.current_thread().name!r} used the test's session.")
        return self.bind


def stray(message: str) -> OtherConnection:
    """Noted for the test's failure too: a thread's or a handler's exception may
    never reach the test."""
    JoinedSession.strays.append(message)
    return OtherConnection(message)


def _stray_connection_watch(engine: Engine):
    def watch(connection) -> None:
        if _same_database(connection.engine, engine):
            raise stray(f"the test opened another connection to its database "
                        f"(thread {threading.current_thread().name!r}).")
    return watch


def _same_database(one: Engine, other: Engine) -> bool:
    return (one.url.drivername, one.url.host, one.url.port, one.url.database, one.url.query) == (
        other.url.drivername, other.url.host, other.url.port, other.url.database, other.url.query)


def _use_sqlite_transactions(engine: Engine) -> None:
    """pysqlite starts a transaction only before a write and lets ``SAVEPOINT``
    open and ``RELEASE`` commit one on its own: have SQLAlchemy emit ``BEGIN``
    itself (SQLAlchemy's documented "serializable isolation / savepoints" recipe),
    so the test's outer transaction really holds every savepoint."""
    event.listen(engine, "connect", _no_implicit_begin)
    event.listen(engine, "begin", _emit_begin)
    engine.dispose()  # connections made before the listeners lack them


def _no_implicit_begin(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None


def _emit_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")
