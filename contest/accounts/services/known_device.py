"""The "known device" cookie: a browser an account has logged in from before.

Set at each successful login, it lets the owner through while a stranger's wrong
passwords hold the account's login limit, so a rival cannot lock a person out by
guessing (issue 18). It lifts only the limit, never the password check; each
device keeps its own limit per account, so whoever sits at a shared computer
cannot guess a colleague's password faster than a stranger could. Signed with
SECRET_KEY (a forged or edited cookie counts for nothing); it names a random
device id and the last few accounts that logged in from it.
"""
import secrets
from datetime import timedelta

from flask import current_app, request
from itsdangerous import BadData, URLSafeTimedSerializer

COOKIE = "thiet_bi_quen"
LIFETIME = timedelta(days=365)
MAX_ACCOUNTS = 5  # a shared office computer: the last five people who logged in


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="known-device")


def _read() -> dict:
    """The cookie's content, or an empty device when missing, forged or expired."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return {}
    try:
        content = _serializer().loads(raw, max_age=int(LIFETIME.total_seconds()))
    except BadData:
        return {}
    if not isinstance(content, dict) or not isinstance(content.get("accounts"), list):
        return {}
    return content


def device_for(user_id: int) -> str | None:
    """This browser's device id if ``user_id`` logged in from it before, else None."""
    content = _read()
    if content and user_id in content["accounts"]:
        return content.get("device")
    return None


def has_known_accounts() -> bool:
    """Whether this browser holds a valid cookie at all (spares a lookup when not)."""
    return bool(_read())


def remember_device(response, user_id: int) -> None:
    """Add ``user_id`` to this browser's known accounts (newest first)."""
    content = _read()
    accounts = [user_id] + [other for other in content.get("accounts", []) if other != user_id]
    value = _serializer().dumps({"device": content.get("device") or secrets.token_urlsafe(12),
                                 "accounts": accounts[:MAX_ACCOUNTS]})
    response.set_cookie(COOKIE, value, max_age=int(LIFETIME.total_seconds()), httponly=True,
                        samesite="Lax", secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
