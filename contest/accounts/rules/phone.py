"""Vietnamese mobile numbers: one account per phone, so one canonical form.

Full-width digits are folded to ASCII (NFKC); any other digits (Arabic-Indic,
Devanagari…) are not digits of a phone number: ``re``'s ``\\d`` would take them,
and the same number written in them would register twice.
"""
import re
import unicodedata

_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE = re.compile(r"^0[35789][0-9]{8}$")


def normalize_phone(raw: str) -> str:
    """'+84 912 345 678' -> '0912345678' (no validation)."""
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw or ""))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def is_valid_mobile(phone: str) -> bool:
    return bool(_MOBILE.match(phone))
