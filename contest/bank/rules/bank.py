"""Rules over the whole bank that one question alone cannot break: no stem or
option that gives away another question's key (giveaways.py), no similar pair left
ungrouped, few keys that are a bare number, date or document number, and no
province plan in a national topic. Retired questions are never drawn, so they are
left out.
"""
import re
from dataclasses import dataclass

from contest.bank.formats.records import NATIONAL, QuestionRecord, can_meet, key_of, same_group
from contest.bank.rules.giveaways import giveaways
from contest.bank.rules.similarity import DEFAULT_THRESHOLD, similar_pairs
from contest.formatting import decimal, percent
from contest.text import fold

BARE_KEY_MAX_SHARE = 0.10
BARE_KEY_MAX_WORDS = 2  # "5 nhóm", "Mức độ 2", "2022–2025, tầm nhìn đến năm 2030"

_FILLER = frozenset(
    "ngay thang nam so khoang hon tren duoi gan tu den va phan tram nguoi ty trieu nghin "
    "gio phut lan diem muc con la it nhat toi da".split())
_DOCUMENT_TYPES = re.compile(
    r"^(nghi dinh|nghi quyet|quyet dinh|chi thi|thong tu|luat|ke hoach|cong van|thong bao|"
    r"quy dinh|ket luan|thong tu lien tich)\s+")
_DOCUMENT_NUMBER = re.compile(r"^(so\s+)?\d+[/\-][0-9a-z/\-]+(\s+ngay\s+\d{1,2}/\d{1,2}/\d{4})?$")
_PROVINCE_PLAN = re.compile(r"\bke hoach\b.*\bubnd\b|\bubnd\b.*\bke hoach\b")


@dataclass(frozen=True)
class BankProblem:
    topic: str
    code: str
    message: str


def drawable(records: list[QuestionRecord]) -> list[QuestionRecord]:
    return [record for record in records if not record.retired]


def marked_distinct(first: QuestionRecord, second: QuestionRecord) -> bool:
    return first.code in second.distinct_from or second.code in first.distinct_from


# --- giveaways -----------------------------------------------------------------

def giveaway_problems(records: list[QuestionRecord]) -> list[BankProblem]:
    """A stem or option telling the key of another question it can share an attempt with."""
    return [BankProblem(found.teller.topic, found.teller.code, found.message)
            for found in giveaways(records)]


# --- similar pairs ---------------------------------------------------------------

def ungrouped_similar_problems(records: list[QuestionRecord]) -> list[BankProblem]:
    return [BankProblem(pair.first.topic, pair.first.code, (
                f"gần giống câu {pair.second.code} (chỉ số {decimal(pair.score)}): đưa vào cùng "
                f"một nhóm (group) hoặc ghi distinct_from khi hai câu hỏi hai sự kiện khác nhau"))
            for pair in similar_pairs(records, DEFAULT_THRESHOLD)
            if can_meet(pair.first, pair.second) and not same_group(pair.first, pair.second)
            and not marked_distinct(pair.first, pair.second)]


# --- keys that are a bare number, date or document number ------------------------

def is_bare_key(key: str) -> bool:
    """"09/6/2025", "Khoảng 57%", "Quyết định số 1294/QĐ-BNV ngày 03/12/2012 của Bộ Nội vụ"."""
    text = re.sub(r"\s+", " ", fold(key).replace(",", " ").replace(".", " ")).strip()
    text = re.sub(r"\s+cua\s+.*$", "", text)
    tokens = re.findall(r"[a-z]+|\d+", text)
    words = [token for token in tokens if not token.isdigit() and token not in _FILLER]
    if any(token.isdigit() for token in tokens) and len(words) <= BARE_KEY_MAX_WORDS:
        return True
    return bool(_DOCUMENT_NUMBER.match(_DOCUMENT_TYPES.sub("", text)))


def bare_key_share(records: list[QuestionRecord]) -> tuple[int, int]:
    return sum(is_bare_key(key_of(record)) for record in records), len(records)


def bare_key_problems(records: list[QuestionRecord], where: str) -> list[BankProblem]:
    bare, total = bare_key_share(records)
    if total and bare / total > BARE_KEY_MAX_SHARE:
        return [BankProblem(where, "", (
            f"đáp án đúng là một con số, ngày tháng hoặc số hiệu văn bản ở {bare}/{total} câu "
            f"(tối đa {percent(BARE_KEY_MAX_SHARE, 0)})"))]
    return []


# --- scope ---------------------------------------------------------------------------

def province_plan_problems(records: list[QuestionRecord]) -> list[BankProblem]:
    """A national topic holds no question whose source is a province's plan."""
    return [BankProblem(record.topic, record.code, (
                "nguồn là kế hoạch của một địa phương nhưng chủ đề thuộc phạm vi toàn quốc: "
                "chuyển câu hỏi sang chủ đề của tỉnh đó"))
            for record in records
            if record.scope == NATIONAL and _PROVINCE_PLAN.search(fold(record.source_document))]


def fact_groups(records: list[QuestionRecord]) -> int:
    return len({record.group for record in records if record.group})


def whole_bank_problems(records: list[QuestionRecord], where: str) -> list[BankProblem]:
    active = drawable(records)
    return (province_plan_problems(active) + giveaway_problems(active)
            + ungrouped_similar_problems(active) + bare_key_problems(active, where))
