"""Reading the rankings: one query shape per ranking, in the total order, served
by one index each (``ix_round_entries_rank``, ``ix_contest_entries_rank``)."""
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import func, select, tuple_

from contest.accounts.models import User
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.paging import Page
from contest.rankings.models import (
    ContestEntry, RankBucket, RoundEntry, UnitContestStat, UnitRoundStat,
)
from contest.units.models import Unit

E, C = RoundEntry, ContestEntry
ROUND_ORDER = (E.score.desc(), E.prediction_error, E.duration_ms, E.submitted_at, E.attempt_id)
CONTEST_ORDER = (C.score_sum.desc(), C.duration_sum, C.last_submitted_at, C.user_id)


@dataclass(frozen=True)
class Filters:
    audiences: tuple[str, ...] = ()
    unit_kind: str | None = None
    unit_id: int | None = None

    def apply(self, stmt, entity):
        if self.audiences:
            stmt = stmt.where(entity.audience.in_(self.audiences))
        if self.unit_id is not None:
            stmt = stmt.where(entity.unit_id == self.unit_id)
        if self.unit_kind:
            stmt = stmt.where(Unit.kind == self.unit_kind)
        return stmt


@dataclass(frozen=True)
class RankedRow:
    rank: int
    entry: RoundEntry | ContestEntry
    full_name: str
    unit_name: str
    role: str


def _ranked(entity, scope_column, scope_id, order, filters: Filters):
    stmt = (select(entity, User.full_name, Unit.name, User.role)
            .join(User, User.id == entity.user_id).join(Unit, Unit.id == entity.unit_id)
            .where(scope_column == scope_id))
    return filters.apply(stmt, entity).order_by(*order)


def _count(entity, scope_column, scope_id, filters: Filters) -> int:
    stmt = select(func.count()).select_from(entity).where(scope_column == scope_id)
    if filters.unit_kind:
        stmt = stmt.join(Unit, Unit.id == entity.unit_id)
    return db.session.scalar(filters.apply(stmt, entity))


def _page(entity, scope_column, scope_id, order, filters, page, per_page) -> Page:
    offset = (page - 1) * per_page
    result = db.session.execute(
        _ranked(entity, scope_column, scope_id, order, filters).offset(offset).limit(per_page))
    rows = [RankedRow(offset + i, *row) for i, row in enumerate(result, start=1)]
    if filters == Filters():  # everyone: the units' figures tell how many
        total = people_ranked("round" if entity is E else "contest", scope_id)
    else:
        total = _count(entity, scope_column, scope_id, filters)
    return Page(rows, total, page, per_page)


def round_ranking(round_: Round, page: int = 1, per_page: int = 50,
                  filters: Filters = Filters()) -> Page:
    return _page(E, E.round_id, round_.id, ROUND_ORDER, filters, page, per_page)


def contest_ranking(contest: Contest, page: int = 1, per_page: int = 50,
                    filters: Filters = Filters()) -> Page:
    return _page(C, C.contest_id, contest.id, CONTEST_ORDER, filters, page, per_page)


def iter_round_ranking(round_: Round, filters: Filters = Filters(),
                       batch: int = 2000) -> Iterator[RankedRow]:
    """The whole ranking in order, read in batches (exports, prize allocation)."""
    stmt = _ranked(E, E.round_id, round_.id, ROUND_ORDER, filters)
    result = db.session.execute(stmt.execution_options(yield_per=batch))
    try:
        for rank, row in enumerate(result, start=1):
            yield RankedRow(rank, *row)
    finally:
        result.close()


# The last two say where the person stands on prizes (``prizes.queries``).
EXPORT_COLUMNS = (User.full_name, Unit.name, Unit.kind, E.audience, E.score, E.total,
                  E.duration_ms, E.submitted_at, E.prediction, E.prediction_error, E.attempts,
                  E.user_id, User.role)


