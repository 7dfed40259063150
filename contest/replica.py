"""Reads sent to a streaming replica when ``DATABASE_REPLICA_URL`` is set:
rankings, unit figures and exports, which may be a few seconds behind;
everything else, and every write, on the primary.

The replica's engine is kept beside Flask-SQLAlchemy's rather than declared as a
bind: a bind key gives every model's ``create_all``/``drop_all`` a second target.
"""
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from flask import Flask, current_app
from flask_sqlalchemy.session import Session
from sqlalchemy import create_engine

REPLICA = "replica"  # app.extensions key of the replica's engine
_on_replica = ContextVar("on_replica", default=False)


def init_replica(app: Flask) -> None:
    url = app.config.get("DATABASE_REPLICA_URL")
    app.extensions[REPLICA] = (
        create_engine(url, **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})) if url else None)


def replica_engine():
    return current_app.extensions.get(REPLICA)


class RoutingSession(Session):
    """``db.session``: inside ``on_replica()``, SELECTs go to the replica when one
    is configured. Writes (flushes, INSERT/UPDATE/DELETE) always go to the
    primary, so a replica lagging or read-only never loses or refuses a write."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if bind is None and _on_replica.get() and clause is not None and clause.is_select:
            engine = replica_engine()
            if engine is not None:
                return engine
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


@contextmanager
def on_replica():
    """Reads in this block may come from the replica: only for what can be a few
    seconds behind (rankings, unit figures, exports), never a person's own
    just-written attempt."""
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def reads_from_replica(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        with on_replica():
            return view(*args, **kwargs)
    return wrapped
