"""How passwords are stored and checked.

Argon2id with the OWASP Password Storage Cheat Sheet's first recommended
configuration: 19 MiB of memory, 2 iterations, 1 lane (argon2-cffi). It costs
about 20 ms here, where Werkzeug's default scrypt (N = 2^15, r = 8, p = 1) cost
80–150 ms while sitting below OWASP's minimum for scrypt (N = 2^17): stronger by
that measure and five times cheaper, which matters when hundreds log in at once.

Older hashes (Werkzeug's scrypt of earlier releases, the PBKDF2 of system-made
passwords) still verify and are replaced by Argon2id at the next successful login.
An unknown account is checked against a dummy hash, so a login takes as long
whether the account exists or not.
"""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from werkzeug.security import check_password_hash

ARGON2_PREFIX = "$argon2id$"
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_DUMMY_HASH = HASHER.hash("mật khẩu không thuộc tài khoản nào")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    if not stored.startswith(ARGON2_PREFIX):
        return check_password_hash(stored, password)
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """A hash of an older method or older parameters: replaced at the next login."""
    return not stored.startswith(ARGON2_PREFIX) or HASHER.check_needs_rehash(stored)


def spend_a_check(password: str) -> None:
    """The work of one check, for an account that does not exist."""
    verify_password(_DUMMY_HASH, password)
