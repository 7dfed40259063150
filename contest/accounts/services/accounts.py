"""Registering and authenticating people."""
from sqlalchemy import select

from contest.accounts.models import User
from contest.accounts.rules.cccd import stored_fields as cccd_fields
from contest.accounts.rules.hashing import needs_rehash, spend_a_check
from contest.accounts.rules.identifiers import canonical_identifier
from contest.accounts.services.consent import add_consent
from contest.audit.services import record
from contest.errors import Conflict, DomainError
from contest.extensions import db
from contest.transactions import refused_as


class DuplicateAccount(Conflict):
    message = "Số điện thoại, email hoặc CCCD đã được dùng cho một tài khoản khác."


class AccountLocked(DomainError):
    status_code = 403
    message = "Tài khoản đã bị khóa. Vui lòng liên hệ Ban Tổ chức."


def used_by_another(column, value, other_than: int | None = None) -> bool:
    """True when an account (not ``other_than``) already uses ``value`` in ``column``."""
    query = select(User.id).where(column == value)
    if other_than is not None:
        query = query.where(User.id != other_than)
    return db.session.scalar(query) is not None


def register_user(*, full_name, date_of_birth, gender, phone, email, cccd, audience,
                  unit_id, password, role="contestant", consent_version: str | None = None,
                  left_out: tuple[str, ...] = ()) -> User:
    """The new account, with its consent (the version of the text the person agreed
    to, if any) in the same transaction; the CCCD kept only as hash and last 4 digits.
    ``left_out`` names the fields typed but not kept (``registration``): the audit row
    says so, without their values, for the organizer who is asked for help."""
    user = User(
        full_name=full_name, date_of_birth=date_of_birth, gender=gender, phone=phone,
        email=email or None, audience=audience, unit_id=unit_id, role=role,
        **cccd_fields(cccd),
    )
    user.set_password(password)
    with refused_as(lambda _refused: DuplicateAccount()):  # a phone taken meanwhile
        db.session.add(user)
    if consent_version:
        add_consent(user, consent_version)
    record("account.register", actor=user, target=user, role=role,
           **({"left_out": list(left_out)} if left_out else {}))
    return user


def find_by_identifier(identifier: str) -> User | None:
    """The account for a phone number or an email address, however written."""
    identifier = canonical_identifier(identifier)
    column = User.email if "@" in identifier else User.phone
    return db.session.scalar(select(User).where(column == identifier))


def authenticate(identifier: str, password: str) -> User | None:
    """The account, if the password is right; a locked account is refused (told
    only to whoever knows its password, so lock status does not leak)."""
    user = find_by_identifier(identifier)
    if user is None:
        spend_a_check(password)
        return None
    if not user.check_password(password):
        return None
    if user.is_locked:
        raise AccountLocked()
    if needs_rehash(user.password_hash):
        user.set_password(password)
    return user


def end_sessions(user: User) -> None:
    """Log ``user`` out everywhere: every session and remember cookie made before
    stops loading (``session_account``). Logging out does this."""
    user.end_sessions()
