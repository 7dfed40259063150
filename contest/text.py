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


def matches(query: str, folded_haystack: str) -> bool:
    """True when every word of ``query`` appears in the already folded text."""
    return all(word in folded_haystack for word in fold(query).split())


def normalise_text(text: str) -> str:
    """NFC, case, punctuation and spaces folded: for duplicate detection."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.translate(str.maketrans("", "", string.punctuation + "“”‘’«»…–—"))
    return " ".join(text.split())
