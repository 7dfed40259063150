"""Vietnamese text helpers: search that ignores diacritics and case."""
import re
import string
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics ("Sở Nội vụ" -> "so noi vu")."""
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", text).strip().lower()


def normalise_text(text: str) -> str:
    """NFC, case, punctuation and spaces folded: for duplicate detection."""
    text = clean_text(text).casefold()
    text = text.translate(str.maketrans("", "", string.punctuation + "“”‘’«»…–—"))
    return " ".join(text.split())


# Removed from names, units, question texts and options: control characters
# (Cc; a line break stays in texts that have lines) and format characters (Cf:
# zero-width spaces and joiners, the byte-order mark, bidirectional marks and
# overrides), which make two texts look the same while comparing different.
_INVISIBLE = frozenset({"Cc", "Cf"})


def clean_text(value, keep_lines: bool = False):
    """``value`` in NFC with invisible characters removed and outer spaces
    stripped; what is not a string is returned as it is (a form's empty field)."""
    if not isinstance(value, str):
        return value
    kept = "\n" if keep_lines else ""
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
    return "".join(ch for ch in text
                   if ch in kept or unicodedata.category(ch) not in _INVISIBLE).strip()
