"""Organizer changes to the units list: create, edit, deactivate, reactivate,
import from Excel. Each change and its audit row (with the values before and
after) are written in the caller's unit of work."""
from dataclasses import dataclass, field

from sqlalchemy import select

from contest.audit.services import record as audit
from contest.caching import results_changed
from contest.errors import Conflict
from contest.extensions import db
from contest.lookups import get_or_404
from contest.text import fold
from contest.transactions import refused_as
from contest.units.models import Unit
from contest.units.rules import CODE_TAKEN, UnitRecord

FIELDS = ("code", "name", "kind", "headcount")


class CodeTaken(Conflict):
    message = CODE_TAKEN


class AlreadyInState(Conflict):
    message = "Đơn vị đã ở trạng thái này."


def get_unit(unit_id: int) -> Unit:
    return get_or_404(Unit, unit_id, "Không tìm thấy đơn vị.")


def code_taken(code: str, except_id: int | None = None) -> bool:
    stmt = select(Unit.id).where(Unit.code == code)
    if except_id is not None:
        stmt = stmt.where(Unit.id != except_id)
    return db.session.scalar(stmt) is not None


def snapshot(unit: Unit) -> dict:
    """What the audit log keeps of a unit, before and after a change."""
    return {"code": unit.code, "name": unit.name, "kind": unit.kind,
            "headcount": unit.headcount, "active": unit.active}


def _assign(unit: Unit, record: UnitRecord) -> None:
    unit.code, unit.name, unit.kind, unit.headcount = (
        record.code, record.name, record.kind, record.headcount)
    unit.name_folded = fold(record.name)


def _differs(unit: Unit, record: UnitRecord) -> bool:
    return any(getattr(unit, name) != getattr(record, name) for name in FIELDS)


def _code_taken_meanwhile(_refused) -> CodeTaken:
    """A code taken meanwhile by another request (the unique index): a conflict,
    with nothing of this change written."""
    return CodeTaken()


def create_unit(record: UnitRecord, actor) -> Unit:
    if code_taken(record.code):
        raise CodeTaken()
    with refused_as(_code_taken_meanwhile):  # flushed: the new id, for the audit row
        unit = Unit(active=True)
        _assign(unit, record)
        db.session.add(unit)
    audit("unit.create", actor=actor, target=unit, before=None, after=snapshot(unit))
    results_changed()  # unit names feed the unit rankings
    return unit


def update_unit(unit: Unit, record: UnitRecord, actor) -> bool:
    """Save the edited unit; False (and nothing written) when nothing changed."""
    if code_taken(record.code, except_id=unit.id):
        raise CodeTaken()
    if not _differs(unit, record):
        return False
    before = snapshot(unit)
    with refused_as(_code_taken_meanwhile):
        _assign(unit, record)
    audit("unit.update", actor=actor, target=unit, before=before, after=snapshot(unit))
    results_changed()  # names, kinds and headcounts feed the unit rankings
    return True


def set_active(unit: Unit, active: bool, actor) -> Unit:
    """Deactivate (no new registrations; history and accounts kept) or reactivate."""
    if unit.active == active:
        raise AlreadyInState("Đơn vị đang hoạt động." if active else "Đơn vị đã ngừng hoạt động.")
    before = snapshot(unit)
    unit.active = active
    audit("unit.reactivate" if active else "unit.deactivate", actor=actor, target=unit,
          before=before, after=snapshot(unit))
    results_changed()  # a deactivated unit leaves the unit rankings
    return unit


# --- import ----------------------------------------------------------------------

@dataclass(frozen=True)
class UnitChange:
    """An existing unit an import changes: its values before, and the row's."""
    unit: Unit
    before: dict
    record: UnitRecord

    @property
    def changed_fields(self) -> list[str]:
        return [name for name in FIELDS if self.before[name] != getattr(self.record, name)]


@dataclass
class ImportPlan:
    """What an import does: units to create, units to update, and how many rows
    change nothing."""
    created: list[UnitRecord] = field(default_factory=list)
    updated: list[UnitChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {"created": len(self.created), "updated": len(self.updated),
                "unchanged": self.unchanged}


def plan_import(records: list[UnitRecord]) -> ImportPlan:
    """Match the (already valid) rows to the units by code; nothing is written."""
    existing = {unit.code: unit for unit in db.session.scalars(select(Unit))}  # a few hundred
    plan = ImportPlan()
    for record in records:
        unit = existing.get(record.code)
        if unit is None:
            plan.created.append(record)
        elif _differs(unit, record):
            plan.updated.append(UnitChange(unit, snapshot(unit), record))
        else:
            plan.unchanged += 1
    return plan


def apply_import(plan: ImportPlan, actor, filename: str) -> ImportPlan:
    """Create and update every planned unit and write one audit row, in one transaction."""
    changes = []
    with refused_as(_code_taken_meanwhile):
        for change in plan.updated:
            _assign(change.unit, change.record)
            changes.append({"code": change.unit.code, "before": change.before,
                            "after": snapshot(change.unit)})
        for record in plan.created:
            unit = Unit(active=True)
            _assign(unit, record)
            db.session.add(unit)
    audit("unit.import", actor=actor, filename=filename, **plan.counts,
          created_units=[record.as_dict() for record in plan.created], updated_units=changes)
    results_changed()  # the unit rankings
    return plan


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
