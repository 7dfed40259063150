"""One unit of work per request, per command and per background task.

A service changes the session and writes its audit row; it never commits and
never rolls back. The unit of work around it does, in one place, as indico's
request handler does: when the view returns, everything the request changed is
committed together; when it raises (a refused change, a 404, a bug), everything
is rolled back. Views never commit or roll back.

A view that turns a refused change into a page (a form shown again with the
reason and a 409) returns normally, so its changes are committed: a service
that can be refused after it has begun changing things runs that part in
``refused_as(...)``, a savepoint that undoes its own changes when the database
refuses them (a unique number taken meanwhile) and raises the domain error
instead. A check done before any change needs nothing.

Commands and background tasks (a mail sent after the answer, an export built in
a worker) are units of work of their own: ``with unit_of_work(): ...``.
"""
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask
from sqlalchemy.exc import IntegrityError

from contest.errors import DomainError
from contest.extensions import db

AFTER_COMMIT = "after_commit"  # tasks waiting in ``Session.info``


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit what the block changed if it ends normally, then run the tasks it
    left for after the commit; roll it back, tasks dropped, if it raises or if
    the commit itself fails (the session stays usable)."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.info.pop(AFTER_COMMIT, None)
        db.session.rollback()
        raise
    for task in db.session.info.pop(AFTER_COMMIT, []):
        task()


def after_commit(task: Callable[[], None]) -> None:
    """Run ``task`` once the unit of work has committed, never if it rolls back:
    an export's worker must find its job row, and no mail may announce a change
    that was undone."""
    db.session.info.setdefault(AFTER_COMMIT, []).append(task)


@contextmanager
def savepoint() -> Iterator[None]:
    """The block's changes undone if it raises, the rest of the unit of work kept."""
    _begin_real_transaction()
    with db.session.begin_nested():
        yield


@contextmanager
def refused_as(error: Callable[[IntegrityError], DomainError]) -> Iterator[None]:
    """Run the block in a savepoint: if the database refuses it (a unique or
    check constraint), the block's changes are undone, the rest of the unit of
    work is kept, and ``error(integrity_error)`` is raised."""
    try:
        with savepoint():
            yield
    except IntegrityError as refused:
        raise error(refused) from refused


def _begin_real_transaction() -> None:
    """pysqlite opens a transaction only before a write, and a SAVEPOINT outside
    one opens a transaction of its own that its RELEASE commits, cutting the
    unit of work in two. On SQLite the unit of work's transaction is begun first
    (IMMEDIATE: the block is about to write, so it waits for the write lock now
    rather than failing to upgrade a read later)."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class UnitOfWorkApp(Flask):
    """Flask whose every view runs in one unit of work (before-request hooks
    included: their changes join the view's)."""

    def dispatch_request(self):
        with unit_of_work():
            return super().dispatch_request()
