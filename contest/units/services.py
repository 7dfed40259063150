"""Units: agencies and communes people register under."""
from sqlalchemy import select

from contest.extensions import db
from contest.text import fold
from contest.units.models import Unit


def all_units() -> list[Unit]:
    """The units people can register under: a deactivated unit is left out."""
    return list(db.session.scalars(
        select(Unit).where(Unit.active.is_(True)).order_by(Unit.kind, Unit.name)))


def search_units(query: str, limit: int = 20) -> list[Unit]:
    """Active units whose name contains every word of ``query``, ignoring
    diacritics and case."""
    words = fold(query).split()
    stmt = select(Unit).where(Unit.active.is_(True)).order_by(Unit.kind, Unit.name)
    for word in words:
        stmt = stmt.where(Unit.name_folded.contains(word, autoescape=True))
    return list(db.session.scalars(stmt.limit(limit)))


def upsert_unit(code: str, name: str, kind: str, headcount: int | None) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        unit = Unit(code=code)
        db.session.add(unit)
    unit.name = name
    unit.name_folded = fold(name)
    unit.kind = kind
    unit.headcount = headcount
    return unit

