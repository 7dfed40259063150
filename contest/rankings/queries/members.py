"""A unit's people, for its manager: who took part in a round (attempts, best
score once the round is settled), and who is registered under the unit but has
not taken part yet."""
from dataclasses import dataclass

from sqlalchemy import func, select

from contest.accounts.models import User
from contest.contests.models import Round
from contest.extensions import db
from contest.paging import Page
from contest.rankings.models import RoundEntry
from contest.rankings.queries.ranking import ROUND_ORDER


@dataclass(frozen=True)
class Member:
    user: User
    entry: RoundEntry | None


def participants(round_: Round, unit_id: int, page: int, per_page: int = 50,
                 total: int | None = None, by_score: bool = True) -> Page:
    """The unit's people with a submitted attempt, best first, or by name while
    their scores are not shown (the order would tell them); ``total``: their
    number when the unit's figures already tell it."""
    E = RoundEntry
    where = (E.round_id == round_.id, E.unit_id == unit_id)
    if total is None:
        total = db.session.scalar(select(func.count()).select_from(E).where(*where))
    offset = (page - 1) * per_page
    order = ROUND_ORDER if by_score else (User.full_name, User.id)
    rows = db.session.execute(
        select(E, User).join(User, User.id == E.user_id).where(*where)
        .order_by(*order).offset(offset).limit(per_page)).all()
    return Page([Member(user, entry) for entry, user in rows], total, page, per_page)


def _not_taken_part(round_: Round, unit_id: int):
    taken_part = select(RoundEntry.user_id).where(RoundEntry.round_id == round_.id,
                                                  RoundEntry.unit_id == unit_id)
    return select(User).where(User.unit_id == unit_id, User.id.not_in(taken_part))


def not_taken_part(round_: Round, unit_id: int, page: int, per_page: int = 50) -> Page:
    """Accounts of the unit with no submitted attempt in the round, by name
    (reads every account of the unit: its own page, not the dashboard)."""
    stmt = _not_taken_part(round_, unit_id)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    offset = (page - 1) * per_page
    users = db.session.scalars(stmt.order_by(User.full_name, User.id)
                               .offset(offset).limit(per_page)).all()
    return Page([Member(user, None) for user in users], total, page, per_page)


def all_not_taken_part(round_: Round, unit_id: int) -> list[User]:
    return list(db.session.scalars(_not_taken_part(round_, unit_id)
                                   .order_by(User.full_name, User.id)))


def registered_in(unit_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(User)
                             .where(User.unit_id == unit_id))
