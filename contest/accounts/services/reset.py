"""A forgotten password: a single-use link, valid 30 minutes, sent by e-mail.

The link carries an itsdangerous token signed with ``SECRET_KEY``: the account id
and a fingerprint of the account's current password hash. No table is needed:
setting a password stores a new hash (a new salt every time), so the fingerprint
stops matching and the link (with every other link sent before it) stops working;
``max_age`` ends it after 30 minutes. Nothing to clean up, and every app node can
check a link. The new password is written by a conditional UPDATE on the old
hash, so the same link submitted twice at once sets one password, not two.
"""
import hashlib
import hmac

from flask import current_app, render_template
from itsdangerous import BadData, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select, update

from contest.accounts.models import User
from contest.accounts.rules.hashing import hash_password
from contest.audit.services import record
from contest.clock import now
from contest.errors import DomainError
from contest.extensions import db
from contest.links import absolute_url
from contest.mailer import deliver, in_background

LINK_MINUTES = 30
SALT = "accounts.password-reset"
SUBJECT = "Đặt lại mật khẩu tài khoản dự thi trực tuyến"


class ResetLinkInvalid(DomainError):
    message = ("Đường dẫn đặt lại mật khẩu không hợp lệ, đã hết hạn (sau 30 phút) hoặc đã "
               "được dùng. Vui lòng yêu cầu một đường dẫn mới.")


class _ClockSigner(TimestampSigner):
    """Token times from ``contest.clock`` (tests move it past the 30 minutes)."""

    def get_timestamp(self) -> int:
        return int(now().timestamp())


def serializer(salt: str = SALT) -> URLSafeTimedSerializer:
    """Signed, timed tokens on ``contest.clock``; ``salt`` keeps each kind of link
    (this reset, an e-mail change) from being accepted as another."""
    return URLSafeTimedSerializer(current_app.secret_key, salt=salt, signer=_ClockSigner)


def _fingerprint(password_hash: str) -> str:
    """Identifies the password hash without showing it (the token is readable)."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def make_token(user: User) -> str:
    return serializer().dumps({"user": user.id, "stamp": _fingerprint(user.password_hash)})


def user_for_token(token: str) -> User:
    """The account a link resets; refused when forged, older than 30 minutes, used
    (the password changed since), or the account is locked."""
    try:
        data = serializer().loads(token, max_age=LINK_MINUTES * 60)
    except BadData as error:
        raise ResetLinkInvalid() from error
    data = data if isinstance(data, dict) else {}
    user_id, stamp = data.get("user"), data.get("stamp")
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or user.is_locked or not _same_password(user, stamp):
        raise ResetLinkInvalid()
    return user


def _same_password(user: User, stamp) -> bool:
    return isinstance(stamp, str) and hmac.compare_digest(_fingerprint(user.password_hash), stamp)


def request_reset(email: str) -> None:
    """Hand the address to the background, where a link is mailed if an account
    has it. The request does the same for a known and an unknown address (no
    lookup, no token, no mail in it), so neither its answer nor its time tells
    whether an account exists."""
    in_background(mail_reset_link, email.strip().lower())


def mail_reset_link(email: str) -> None:
    """Mail a reset link to the account with this e-mail, if there is one and it is
    not locked. The link is on ``PUBLIC_URL``, never on the request's Host header."""
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None or user.is_locked:
        return
    link = absolute_url("password_reset.reset_password", token=make_token(user))
    body = render_template("accounts/email/reset_password.txt", user=user, link=link,
                           minutes=LINK_MINUTES)
    deliver(SUBJECT, body, user.email)


def complete_reset(token: str, password: str) -> User:
    """Set the new password, spend the link and end every session of the account (a
    session someone took over is ended too), in one transaction with its audit row."""
    user = user_for_token(token)
    written = db.session.execute(
        update(User).where(User.id == user.id, User.password_hash == user.password_hash)
        .values(password_hash=hash_password(password), session_version=User.session_version + 1,
                must_change_password=False))
    if written.rowcount != 1:  # the same link used a moment ago: nothing was written
        raise ResetLinkInvalid()
    record("account.reset_password_email", actor=user, target=user)
    return user
