"""What a person types to log in, in one canonical form.

The login form, the account lookup and the login limits all read an identifier
through ``canonical_identifier``: if they differed, the same account written
another way ("09\\x0112345678", full-width digits, a zero-width space) would be
found by the lookup but counted under another key by the limit.
"""
import unicodedata

from contest.accounts.rules.phone import normalize_phone
from contest.text import clean_text


def canonical_identifier(raw) -> str:
    """A phone as ``0912345678``, an e-mail address lower-cased; compatibility
    forms folded (NFKC) and invisible characters removed first (``clean_text``)."""
    text = clean_text(unicodedata.normalize("NFKC", raw if isinstance(raw, str) else ""))
    if "@" in text:
        return text.lower()
    return normalize_phone(text)
