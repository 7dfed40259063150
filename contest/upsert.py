"""INSERT … ON CONFLICT for SQLite and PostgreSQL alike."""
from sqlalchemy.dialects import postgresql, sqlite

from contest.extensions import db


def insert_for(model):
    """The dialect's INSERT, which has ``on_conflict_do_nothing/do_update``."""
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model)


def add_counts(model, keys: list[str], rows: list[dict], counters: list[str]) -> None:
    """Insert ``rows``, or add their ``counters`` to the rows already there."""
    if not rows:
        return
    stmt = insert_for(model).values(rows)
    table = model.__table__
    stmt = stmt.on_conflict_do_update(
        index_elements=keys,
        set_={name: table.c[name] + stmt.excluded[name] for name in counters},
    )
    db.session.execute(stmt)
