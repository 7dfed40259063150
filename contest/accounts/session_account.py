"""The account behind a session, read without loading a ``User`` object.

The answer save is the request a deadline rush is made of (about twenty per
attempt) and needs only who is asking and whether the account is locked; the
``User`` entity with its joined unit cost about a fifth of that request. Its
endpoints are listed in ``LIGHT_ENDPOINTS``; every other request loads the ``User``.
"""
from dataclasses import dataclass
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import bindparam, select

from contest.accounts.models import User
from contest.extensions import db

LIGHT_ENDPOINTS = frozenset({"quiz.save"})
ACCOUNT = select(User.id, User.locked_at).where(User.id == bindparam("user_id"))


@dataclass(frozen=True, eq=False)
class SessionAccount(UserMixin):
    id: int
    locked_at: datetime | None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


def session_account(user_id: int) -> SessionAccount | None:
    row = db.session.connection().execute(ACCOUNT, {"user_id": user_id}).first()
    return SessionAccount(row.id, row.locked_at) if row else None
