"""Certificate codes: 16 random characters (80 bits) from an alphabet with no
look-alikes (no 0/O, 1/I), printed in groups of four so a person can type one
from the paper: ``K7QF-3MZP-XW2A-9RTD``."""
import re
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 16
GROUP = 4
_SEPARATORS = re.compile(r"[\s\-.]")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """The code as printed: groups of four joined by hyphens."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def normalise(typed: str) -> str | None:
    """A stored code from what a person typed or scanned (any case, with or
    without hyphens and spaces), or None when it cannot be one."""
    code = _SEPARATORS.sub("", typed or "").upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code