def iter_round_ranking_columns(round_: Round, batch: int = 5000) -> Iterator[tuple]:
    """The whole ranking as plain tuples ``(rank, *EXPORT_COLUMNS)``: no ORM object a
    row, for exports of hundreds of thousands of rows."""
    stmt = (select(*EXPORT_COLUMNS).join(User, User.id == E.user_id)
            .join(Unit, Unit.id == E.unit_id).where(E.round_id == round_.id)
            .order_by(*ROUND_ORDER))
    result = db.session.execute(stmt.execution_options(yield_per=batch))
    try:
        for rank, row in enumerate(result, start=1):
            yield (rank, *row)
    finally:
        result.close()


# --- one person's place ------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """A person's place, read only once the scope is settled (``rankings.rules.disclosure``)."""
    rank: int          # 1 = first
    of: int            # people ranked
    provisional: bool  # by score and time only: the prediction is not counted yet


def _bucket_sum(scope: str, scope_id: int, *conditions) -> int:
    B = RankBucket
    return db.session.scalar(select(func.coalesce(func.sum(B.people), 0)).where(
        B.scope == scope, B.scope_id == scope_id, *conditions))


def _place(scope: str, scope_id: int, score: int, duration_ms: int, ahead_in_second: int,
           provisional: bool) -> Place:
    """Rank = people with a higher score + people with the same score in an
    earlier whole second + those ahead inside the person's own second."""
    B = RankBucket
    second = duration_ms // 1000
    ahead = (_bucket_sum(scope, scope_id, B.score > score)
             + _bucket_sum(scope, scope_id, B.score == score, B.seconds < second) + ahead_in_second)
    return Place(ahead + 1, people_ranked(scope, scope_id), provisional)


def round_place(round_: Round, user_id: int) -> Place | None:
    """The person's place in the round. Any place tells how many people are
    ahead (for someone with full marks: how many have full marks so far, what
    the prediction question asks), so it is read only once the round is
    settled (``rankings.rules.disclosure``). Once the results are final the place was
    fixed with them; before, it is by score and time only."""
    entry = db.session.get(RoundEntry, (round_.id, user_id))
    if entry is None:
        return None
    if entry.final_rank is not None:
        return Place(entry.final_rank, people_ranked("round", round_.id), False)
    ahead_in_second = db.session.scalar(select(func.count()).select_from(E).where(
        E.round_id == round_.id, E.score == entry.score, E.prediction_error.is_(None),
        E.duration_ms >= entry.duration_ms // 1000 * 1000,
        tuple_(E.duration_ms, E.submitted_at, E.attempt_id)
        < tuple_(entry.duration_ms, entry.submitted_at, entry.attempt_id)))
    return _place("round", round_.id, entry.score, entry.duration_ms, ahead_in_second, True)


def contest_place(contest: Contest, user_id: int) -> Place | None:
    """The person's place by the sum of their round bests, then time (no prediction)."""
    entry = db.session.get(ContestEntry, (contest.id, user_id))
    if entry is None:
        return None
    ahead_in_second = db.session.scalar(select(func.count()).select_from(C).where(
        C.contest_id == contest.id, C.score_sum == entry.score_sum,
        C.duration_sum >= entry.duration_sum // 1000 * 1000,
        tuple_(C.duration_sum, C.last_submitted_at, C.user_id)
        < tuple_(entry.duration_sum, entry.last_submitted_at, entry.user_id)))
    return _place("contest", contest.id, entry.score_sum, entry.duration_sum, ahead_in_second,
                  False)


def people_ranked(scope: str, scope_id: int) -> int:
    """People in a round's or contest's ranking, from the units' figures (a
    hundred rows, not a count over every entry)."""
    stat = UnitRoundStat if scope == "round" else UnitContestStat
    column = stat.round_id if scope == "round" else stat.contest_id
    return db.session.scalar(select(func.coalesce(func.sum(stat.participants), 0))
                             .where(column == scope_id))
