"""The CCCD (citizen identity card) number is never stored: only an HMAC-SHA256 of
it, keyed with ``CCCD_HASH_KEY`` (so a leaked table cannot be matched against the
10^12 possible numbers without the key), which backs the one-account-per-CCCD
rule, and its last four digits to show the person and the organizer.

Without ``CCCD_HASH_KEY`` the key is derived from ``SECRET_KEY``; changing the key
in use makes every stored hash unmatchable (duplicates would go unnoticed), so a
deployment sets ``CCCD_HASH_KEY`` once and keeps it.
"""
import hashlib
import hmac
import re

from flask import current_app

_SEPARATORS = re.compile(r"[\s.\-]")
_TWELVE_DIGITS = re.compile(r"[0-9]{12}")  # ASCII only: \d would take "١٢٣…"
DERIVATION_LABEL = b"cchc-contest/cccd-hash-key/v1"


def normalize_cccd(raw: str | None) -> str:
    """'0010 9001-2345' -> '001090012345' (no validation)."""
    return _SEPARATORS.sub("", raw or "")


def is_valid_cccd(number: str) -> bool:
    return bool(_TWELVE_DIGITS.fullmatch(number))


def hash_key(config=None) -> bytes:
    config = config if config is not None else current_app.config
    if config.get("CCCD_HASH_KEY"):
        return config["CCCD_HASH_KEY"].encode()
    return derived_key(config["SECRET_KEY"])


def derived_key(secret_key: str) -> bytes:
    """The key used when ``CCCD_HASH_KEY`` is unset (the migration derives it the same way)."""
    return hmac.new(secret_key.encode(), DERIVATION_LABEL, hashlib.sha256).digest()


def cccd_hash(number: str, key: bytes | None = None) -> str:
    """The stored form of a normalised, valid number: 64 hex characters."""
    return hmac.new(key or hash_key(), number.encode(), hashlib.sha256).hexdigest()


def stored_fields(raw: str | None) -> dict:
    """``cccd_hash`` and ``cccd_last4`` for a User, both None when no number was given."""
    number = normalize_cccd(raw)
    if not number:
        return {"cccd_hash": None, "cccd_last4": None}
    return {"cccd_hash": cccd_hash(number), "cccd_last4": number[-4:]}
