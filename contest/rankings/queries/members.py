"""A unit's people, for its manager: who took part in a round (attempts, best
score once the round is settled), and who has not taken part yet: the accounts
registered under the unit, and the people of its staff list with no account.

Lists by name are in Vietnamese order (``contest.collation``, given name first),
sorted here rather than by the database, which orders by code points: a unit's
people are at most a few thousand, read whole (one query) and paged in memory.
"""
from dataclasses import dataclass

from sqlalchemy import func, select

from contest.accounts.models import User
from contest.audiences import AUDIENCES
from contest.collation import person_sort_key
from contest.contests.models import Round
from contest.extensions import db
from contest.paging import Page, paged
from contest.rankings.models import RoundEntry
from contest.rankings.queries.ranking import ROUND_ORDER
from contest.units.staff.models import UnitStaff
from contest.units.staff.services import staff_of


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
    stmt = select(E, User).join(User, User.id == E.user_id).where(*where)
    if not by_score:  # the unit's people, by name in Vietnamese order
        rows = db.session.execute(stmt).all()
        return paged(sorted((Member(user, entry) for entry, user in rows),
                            key=lambda m: (person_sort_key(m.user.full_name), m.user.id)),
                     page, per_page)
    if total is None:
        total = db.session.scalar(select(func.count()).select_from(E).where(*where))
    offset = (page - 1) * per_page
    rows = db.session.execute(stmt.order_by(*ROUND_ORDER).offset(offset).limit(per_page)).all()
    return Page([Member(user, entry) for entry, user in rows], total, page, per_page)


@dataclass(frozen=True)
class Absentee:
    """Someone of the unit who has not taken part in the round: an account with
    no submitted attempt, or a person of the staff list with no account."""
    full_name: str
    phone: str | None
    detail: str  # the account's audience, or the position on the staff list
    registered: bool


def absentees(round_: Round, unit_id: int) -> list[Absentee]:
    """Everyone of the unit who has not taken part, by name (given name first)."""
    users = list(db.session.scalars(select(User).where(User.unit_id == unit_id)))
    taken_part = set(db.session.scalars(
        select(RoundEntry.user_id).where(RoundEntry.round_id == round_.id,
                                         RoundEntry.unit_id == unit_id)))
    people = [Absentee(user.full_name, user.phone, AUDIENCES.get(user.audience, ""), True)
              for user in users if user.id not in taken_part]
    people += [Absentee(person.full_name, person.phone, person.position or "", False)
               for person in unregistered_staff(staff_of(unit_id), users)]
    return sorted(people, key=lambda a: (person_sort_key(a.full_name), a.phone or ""))


def unregistered_staff(staff: list[UnitStaff], users: list[User]) -> list[UnitStaff]:
    """The people of the staff list no account of the unit matches: by phone when
    both have one, else by the name without diacritics and case."""
    phones = {user.phone for user in users if user.phone}
    names = {user.name_folded for user in users}
    names_without_phone = {user.name_folded for user in users if not user.phone}

    def has_account(person: UnitStaff) -> bool:
        if person.phone:
            return person.phone in phones or person.name_folded in names_without_phone
        return person.name_folded in names
    return [person for person in staff if not has_account(person)]


def registered_in(unit_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(User)
                             .where(User.unit_id == unit_id))
