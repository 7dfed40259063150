"""Reading the units list for the organizer's pages and downloads."""
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from contest.extensions import db
from contest.text import fold
from contest.units.models import UNIT_KINDS, Unit

PER_PAGE = 50


@dataclass(frozen=True)
class UnitFilter:
    query: str = ""
    kind: str = ""
    active: str = ""  # "", "1" (active) or "0" (inactive)

    @classmethod
    def from_args(cls, args) -> "UnitFilter":
        return cls(
            query=args.get("q", "")[:100].strip(),
            kind=args.get("loai", "") if args.get("loai") in UNIT_KINDS else "",
            active=args.get("hoat_dong", "") if args.get("hoat_dong") in ("0", "1") else "",
        )

    def apply(self, stmt):
        words = fold(self.query).split()
        if words:
            by_name = and_(*(Unit.name_folded.contains(word, autoescape=True) for word in words))
            by_code = func.lower(Unit.code).contains(fold(self.query), autoescape=True)
            stmt = stmt.where(or_(by_name, by_code))
        if self.kind:
            stmt = stmt.where(Unit.kind == self.kind)
        if self.active:
            stmt = stmt.where(Unit.active.is_(self.active == "1"))
        return stmt


def ordered_units():
    return select(Unit).order_by(Unit.kind, Unit.name, Unit.id)


def every_unit() -> list[Unit]:
    """Active and inactive units alike (the organizer's download)."""
    return list(db.session.scalars(ordered_units()))


def page_of_units(filters: UnitFilter, page: int):
    return db.paginate(filters.apply(ordered_units()), page=page, per_page=PER_PAGE,
                       error_out=False)


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
