"""Passwords the system makes up: read once by a person, typed on a phone."""
import secrets

# No 0/o, 1/l/i: read aloud or copied from a printed list without confusion.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LENGTH = 10  # about 49 bits of randomness
# Bulk creation hashes up to 2,000 passwords in one request: the default
# (Argon2id, ~20 ms each, accounts/rules/hashing.py) would hold a worker for 40 s. A
# random 10-character password does not need a slow hash to resist guessing;
# PBKDF2 with 10,000 rounds keeps the request to seconds. The person's first
# login replaces it with Argon2id.
INITIAL_HASH_METHOD = "pbkdf2:sha256:10000"


def new_password() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
