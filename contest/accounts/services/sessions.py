"""The account behind a session: its id and session version, checked on every request.

A session (and a remember cookie) holds "<id>.<version>" (``User.get_id``); it is
accepted only while the account's ``session_version`` is still that version, so
raising it (logout, a new password, a lock) ends every session made before.

The answer save is the request a deadline rush is made of (about twenty per
attempt) and needs only who is asking, whether the account is locked and whether
it must first choose a password; the ``User`` entity with its joined unit cost
about a fifth of that request. Its endpoints are listed in ``LIGHT_ENDPOINTS``
and read one indexed row of four columns instead; every other request loads the
``User``.
"""
import re
from dataclasses import dataclass
from datetime import datetime

from flask import request
from flask.sessions import SecureCookieSessionInterface
from flask_login import UserMixin
from sqlalchemy import bindparam, select

from contest.accounts.models import User
from contest.extensions import db

LIGHT_ENDPOINTS = frozenset({"quiz.save"})
ACCOUNT = (select(User.id, User.locked_at, User.session_version, User.must_change_password)
           .where(User.id == bindparam("user_id")))
_SESSION_ID = re.compile(r"(\d{1,18})\.(\d{1,9})", re.ASCII)


@dataclass(frozen=True, eq=False)
class SessionAccount(UserMixin):
    id: int
    locked_at: datetime | None
    session_version: int
    must_change_password: bool = False

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"


def account_for_session(session_id: str, light: bool = False) -> User | SessionAccount | None:
    """The account a session or remember cookie names, if it is still valid;
    ``light``: a ``SessionAccount`` instead of the ``User``."""
    match = _SESSION_ID.fullmatch(session_id or "")
    if match is None:  # tampered, or made before session versions
        return None
    user_id, version = int(match[1]), int(match[2])
    account = _light_account(user_id) if light else db.session.get(User, user_id)
    return account if account is not None and _still_valid(account, version) else None


def _light_account(user_id: int) -> SessionAccount | None:
    row = db.session.connection().execute(ACCOUNT, {"user_id": user_id}).first()
    return SessionAccount(row.id, row.locked_at, row.session_version,
                          row.must_change_password) if row else None


def _still_valid(account: User | SessionAccount, version: int) -> bool:
    """The current version; an older one of a locked account too, only to be logged
    out at once with the reason (``site.hooks.log_out_locked_user``): the person
    learns their account was locked instead of finding themselves logged out."""
    return account.session_version == version or account.is_locked


class SessionCookies(SecureCookieSessionInterface):
    """A session lasts ``PERMANENT_SESSION_LIFETIME`` after the last request, so
    Flask signs and sends the cookie again with every response; the light
    endpoints skip that (a fifth of an answer save's time). An attempt's page and
    its submit still renew it, and an attempt is far shorter than the lifetime."""

    def should_set_cookie(self, app, session) -> bool:
        if not session.modified and request.endpoint in LIGHT_ENDPOINTS:
            return False
        return super().should_set_cookie(app, session)
