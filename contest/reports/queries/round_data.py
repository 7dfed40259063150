"""What the exports and the weekly report of a round both read: its winners
(published awards, or the provisional list before publication), the people
above them who take no prize and why, and its unit standings per bloc."""
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from contest.accounts.models import User
from contest.contests.models import PRIZES, Round
from contest.extensions import db
from contest.prizes.queries import prize_book
from contest.prizes.services import provisional_winners, published_awards
from contest.rankings.models import MISSING_PREDICTION_ERROR
from contest.rankings.queries.ranking import RankedRow
from contest.rankings.queries.units import UnitStanding, unit_standings
from contest.units.models import UNIT_KINDS


def shown_error(error: int | None) -> int | None:
    """A prediction error as a reader sees it: none without a prediction."""
    return None if error is None or error == MISSING_PREDICTION_ERROR else error


@dataclass(frozen=True)
class WinnerRecord:
    group_name: str
    prize: str                 # a key of PRIZES
    rank: int                  # place in the round's whole ranking
    user_id: int
    full_name: str
    unit_name: str
    score: int
    total: int
    duration_ms: int
    prediction: int | None
    prediction_error: int | None
    date_of_birth: date | None = None
    phone: str | None = None

    @property
    def prize_label(self) -> str:
        return PRIZES[self.prize]

    @property
    def error(self) -> int | None:
        return shown_error(self.prediction_error)


def winner_records(round_: Round) -> list[WinnerRecord]:
    """Published awards once the round is published, else the provisional
    winners; each with the person's date of birth and phone."""
    records = _published(round_) if round_.results_published else _provisional(round_)
    users = _users({record.user_id for record in records})
    return [_with_contact(record, users.get(record.user_id)) for record in records]


def _published(round_: Round) -> list[WinnerRecord]:
    return [WinnerRecord(a.group_name, a.prize, a.rank, a.user_id, a.full_name, a.unit_name,
                         a.score, a.total, a.duration_ms, a.prediction, a.prediction_error)
            for a in published_awards(round_)]


def _provisional(round_: Round) -> list[WinnerRecord]:
    records = []
    for result in provisional_winners(round_):
        for winner in result.winners:
            row, entry = winner.row, winner.row.entry
            records.append(WinnerRecord(
                result.group.name, winner.prize, row.rank, entry.user_id, row.full_name,
                row.unit_name, entry.score, entry.total, entry.duration_ms, entry.prediction,
                entry.prediction_error))
    return records


@dataclass(frozen=True)
class SetAside:
    """Someone ranked above their group's last winner who takes no prize."""
    group_name: str
    row: RankedRow
    label: str  # "Bị loại: …" or "Không xét giải: …" (``prizes.queries``)


def set_aside_records(round_: Round) -> list[SetAside]:
    """Group by group, in rank order: the people the prize walk passed over or
    disqualified, so the winners list says why the prizes went further down."""
    results = provisional_winners(round_)
    book = prize_book(round_, results)
    return [SetAside(result.group.name, row, book.of_row(row).label)
            for result in results for row in result.set_aside]


def _users(ids: set[int]) -> dict[int, User]:
    if not ids:
        return {}
    return {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids)))}


def _with_contact(record: WinnerRecord, user: User | None) -> WinnerRecord:
    if user is None:
        return record
    return replace(record, date_of_birth=user.date_of_birth, phone=user.phone)


def standings_by_kind(round_: Round) -> dict[str, list[UnitStanding]]:
    """Each bloc that has units, in the order of UNIT_KINDS (the public kinds: an
    internal unit is neither listed nor counted): its units, eligible ones first
    in prize order."""
    min_rate = round_.contest.unit_min_rate
    standings = {kind: unit_standings(round_, kind, min_rate) for kind in UNIT_KINDS}
    return {kind: units for kind, units in standings.items() if units}
