"""Unit rankings: per round or for the whole contest, one bloc (unit kind) at a
time, read from the unit figures kept current at each submit.

Prize order: participation rate (participants ÷ headcount), then average best
score, then participants, then name. A unit without a headcount, or below the
contest's minimum rate, is listed after the eligible ones and takes no place;
a unit nobody of which took part takes no place either, and comes last.
Before a round settles the public reads them without scores, in participation
order, or without counts at all (``rankings.rules.disclosure``).
"""
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.rankings.models import ContestEntry, RoundEntry, UnitContestStat, UnitRoundStat
from contest.units.models import KIND_LABELS, Unit
from contest.units.queries import IS_PUBLIC


@dataclass(frozen=True)
class UnitInfo:
    """What a ranking shows of a unit: plain values, cheap to cache (an ORM
    object would be pickled with its session state on every cache hit)."""
    id: int
    code: str
    name: str
    kind: str
    headcount: int | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


UNIT_COLUMNS = (Unit.id, Unit.code, Unit.name, Unit.kind, Unit.headcount)
NO_PARTICIPANTS = "Chưa có người dự thi"


@dataclass(frozen=True)
class UnitStanding:
    """A unit's figures in a round or the contest. A figure not to be shown yet
    (``rankings.rules.disclosure``) is None: the count of participants and attempts
    (with the rate and rank they give), or the sum of best scores."""
    unit: UnitInfo
    participants: int | None
    attempts: int | None
    score_sum: int | None
    rank: int | None  # None: not eligible for a unit prize (or not told yet)
    rate: float | None
    min_rate: int | None

    @property
    def average_score(self) -> float | None:
        if self.score_sum is None or not self.participants:
            return None
        return self.score_sum / self.participants

    @property
    def eligible(self) -> bool:
        return self.rank is not None

    @property
    def without_participants(self) -> bool:
        """Nobody of the unit took part (False while the counts are not shown)."""
        return self.participants == 0

    @property
    def why_not_eligible(self) -> str | None:
        """From the unit's own figures, not its place: a manager reads it for
        their unit while the places of a round that counts taking part are sealed."""
        if self.participants is None or _eligible(self, self.min_rate):
            return None
        if self.rate is None:
            return "Chưa có số cán bộ, công chức, viên chức"
        if self.without_participants:
            return NO_PARTICIPANTS
        return f"Tỷ lệ tham gia dưới {self.min_rate}%"


def participation_rate(participants: int, headcount: int | None) -> float | None:
    return participants / headcount if headcount else None


def _figures(scope: Round | Contest, kind: str):
    if isinstance(scope, Round):
        stat, scope_match = UnitRoundStat, UnitRoundStat.round_id == scope.id
    else:
        stat, scope_match = UnitContestStat, UnitContestStat.contest_id == scope.id
    return db.session.execute(
        select(*UNIT_COLUMNS, stat.participants, stat.attempts, stat.score_sum)
        .outerjoin(stat, (stat.unit_id == Unit.id) & scope_match)
        .where(IS_PUBLIC, Unit.kind == kind)
    ).all()


def _figures_for_audiences(scope: Round | Contest, kind: str, audiences: tuple[str, ...]):
    """The same figures counted from the entries of some audience groups only
    (organizer's filter; reads the scope's entries, so not for public pages)."""
    if isinstance(scope, Round):
        entry, scope_match, score = RoundEntry, RoundEntry.round_id == scope.id, RoundEntry.score
    else:
        entry, scope_match = ContestEntry, ContestEntry.contest_id == scope.id
        score = ContestEntry.score_sum
    figures = (select(entry.unit_id, func.count().label("participants"),
                      func.sum(entry.attempts).label("attempts"), func.sum(score).label("score_sum"))
               .where(scope_match, entry.audience.in_(audiences))
               .group_by(entry.unit_id).subquery())
    return db.session.execute(
        select(*UNIT_COLUMNS, figures.c.participants, figures.c.attempts, figures.c.score_sum)
        .outerjoin(figures, figures.c.unit_id == Unit.id).where(IS_PUBLIC, Unit.kind == kind)
    ).all()


def prize_order(standing: UnitStanding):
    average = standing.average_score or 0
    return (-(standing.rate or 0), -average, -standing.participants, standing.unit.name)


def participation_order(standing: UnitStanding):
    """The prize order without the average score: while a round is not settled
    the order must not tell whose people score better (``rankings.rules.disclosure``)."""
    return (-(standing.rate or 0), -standing.participants, standing.unit.name)


def unit_standings(scope: Round | Contest, kind: str, min_rate: int | None,
                   audiences: tuple[str, ...] = ()) -> list[UnitStanding]:
    """Every unit of ``kind`` with its figures, eligible units first in prize order."""
    rows = _figures_for_audiences(scope, kind, audiences) if audiences else _figures(scope, kind)
    standings = []
    for *unit_values, participants, attempts, score_sum in rows:
        unit = UnitInfo(*unit_values)
        rate = participation_rate(participants or 0, unit.headcount)
        standings.append(UnitStanding(unit, participants or 0, attempts or 0, score_sum or 0,
                                      None, rate, min_rate))
    return ranked(standings, min_rate, prize_order)


def ranked(standings: list[UnitStanding], min_rate: int | None, order) -> list[UnitStanding]:
    """Eligible units first, numbered in ``order``; the others after, in the same
    order and without a place; the units nobody of which took part last."""
    ordered = sorted(standings, key=lambda s: (s.without_participants, order(s)))
    eligible = [s for s in ordered if _eligible(s, min_rate)]
    others = [replace(s, rank=None) for s in ordered if not _eligible(s, min_rate)]
    return [replace(s, rank=place) for place, s in enumerate(eligible, start=1)] + others


def _eligible(standing: UnitStanding, min_rate: int | None) -> bool:
    if standing.rate is None or standing.without_participants:
        return False
    return min_rate is None or standing.rate * 100 >= min_rate


def standing_of(unit_id: int, standings: list[UnitStanding]) -> UnitStanding | None:
    return next((s for s in standings if s.unit.id == unit_id), None)
