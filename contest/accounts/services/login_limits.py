"""Login limits that slow guessing without locking out the person who knows the password.

Two counters, of failures only, in the limiter's storage (Redis when REDIS_URL is
set, so every node shares them):

- per account (however its identifier is written), 10 a minute: past it, only a
  browser the account logged in from before (``known_device``) is let through,
  with its own count, and the owner is told by e-mail once an hour. A rival
  guessing from elsewhere cannot lock the owner out; the rival stays limited.
- per address, 300 a minute: past it, a login from that address is not refused
  but asks for a proof of work (``login_challenge``), so the colleagues behind
  one NAT still log in while a script's guesses across accounts slow down.

A refused try never checks the password, so a 429 tells nothing about it.
"""
from flask import current_app, render_template
from flask_limiter.util import get_remote_address
from limits import parse

from contest.accounts.models import User
from contest.accounts.rules.identifiers import canonical_identifier
from contest.accounts.services import known_device, login_challenge
from contest.accounts.services.accounts import authenticate, find_by_identifier
from contest.errors import DomainError
from contest.extensions import limiter
from contest.mailer import mail_enabled, send

ACCOUNT_LIMIT = parse("10 per minute")
ADDRESS_LIMIT = parse("300 per minute")
NOTICE_EVERY_SECONDS = 3600
NOTICE_SUBJECT = "Cảnh báo: nhiều lần đăng nhập sai vào tài khoản của bạn"


class LoginThrottled(DomainError):
    status_code = 429


class AccountThrottled(LoginThrottled):
    message = ("Có quá nhiều lần nhập sai mật khẩu cho tài khoản này. Vui lòng thử lại sau ít "
               "phút, đăng nhập trên thiết bị bạn đã dùng trước đây, hoặc dùng “Quên mật khẩu?”.")


class ChallengeRequired(LoginThrottled):
    message = ("Mạng của bạn vừa có nhiều lần đăng nhập sai. Trình duyệt cần vài giây để xác minh; "
               "vui lòng nhập lại mật khẩu rồi bấm Đăng nhập.")


def authenticate_within_limits(identifier: str, password: str, challenge: str | None,
                               answer: str | None) -> User | None:
    """``authenticate`` behind the limits; raises ``LoginThrottled`` without checking
    the password when this try may not be made."""
    account_key = "login:" + canonical_identifier(identifier[:1000])[:254]
    device = _known_device_for(identifier)
    keys = [f"{account_key}:device:{device}"] if device else [account_key, _address_key()]
    if not _under(ACCOUNT_LIMIT, keys[0]):
        raise AccountThrottled()
    if not device and not _under(ADDRESS_LIMIT, keys[1]) \
            and not login_challenge.is_solved(challenge, answer):
        raise ChallengeRequired()
    user = authenticate(identifier, password)
    if user is None:
        _count_failure(keys, identifier)
    return user


def needs_challenge() -> bool:
    """Whether a login from this address must first pass the proof of work."""
    return _enabled() and not _under(ADDRESS_LIMIT, _address_key())


def _enabled() -> bool:
    return current_app.config.get("RATELIMIT_ENABLED", True)


def _address_key() -> str:
    return "login-address:" + get_remote_address()


def _under(limit, key: str) -> bool:
    return not _enabled() or limiter.limiter.test(limit, key)


def _known_device_for(identifier: str) -> str | None:
    """This browser's device id when the account logged in from it before."""
    if not _enabled() or not known_device.has_known_accounts():
        return None
    user = find_by_identifier(identifier)
    return known_device.device_for(user.id) if user else None


def _count_failure(keys: list[str], identifier: str) -> None:
    if not _enabled():
        return
    limiter.limiter.hit(ACCOUNT_LIMIT, keys[0])
    if len(keys) > 1:
        limiter.limiter.hit(ADDRESS_LIMIT, keys[1])
        if not _under(ACCOUNT_LIMIT, keys[0]):
            _tell_owner(identifier)


def _tell_owner(identifier: str) -> None:
    """Once an hour, an e-mail to the owner (if they gave one) saying someone keeps
    failing to log in to their account, and how to get in anyway."""
    user = find_by_identifier(identifier)
    if user is None or not user.email or not mail_enabled():
        return
    if limiter.storage.incr(f"login-notice:{user.id}", NOTICE_EVERY_SECONDS) != 1:
        return
    send(NOTICE_SUBJECT, render_template("accounts/email/login_failures.txt", user=user), user.email)
