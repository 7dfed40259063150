"""Registering and authenticating people."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from contest.accounts.hashing import needs_rehash, spend_a_check
from contest.accounts.models import User
from contest.accounts.phone import normalize_phone
from contest.audit.services import record
from contest.errors import Conflict, DomainError
from contest.extensions import db


class DuplicateAccount(Conflict):
    message = "Số điện thoại, email hoặc CCCD đã được dùng cho một tài khoản khác."


class AccountLocked(DomainError):
    status_code = 403
    message = "Tài khoản đã bị khóa. Vui lòng liên hệ Ban Tổ chức."


def register_user(*, full_name, date_of_birth, gender, phone, email, cccd, audience,
                  unit_id, password, role="contestant") -> User:
    user = User(
        full_name=full_name, date_of_birth=date_of_birth, gender=gender, phone=phone,
        email=email or None, cccd=cccd or None, audience=audience, unit_id=unit_id,
        role=role,
    )
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.flush()
        record("account.register", actor=user, target=user, role=role)
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise DuplicateAccount() from error
    return user


def find_by_identifier(identifier: str) -> User | None:
    """The account for a phone number or an email address."""
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return db.session.scalar(select(User).where(User.email == identifier.lower()))
    return db.session.scalar(select(User).where(User.phone == normalize_phone(identifier)))


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
        db.session.commit()
    return user
