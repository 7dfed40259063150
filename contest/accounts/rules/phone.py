"""Vietnamese mobile numbers: one account per phone, so one canonical form.

Any way a person writes a Vietnamese number (+84, 0084, a national "(0)",
spaces, dots, dashes, brackets) is read by phonenumbers (Google's
libphonenumber data) and kept as "0" and its nine digits. Full-width digits are
folded to ASCII first (NFKC); any other digits (Arabic-Indic, Devanagari…) are
not digits of a phone number here: the number written in them would read as
the same phone to some tools and as another to others, so it is refused.
"""
import re
import unicodedata

import phonenumbers

VIETNAM = 84
_SEPARATORS = re.compile(r"[\s.\-()]")
_WRITTEN_PHONE = re.compile(r"^[0-9+\s.\-()]*$")  # after NFKC: ASCII digits only
_MOBILE = re.compile(r"^0[35789][0-9]{8}$")


def normalize_phone(raw: str) -> str:
    """'+84 (0)912 345 678', '0084 912 345 678' -> '0912345678' (no validation:
    text that is not a Vietnamese number comes back as its bare characters,
    which ``is_valid_mobile`` refuses)."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    bare = _SEPARATORS.sub("", text)
    if not _WRITTEN_PHONE.match(text):
        return bare
    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        return bare
    if number.country_code != VIETNAM:
        return bare
    return f"0{number.national_number}"


def is_valid_mobile(phone: str) -> bool:
    return bool(_MOBILE.match(phone))
