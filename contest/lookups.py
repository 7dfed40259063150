"""Reading one row asked for by an id, or refusing with a Vietnamese 404.

Every "get X or 404" of the services goes through here, so a missing row and a
row that is not the caller's to see read the same: the id came from the browser
and is never trusted, and telling "exists but not yours" from "does not exist"
would let someone probe ids. The scope (``contest_id=contest.id``,
``is_draft=False``) is checked on the row itself, so the identity map answers a
repeated lookup without a query.
"""
from typing import TypeVar

from contest.errors import NotFound
from contest.extensions import db

Row = TypeVar("Row")


def get_or_404(model: type[Row], ident, message: str, **scope) -> Row:
    """The ``model`` row with primary key ``ident`` whose attributes equal ``scope``;
    otherwise ``NotFound(message)``."""
    return found_or_404(db.session.get(model, ident), message, **scope)


def found_or_404(row: Row | None, message: str, **scope) -> Row:
    """``row`` when it was found and its attributes equal ``scope``; otherwise
    ``NotFound(message)`` (for rows found by something else than their key)."""
    if row is None or any(getattr(row, name) != value for name, value in scope.items()):
        raise NotFound(message)
    return row
