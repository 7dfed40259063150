"""What the public and contestants read of the results, under the rule of
``rankings.rules.disclosure``: nothing reveals or bounds the value the prediction
question asks for before the round is settled. The figures are cached as they
are; what may be shown is decided on each read, so a cached figure never
outlives the moment a round settles. The counters (participation, registrations)
are cached only when every worker shares the cache (``caching.shared_figures``):
without Redis each read counts them, from the unit figures (a row per unit)."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select

from contest.accounts.models import STAFF_ROLES, User
from contest.caching import cached_figures, shared_figures
from contest.clock import now
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.rankings.models import ContestEntry, RoundEntry, UnitContestStat, UnitRoundStat
from contest.rankings.queries.ranking import Place, contest_place, round_place
from contest.rankings.queries.units import UnitStanding, standing_of, unit_standings
from contest.rankings.rules.disclosure import (
    Shown, registrations_shown, shown_for, shown_from, standings_as_shown,
)
from contest.units.models import Unit
from contest.units.queries import IS_PUBLIC


@dataclass(frozen=True)
class Participation:
    participants: int
    attempts: int
    units_taking_part: int


def _participation(stat, scope_column, scope_id) -> Participation:
    """Added up from the unit figures kept at submit (a row per unit: cheap at any
    number of attempts); the internal units' people are not counted."""
    participants, attempts, units = db.session.execute(
        select(func.coalesce(func.sum(stat.participants), 0),
               func.coalesce(func.sum(stat.attempts), 0), func.count())
        .join(Unit, Unit.id == stat.unit_id)
        .where(scope_column == scope_id, stat.participants > 0, IS_PUBLIC)).one()
    return Participation(participants, attempts, units)


def round_participation(round_: Round) -> tuple[Participation | None, datetime]:
    """The round's counts; None while they are sealed (and then not counted)."""
    if not shown_for(round_).counts:
        return None, now()
    return shared_figures(f"round-participation:{round_.id}",
                          lambda: _participation(UnitRoundStat, UnitRoundStat.round_id, round_.id))


def contest_participation(contest: Contest) -> tuple[Participation | None, datetime]:
    """The contest's counts (its rounds' added up); None while a round's are sealed."""
    if not shown_for(contest).counts:
        return None, now()
    return shared_figures(
        f"contest-participation:{contest.id}",
        lambda: _participation(UnitContestStat, UnitContestStat.contest_id, contest.id))


def registered_count() -> int | None:
    """Registered contestants; None while they would bound a sealed count."""
    if not registrations_shown():
        return None
    count, _ = shared_figures("registered", _contestants)
    return count


def _contestants() -> int:
    """Every account but the few staff ones: a count of the whole table, which
    SQLite answers from its smallest index, less the staff found through the
    index on ``role``, in one statement: 5 ms at 500,000 accounts in SQLite, where
    counting ``role = 'contestant'`` reads every row (56 ms; 18 ms through the
    index), on each home page when no cache is shared)."""
    every = select(func.count()).select_from(User).scalar_subquery()
    staff = (select(func.count()).select_from(User).where(User.role.in_(STAFF_ROLES))
             .scalar_subquery())
    return db.session.scalar(select(every - staff))


def scope_key(scope) -> str:
    return f"round-{scope.id}" if isinstance(scope, Round) else f"contest-{scope.id}"


def cached_standings(scope: Round | Contest, kind: str, min_rate):
    """(unit standings of a bloc, read at): cached like every public figure,
    every figure in (see ``shown_standings``)."""
    return cached_figures(f"units:{scope_key(scope)}:{kind}",
                          lambda: unit_standings(scope, kind, min_rate))


def shown_standings(scope: Round | Contest, kind: str, min_rate,
                    shown: Shown) -> tuple[list[UnitStanding], datetime]:
    """(unit standings of a bloc as ``shown`` allows, read at)."""
    standings, read_at = cached_standings(scope, kind, min_rate)
    return standings_as_shown(standings, shown, min_rate), read_at


def default_round(contest: Contest) -> Round | None:
    """The open round, else the last one that has opened, else the first."""
    rounds = contest.public_rounds
    opened = [round_ for round_ in rounds if round_.status() != "upcoming"]
    current = next((round_ for round_ in rounds if round_.is_open()), None)
    return current or (opened[-1] if opened else (rounds[0] if rounds else None))


@dataclass(frozen=True)
class MyStanding:
    """A person's places; each is None while sealed, with the moment it will be shown."""
    round_place: Place | None
    round_shown_from: datetime | None
    contest_place: Place | None
    contest_shown_from: datetime | None
    unit_rank: int | None
    unit_count: int
    unit_shown_from: datetime | None
    unit_kind_label: str


def my_standing(user, round_: Round) -> MyStanding:
    """The person's place in the round and the contest, and their unit's rank,
    cached like the public figures. The key holds what the person's own
    submits change (their best attempt in the round, their contest total) and
    what may be shown of the round and the contest, so a new attempt, or the
    round settling, shows at once."""
    shown = (shown_for(round_), shown_for(round_.contest))
    key = (f"standing:{round_.id}:{user.id}:{_own_entries_version(user, round_)}:"
           f"{shown[0].key}:{shown[1].key}")
    standing, _ = cached_figures(key, lambda: _compute_standing(user, round_, *shown))
    return standing


def _own_entry(column, round_column, user_column, round_param: str):
    return (select(column).where(round_column == bindparam(round_param),
                                 user_column == bindparam("user_id")).scalar_subquery())


# Built once (read on every result and history page): what the person's own
# submits change, in one statement.
OWN_ENTRIES = select(
    _own_entry(RoundEntry.attempt_id, RoundEntry.round_id, RoundEntry.user_id, "round_id"),
    _own_entry(RoundEntry.final_rank, RoundEntry.round_id, RoundEntry.user_id, "round_id"),
    _own_entry(ContestEntry.score_sum, ContestEntry.contest_id, ContestEntry.user_id, "contest_id"),
    _own_entry(ContestEntry.duration_sum, ContestEntry.contest_id, ContestEntry.user_id,
               "contest_id"))


def _own_entries_version(user, round_: Round) -> str:
    row = db.session.connection().execute(OWN_ENTRIES, {
        "round_id": round_.id, "contest_id": round_.contest_id, "user_id": user.id}).one()
    return ":".join(str(part) for part in row)


def _compute_standing(user, round_: Round, in_round: Shown, in_contest: Shown) -> MyStanding:
    contest = round_.contest
    standings = [] if user.unit.internal else shown_standings(
        round_, user.unit.kind, contest.unit_min_rate, in_round)[0]
    mine = standing_of(user.unit_id, standings)
    return MyStanding(
        round_place=round_place(round_, user.id) if in_round.scores else None,
        round_shown_from=None if in_round.scores else shown_from(round_),
        contest_place=contest_place(contest, user.id) if in_contest.scores else None,
        contest_shown_from=None if in_contest.scores else shown_from(contest),
        unit_rank=mine.rank if mine else None,
        unit_count=sum(1 for s in standings if s.eligible),
        unit_shown_from=None if in_round.counts else shown_from(round_),
        unit_kind_label=user.unit.kind_label,
    )
