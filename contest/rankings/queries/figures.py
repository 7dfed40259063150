"""Participation and score figures of a round, for its pages, exports and report.

Each reads the tables kept current at submit where it can (question tallies,
round entries); participation by day reads the round's attempts through the
(round, submitted_at) index once, grouped in the database.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select

from contest.audiences import AUDIENCES
from contest.bank.models import QuestionTally
from contest.clock import EPOCH_DAY, local_day_number
from contest.contests.models import Round
from contest.extensions import db
from contest.quiz.models import SUBMITTED, Attempt
from contest.rankings.models import RoundEntry


@dataclass(frozen=True)
class ScoreBands:
    """Submitted attempts by share of correct answers."""
    attempts: int
    full: int   # every answer correct
    high: int   # >= 75%, not all
    mid: int    # 25% to < 75%
    low: int    # < 25%


def score_bands(round_: Round) -> ScoreBands:
    """Submitted attempts by share correct. Every attempt adds one tally row per
    question it drew, so the attempts with a score are the draws at that score
    divided by the number of questions."""
    rows = db.session.execute(
        select(QuestionTally.total, QuestionTally.score, func.sum(QuestionTally.drawn))
        .where(QuestionTally.round_id == round_.id)
        .group_by(QuestionTally.total, QuestionTally.score)
    ).all()
    counts = {"full": 0, "high": 0, "mid": 0, "low": 0}
    for total, score, drawn in rows:
        counts[_band(score, total)] += drawn // total
    return ScoreBands(attempts=sum(counts.values()), **counts)


def _band(score: int, total: int) -> str:
    if score == total:
        return "full"
    if score * 4 >= total * 3:
        return "high"
    return "mid" if score * 4 >= total else "low"


@dataclass(frozen=True)
class DayFigures:
    day: date
    attempts: int
    new_participants: int  # people whose first attempt of the round was submitted that day


def participation_by_day(round_: Round) -> list[DayFigures]:
    """Attempts 1 of each person count as new participants: a person's first
    attempt is always submitted (or finished) before their second can start."""
    day = local_day_number(Attempt.submitted_at).label("day")
    rows = db.session.execute(
        select(day, func.count(), func.sum(case((Attempt.number == 1, 1), else_=0)))
        .where(Attempt.round_id == round_.id, Attempt.status == SUBMITTED)
        .group_by(day).order_by(day)
    ).all()
    return [DayFigures(EPOCH_DAY + timedelta(days=int(number)), attempts, new or 0)
            for number, attempts, new in rows]


@dataclass(frozen=True)
class AudienceFigures:
    audience: str
    label: str
    participants: int
    attempts: int
    average_score: float | None


def participation_by_audience(round_: Round) -> list[AudienceFigures]:
    E = RoundEntry
    rows = dict((row[0], row[1:]) for row in db.session.execute(
        select(E.audience, func.count(), func.sum(E.attempts), func.avg(E.score))
        .where(E.round_id == round_.id).group_by(E.audience)))
    figures = []
    for key, label in AUDIENCES.items():
        participants, attempts, average = rows.get(key, (0, 0, None))
        figures.append(AudienceFigures(key, label, participants, attempts or 0,
                                       float(average) if average is not None else None))
    return figures
