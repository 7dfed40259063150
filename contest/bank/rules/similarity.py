"""Near-duplicate questions: the same fact asked twice (in two topics, or reworded).

Two questions are similar when the words of question plus correct answer overlap
a lot (Jaccard index over folded words, common words left out). Exact duplicates
are an error of `bank check`; near ones are listed by `bank similar` for a person
to judge, because one attempt could otherwise ask the same fact twice.
"""
import re
from dataclasses import dataclass
from itertools import combinations

from contest.bank.formats.records import QuestionRecord
from contest.text import fold

COMMON_WORDS = frozenset(
    "theo ke hoach cua ubnd tinh la gi nao duoc co cac va trong ve de cho voi mot nhung so "
    "ngay nam thang nhu sau nay khong tai muc dong phu luc".split())
DEFAULT_THRESHOLD = 0.6


@dataclass(frozen=True)
class SimilarPair:
    score: float
    first: QuestionRecord
    second: QuestionRecord


def _words(record: QuestionRecord) -> frozenset[str]:
    text = fold(f"{record.question} {record.options[record.correct - 1]}")
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text) if len(w) > 1 and w not in COMMON_WORDS)


def similar_pairs(records: list[QuestionRecord], threshold: float = DEFAULT_THRESHOLD) -> list[SimilarPair]:
    words = {record.code: _words(record) for record in records}
    pairs = []
    for first, second in combinations(records, 2):
        a, b = words[first.code], words[second.code]
        score = len(a & b) / len(a | b) if a | b else 0.0
        if score >= threshold:
            pairs.append(SimilarPair(score, first, second))
    return sorted(pairs, key=lambda pair: -pair.score)
