"""Per-question statistics for organizers: how often drawn, share answered
correctly, and the discrimination index.

Discrimination = share correct among the top 27% of submitted attempts by score
share (score / total) minus share correct among the bottom 27%. Where the 27%
line falls inside a group of attempts with the same score, that group counts
in proportion (the usual way to split ties, and the same result whatever the
order the attempts came in).

Everything is read from the question tallies kept current at each submit
(drawn and correct per question, round, and attempt score), so the page reads
a few thousand rows however many attempts there are.
"""
import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from contest.bank.models import Question, QuestionTally
from contest.extensions import db

GROUP_SHARE = 0.27
LOW_CORRECT_SHARE = 0.2
MIN_DRAWN_FOR_FLAGS = 5


@dataclass(frozen=True)
class QuestionStats:
    question_id: int
    code: str
    version: int
    text: str
    drawn: int
    correct_share: float | None
    discrimination: float | None
    flags: tuple[str, ...]


def group_size(attempt_count: int) -> int:
    return max(1, math.ceil(GROUP_SHARE * attempt_count)) if attempt_count else 0


def _tally_rows(round_id: int | None):
    """(question id, code, version, text, total, score, drawn, correct), the
    tallies summed over rounds first, the question texts joined after."""
    T = QuestionTally
    sums = select(T.question_id, T.total, T.score, func.sum(T.drawn).label("drawn"),
                  func.sum(T.correct).label("correct")).group_by(T.question_id, T.total, T.score)
    if round_id is not None:
        sums = sums.where(T.round_id == round_id)
    sums = sums.subquery()
    return db.session.execute(
        select(sums.c.question_id, Question.code, Question.version, Question.text,
               sums.c.total, sums.c.score, sums.c.drawn, sums.c.correct)
        .join(Question, Question.id == sums.c.question_id)).all()


def _attempts_by_score(rows) -> dict[tuple[int, int], int]:
    """Each attempt adds one draw per question it had: attempts = draws / total."""
    draws: dict[tuple[int, int], int] = defaultdict(int)
    for *_, total, score, drawn, _correct in rows:
        draws[(total, score)] += drawn
    return {key: count // key[0] for key, count in draws.items()}


def group_weights(attempts: dict[tuple[int, int], int], best_first: bool) -> dict:
    """The share of each (total, score) group inside the top (or bottom) 27%."""
    wanted = group_size(sum(attempts.values()))
    order = sorted(attempts, key=lambda key: key[1] / key[0], reverse=best_first)
    weights = {}
    for key in order:
        if wanted <= 0:
            break
        taken = min(wanted, attempts[key])
        weights[key] = taken / attempts[key]
        wanted -= taken
    return weights


def question_statistics(round_id: int | None = None,
                        min_drawn: int = MIN_DRAWN_FOR_FLAGS) -> list[QuestionStats]:
    """Statistics for every question version drawn in submitted attempts
    (of one round, or of all rounds)."""
    rows = _tally_rows(round_id)
    attempts = _attempts_by_score(rows)
    top, bottom = group_weights(attempts, True), group_weights(attempts, False)
    sums: dict[int, list] = {}
    for question_id, code, version, text, total, score, drawn, correct in rows:
        entry = sums.setdefault(question_id, [question_id, code, version, text] + [0] * 6)
        key = (total, score)
        entry[4] += drawn
        entry[5] += correct
        entry[6] += drawn * top.get(key, 0)
        entry[7] += correct * top.get(key, 0)
        entry[8] += drawn * bottom.get(key, 0)
        entry[9] += correct * bottom.get(key, 0)
    ordered = sorted(sums.values(), key=lambda entry: (entry[1], entry[2]))
    return [_stats(tuple(entry), min_drawn) for entry in ordered]


def _share(part, whole) -> float | None:
    return part / whole if whole else None


def _stats(row, min_drawn: int) -> QuestionStats:
    question_id, code, version, text, drawn, correct, top_n, top_ok, bottom_n, bottom_ok = row
    share = _share(correct, drawn)
    top_share, bottom_share = _share(top_ok, top_n), _share(bottom_ok, bottom_n)
    discrimination = (top_share - bottom_share
                      if top_share is not None and bottom_share is not None else None)
    flags = []
    if drawn >= min_drawn:
        if share is not None and share < LOW_CORRECT_SHARE:
            flags.append("Rất ít người trả lời đúng")
        if discrimination is not None and discrimination < 0:
            flags.append("Độ phân biệt âm: người điểm thấp đúng nhiều hơn người điểm cao")
    return QuestionStats(question_id, code, version, text, drawn, share, discrimination, tuple(flags))
