"""A proof-of-work step for logins from an address with many recent failures.

Hundreds of people share one address behind an agency's or a carrier's NAT, so
a script failing logins there must not lock them out (issue 18); instead every
login from that address, right password or wrong, first costs the browser a
small computation (static/js/login-challenge.js, about a second), served and
checked by this app alone. A person barely notices; a script guessing
passwords across many accounts slows to that pace per guess. The challenge is
signed, bound to the address, expires, and is accepted once.
"""
import hashlib
import secrets

from flask import current_app
from flask_limiter.util import get_remote_address
from itsdangerous import BadData, URLSafeTimedSerializer

from contest.extensions import limiter

LIFETIME_SECONDS = 300
DEFAULT_BITS = 16  # leading zero bits of SHA-256: ~65,000 hashes on average


def difficulty() -> int:
    return current_app.config.get("LOGIN_CHALLENGE_BITS", DEFAULT_BITS)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="login-challenge")


def new_challenge() -> str:
    """A fresh challenge for this request's address."""
    return _serializer().dumps({"nonce": secrets.token_hex(8), "address": get_remote_address(),
                                "bits": difficulty()})


def leading_zero_bits(digest: bytes) -> int:
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def solves(challenge: str, answer: str) -> bool:
    """Whether SHA-256 of "challenge:answer" starts with enough zero bits."""
    digest = hashlib.sha256(f"{challenge}:{answer}".encode()).digest()
    return leading_zero_bits(digest) >= difficulty()


def is_solved(challenge: str | None, answer: str | None) -> bool:
    """A valid, unexpired challenge of this address, solved, and not used before."""
    if not challenge or not answer or len(answer) > 20 or not answer.isdigit():
        return False
    try:
        content = _serializer().loads(challenge, max_age=LIFETIME_SECONDS)
    except BadData:
        return False
    if content.get("address") != get_remote_address() or not solves(challenge, answer):
        return False
    return _first_use(content["nonce"])


def _first_use(nonce: str) -> bool:
    """Counted in the limiter's storage (Redis when shared), so one solution
    buys one try on every node."""
    return limiter.storage.incr(f"login-challenge:{nonce}", LIFETIME_SECONDS) == 1
