"""Replacing a unit's staff list: the old list deleted and the new one written
with its audit row, in the caller's unit of work (all or nothing)."""
from sqlalchemy import delete, func, select

from contest.audit.services import record as audit
from contest.extensions import db
from contest.units.models import Unit
from contest.units.staff.formats import StaffRecord
from contest.units.staff.models import UnitStaff


def replace_staff(unit: Unit, records: list[StaffRecord], actor, filename: str) -> int:
    """The unit's list becomes ``records`` (already checked); returns how many."""
    before = db.session.scalar(select(func.count()).select_from(UnitStaff)
                               .where(UnitStaff.unit_id == unit.id))
    db.session.execute(delete(UnitStaff).where(UnitStaff.unit_id == unit.id))
    db.session.add_all(UnitStaff(unit_id=unit.id, full_name=r.full_name, name_folded=r.name_folded,
                                 phone=r.phone, position=r.position) for r in records)
    audit("unit.staff_import", actor=actor, target=unit, filename=filename,
          previous_rows=before, rows=len(records))
    return len(records)


def staff_of(unit_id: int) -> list[UnitStaff]:
    return list(db.session.scalars(select(UnitStaff).where(UnitStaff.unit_id == unit_id)))
