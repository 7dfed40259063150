"""What the public and contestants read of the results, with the rule that
nothing public reveals the value the prediction question asks for while a
round is open (no live count of fully-correct attempts or people)."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select

from contest.accounts.models import User
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.rankings.caches import cached_figures
from contest.rankings.models import ContestEntry, RoundEntry, UnitContestStat, UnitRoundStat
from contest.rankings.queries import Place, contest_place, round_place
from contest.rankings.units import standing_of, unit_standings


@dataclass(frozen=True)
class Participation:
    participants: int
    attempts: int
    units_taking_part: int


def _participation(stat, scope_column, scope_id) -> Participation:
    participants, attempts, units = db.session.execute(
        select(func.coalesce(func.sum(stat.participants), 0),
               func.coalesce(func.sum(stat.attempts), 0), func.count())
        .where(scope_column == scope_id, stat.participants > 0)).one()
    return Participation(participants, attempts, units)


def round_participation(round_: Round) -> tuple[Participation, datetime]:
    return cached_figures(f"round-participation:{round_.id}", lambda: _participation(
        UnitRoundStat, UnitRoundStat.round_id, round_.id))


def contest_participation(contest: Contest) -> tuple[Participation, datetime]:
    return cached_figures(f"contest-participation:{contest.id}", lambda: _participation(
        UnitContestStat, UnitContestStat.contest_id, contest.id))


def registered_count() -> tuple[int, datetime]:
    return cached_figures("registered", lambda: db.session.scalar(
        select(func.count()).select_from(User).where(User.role == "contestant")))


def scope_key(scope) -> str:
    return f"round-{scope.id}" if isinstance(scope, Round) else f"contest-{scope.id}"


def cached_standings(scope: Round | Contest, kind: str, min_rate):
    """(unit standings of a bloc, read at): cached like every public figure."""
    return cached_figures(f"units:{scope_key(scope)}:{kind}",
                          lambda: unit_standings(scope, kind, min_rate))


def any_round_open(contest: Contest) -> bool:
    return any(round_.is_open() for round_ in contest.public_rounds)


def default_round(contest: Contest) -> Round | None:
    """The open round, else the last one that has opened, else the first."""
    rounds = contest.public_rounds
    opened = [round_ for round_ in rounds if round_.status() != "upcoming"]
    current = next((round_ for round_ in rounds if round_.is_open()), None)
    return current or (opened[-1] if opened else (rounds[0] if rounds else None))


@dataclass(frozen=True)
class MyStanding:
    round_place: Place | None
    contest_place: Place | None
    unit_rank: int | None
    unit_count: int
    unit_kind_label: str


def my_standing(user, round_: Round) -> MyStanding:
    """The person's place in the round and the contest, and their unit's rank,
    cached like the public figures. The key holds what the person's own
    submits change (their best attempt in the round, their contest total) and
    whether the round is open, so a new attempt shows its place at once."""
    key = f"standing:{round_.id}:{user.id}:{_own_entries_version(user, round_)}:{round_.is_open()}"
    standing, _ = cached_figures(key, lambda: _compute_standing(user, round_))
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


def _compute_standing(user, round_: Round) -> MyStanding:
    contest = round_.contest
    standings, _ = cached_standings(round_, user.unit.kind, contest.unit_min_rate)
    mine = standing_of(user.unit_id, standings)
    return MyStanding(
        round_place=round_place(round_, user.id, hide_higher_scores=round_.is_open()),
        contest_place=contest_place(contest, user.id, hide_higher_scores=any_round_open(contest)),
        unit_rank=mine.rank if mine else None,
        unit_count=sum(1 for s in standings if s.eligible),
        unit_kind_label=user.unit.kind_label,
    )
