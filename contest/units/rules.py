"""What a unit must look like: the same rules and Vietnamese messages for the
organizer's form and for the Excel import."""
import re
from dataclasses import asdict, dataclass

from contest.formatting import number
from contest.text import clean_text, fold
from contest.units.models import UNIT_KINDS

CODE_PATTERN = re.compile(r"[A-Z0-9_-]{2,32}")
MAX_NAME = 200
MAX_HEADCOUNT = 1_000_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")

CODE_RULE = "Mã đơn vị gồm 2–32 ký tự: chữ in hoa không dấu A–Z, chữ số 0–9, dấu - hoặc _."
CODE_MISSING = "Vui lòng nhập mã đơn vị."
NAME_MISSING = "Vui lòng nhập tên đơn vị."
NAME_TOO_LONG = f"Tên đơn vị tối đa {MAX_NAME} ký tự."
KIND_UNKNOWN = "Loại đơn vị phải là " + ", ".join(f"“{label}”" for label in UNIT_KINDS.values()) + "."
HEADCOUNT_RULE = f"Biên chế phải là số nguyên từ 0 đến {number(MAX_HEADCOUNT)}, hoặc để trống."
CODE_TAKEN = "Mã đơn vị này đã được dùng cho một đơn vị khác."


@dataclass(frozen=True)
class UnitRecord:
    """A unit as the organizer writes it (form or spreadsheet row), already checked."""
    code: str
    name: str
    kind: str
    headcount: int | None

    def as_dict(self) -> dict:
        return asdict(self)


def clean_code(text: str | None) -> str:
    """Codes are compared and stored in upper case without surrounding spaces."""
    return (text or "").strip().upper()


def clean_name(text: str | None) -> str:
    """NFC, invisible characters removed, spaces collapsed: two names that look the
    same are the same name (the unit list's duplicate check)."""
    return " ".join(clean_text(_CONTROL.sub(" ", text or "")).split())


def code_problem(code: str) -> str | None:
    if not code:
        return CODE_MISSING
    return None if CODE_PATTERN.fullmatch(code) else CODE_RULE


def name_problem(name: str) -> str | None:
    if not name:
        return NAME_MISSING
    return NAME_TOO_LONG if len(name) > MAX_NAME else None


def headcount_problem(headcount: int | None) -> str | None:
    if headcount is None or 0 <= headcount <= MAX_HEADCOUNT:
        return None
    return HEADCOUNT_RULE


def _kind_key(text: str) -> str:
    return _NOT_WORD.sub(" ", fold(text)).strip()


# Everything an organizer might write in the "Loại" column, folded.
KIND_NAMES = {
    **{_kind_key(key): key for key in UNIT_KINDS},
    **{_kind_key(label): key for key, label in UNIT_KINDS.items()},
    _kind_key("Sở, ban, ngành"): "agency",
    _kind_key("Xã, phường"): "commune",
    _kind_key("Đơn vị sự nghiệp"): "public_service",
}


def parse_kind(text: str | None) -> str | None:
    """The kind key for a label or key, ignoring case, diacritics and punctuation."""
    return KIND_NAMES.get(_kind_key(text or ""))


def parse_headcount(text: str | None) -> tuple[int | None, str | None]:
    """(headcount, problem) from a spreadsheet cell: blank is None; "50" and "50.0"
    are 50; anything else (including "1.234", which could mean 1234) is refused."""
    text = (text or "").strip()
    if not text:
        return None, None
    try:
        number = float(text)
    except ValueError:
        return None, HEADCOUNT_RULE
    if not number.is_integer():
        return None, HEADCOUNT_RULE
    headcount = int(number)
    problem = headcount_problem(headcount)
    return (None, problem) if problem else (headcount, None)
