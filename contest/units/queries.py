"""Reading the units list for the organizer's pages and downloads."""
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from contest.collation import sort_key
from contest.extensions import db
from contest.text import fold
from contest.units.models import KIND_LABELS, UNIT_KINDS, Unit

PER_PAGE = 50
# The units the public sees, registers under and counts: every kind but the
# internal "Ban Tổ chức (nội bộ)". Every public query over units filters by it.
IS_PUBLIC = Unit.kind.in_(tuple(UNIT_KINDS))


def public_units():
    """SELECT of the public units (active or not), in no particular order."""
    return select(Unit).where(IS_PUBLIC)


@dataclass(frozen=True)
class UnitFilter:
    query: str = ""
    kind: str = ""
    active: str = ""  # "", "1" (active) or "0" (inactive)

    @classmethod
    def from_args(cls, args) -> "UnitFilter":
        return cls(
            query=args.get("q", "")[:100].strip(),
            kind=args.get("loai", "") if args.get("loai") in KIND_LABELS else "",
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
    """The units people can register under: a deactivated or internal unit is left out."""
    return sorted(db.session.scalars(public_units().where(Unit.active.is_(True))),
                  key=by_kind_and_name)


def search_units(query: str, limit: int = 20) -> list[Unit]:
    """Active public units whose name contains every word of ``query``, ignoring
    diacritics and case."""
    words = fold(query).split()
    stmt = public_units().where(Unit.active.is_(True)).order_by(Unit.kind, Unit.name)
    for word in words:
        stmt = stmt.where(Unit.name_folded.contains(word, autoescape=True))
    return sorted(db.session.scalars(stmt.limit(limit)), key=by_kind_and_name)


def by_kind_and_name(unit: Unit) -> tuple:
    """Units grouped by kind, then by name in Vietnamese order (``contest.collation``;
    the database would order by code points, "Xã Đông" after "Xã Yên"): the
    few hundred units of a list are sorted here. The organizer's paged list
    keeps the database's order."""
    return unit.kind, sort_key(unit.name), unit.id
