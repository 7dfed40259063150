"""Counting the SQL a request runs: the guard against a query per row (N+1).

A page that reads one row per person or per question turns a rush or a big
ranking into thousands of round trips; its statement count then grows with the
data. Tests open ``count_queries()`` around a request and compare counts, never
times, so the guard holds on any machine."""
import threading
from contextlib import contextmanager

from sqlalchemy import event

from contest.extensions import db


class Statements(list):
    """The SQL statements run inside one ``count_queries`` block, in order."""

    def mentioning(self, text: str) -> list[str]:
        return [statement for statement in self if text.lower() in statement.lower()]


@contextmanager
def count_queries():
    """Record every statement the app's engines run on this thread (the test
    client serves requests on the caller's thread; background threads, such as
    the mail sender, are not the request's work)."""
    statements, thread = Statements(), threading.get_ident()

    def note(_connection, _cursor, statement, *_):
        if threading.get_ident() == thread and not _is_savepoint(statement):
            statements.append(statement)

    engines = list(db.engines.values())
    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)


def _is_savepoint(statement: str) -> bool:
    """The test's rolled-back transaction turns the app's commits into savepoints
    (tests/database.py): not the page's work, and absent in production."""
    return statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT",
                                                  "ROLLBACK TO SAVEPOINT"))


def statements_of(client, url: str, status: int = 200) -> Statements:
    """The statements one GET of ``url`` runs (it must answer ``status``)."""
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return statements
