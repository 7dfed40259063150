"""A new e-mail on the profile page is used only once its mailbox confirms it.

The page answers the same whether or not the address is another account's, so it
cannot be used to find out who has an account: the address is sent a mail either
way. A free address gets a signed link valid 24 hours (``reset.serializer``, its own
salt), carrying the account, the address, and a stamp of the account's current
e-mail, so a link stops working once any change is applied. An address another
account has is told so in the mail: its owner learns nothing they did not know.
Following the link applies the change through ``profile.update_profile`` (the same
``account.profile`` audit row). Removing one's e-mail needs no mailbox and applies
at once.
"""
import hashlib
import hmac

from flask import render_template
from itsdangerous import BadData

from contest.accounts.models import User
from contest.accounts.services.accounts import DuplicateAccount, used_by_another
from contest.accounts.services.reset import serializer
from contest.errors import Conflict, DomainError
from contest.extensions import db
from contest.links import absolute_url
from contest.mailer import deliver, in_background, mail_enabled
from contest.profile.services.details import update_profile

LINK_HOURS = 24
SALT = "accounts.email-change"
SUBJECT = "Xác nhận email cho tài khoản dự thi trực tuyến"


class EmailLinkInvalid(DomainError):
    message = ("Đường dẫn xác nhận email không hợp lệ, đã hết hạn (sau 24 giờ) hoặc đã được "
               "dùng. Vui lòng nhập lại email mới ở trang Hồ sơ để nhận thư khác.")


class EmailTakenMeanwhile(Conflict):
    message = ("Chưa đổi được email: địa chỉ này đã được dùng cho một tài khoản khác. Nếu đây "
               "là email của bạn, vui lòng liên hệ Ban Tổ chức để được hỗ trợ.")


class MailNotConfigured(DomainError):
    status_code = 422
    message = ("Chưa đổi được email: trang chưa được cấu hình gửi thư nên không gửi được thư "
               "xác nhận. Vui lòng liên hệ Ban Tổ chức để được hỗ trợ.")


def sent_message(email: str) -> str:
    return (f"Đã gửi thư xác nhận tới {email}; email mới được dùng sau khi bạn bấm vào "
            "đường link trong thư.")


def set_aside_new_email(user: User, values: dict) -> tuple[dict, str | None]:
    """``values`` without a new, non-empty e-mail, and that e-mail (to confirm by
    mail); an unchanged or removed e-mail stays in ``values``."""
    email = values.get("email")
    if not email or email == user.email:
        return values, None
    if not mail_enabled():
        raise MailNotConfigured()
    return {key: value for key, value in values.items() if key != "email"}, email


def request_change(user: User, email: str) -> None:
    """Hand the address to the background (``mailer.in_background``), where it is
    looked up and mailed: the request does the same work, and answers the same,
    whether or not another account has it."""
    in_background(mail_confirmation, user.id, email)


def mail_confirmation(user_id: int, email: str) -> None:
    """Mail ``email`` a confirmation link, or, when another account has it, a note
    saying so (no link)."""
    user = db.session.get(User, user_id)
    if used_by_another(User.email, email, user_id):
        body = render_template("accounts/email/email_in_use.txt")
    else:
        token = serializer(SALT).dumps({"user": user_id, "email": email, "stamp": _stamp(user)})
        body = render_template("accounts/email/confirm_email.txt", email=email, hours=LINK_HOURS,
                               link=absolute_url("profile.confirm_email", token=token))
    deliver(SUBJECT, body, email)


def pending_change(token: str) -> tuple[User, str]:
    """The account and the new address of a link; refused when forged, older than
    24 hours, the account's e-mail changed since it was sent (used), or the account
    is locked (anonymising locks it too: no address may come back to it)."""
    try:
        data = serializer(SALT).loads(token, max_age=LINK_HOURS * 3600)
    except BadData as error:
        raise EmailLinkInvalid() from error
    data = data if isinstance(data, dict) else {}
    user_id, email, stamp = data.get("user"), data.get("email"), data.get("stamp")
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or user.is_locked or not isinstance(email, str) or not _same_email(user, stamp):
        raise EmailLinkInvalid()
    return user, email


def confirm_change(token: str) -> User:
    """Apply the link's address, if it is still free, with its audit row."""
    user, email = pending_change(token)
    if used_by_another(User.email, email, user.id):
        raise EmailTakenMeanwhile()
    try:
        update_profile(user, {"email": email})
    except DuplicateAccount as error:  # taken between the check and the write
        raise EmailTakenMeanwhile() from error
    return user


def _same_email(user: User, stamp) -> bool:
    return isinstance(stamp, str) and hmac.compare_digest(_stamp(user), stamp)


def _stamp(user: User) -> str:
    """Identifies the account's current e-mail without showing it (the token is readable)."""
    return hashlib.sha256((user.email or "").encode()).hexdigest()[:16]
