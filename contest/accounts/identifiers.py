"""What a person types to log in, in one canonical form.

The login form, the account lookup and the login limits all read an identifier
through ``canonical_identifier``: if they differed, the same account written
another way ("09\\x0112345678", full-width digits, a zero-width space) would be
found by the lookup but counted under another key by the limit.
"""
import unicodedata

from contest.accounts.phone import normalize_phone

# Unicode categories removed: control (Cc) and format (Cf: zero-width spaces and
# joiners, the byte-order mark, soft hyphens, bidirectional marks).
_INVISIBLE = frozenset({"Cc", "Cf"})


def canonical_identifier(raw) -> str:
    """A phone as ``0912345678``, an e-mail address lower-cased; invisible
    characters removed and compatibility forms folded (NFKC) first."""
    text = unicodedata.normalize("NFKC", raw if isinstance(raw, str) else "")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE).strip()
    if "@" in text:
        return text.lower()
    return normalize_phone(text)
