"""INSERT … ON CONFLICT for SQLite and PostgreSQL alike."""
from functools import cache

from sqlalchemy.dialects import postgresql, sqlite

from contest.extensions import db


def insert_for(model):
    """The dialect's INSERT, which has ``on_conflict_do_nothing/do_update``."""
    return _dialect_module().insert(model)


def _dialect_module():
    return postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite


def add_counts(model, keys: list[str], rows: list[dict], counters: list[str]) -> None:
    """Insert ``rows``, or add their ``counters`` to the rows already there.

    One prebuilt statement, sent once per row (executemany, in the rows' order, so
    locks are taken in that order): SQLAlchemy caches its compiled form, where a
    multi-row VALUES is compiled anew on every call.
    """
    if rows:
        db.session.execute(_counting_insert(_dialect_module(), model.__table__, tuple(keys),
                                            tuple(counters)), rows)


@cache
def _counting_insert(module, table, keys: tuple[str, ...], counters: tuple[str, ...]):
    stmt = module.insert(table)
    return stmt.on_conflict_do_update(
        index_elements=list(keys),
        set_={name: table.c[name] + stmt.excluded[name] for name in counters},
    )
