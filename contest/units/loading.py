"""Load a province's communes and wards (and, if asked, the standard provincial
agencies) as units in one step. Idempotent: a unit already in the list, by its
code or by its name (same kind, ignoring case and diacritics), is left exactly
as it is; only the missing ones are added, in one bulk insert, with one audit
row, in the caller's unit of work."""
from dataclasses import dataclass

from sqlalchemy import insert, select

from contest.audit.services import record as audit
from contest.caching import results_changed
from contest.errors import Conflict, DomainError
from contest.extensions import db
from contest.text import fold
from contest.transactions import refused_as
from contest.units.agencies import agency_records
from contest.units.models import Unit
from contest.units.provinces import ProvinceChoice, commune_records, find_province
from contest.units.rules import UnitRecord


class UnknownProvince(DomainError):
    message = "Không có tỉnh, thành phố này trong danh sách 34 tỉnh, thành phố từ 01/7/2025."


class ChangedMeanwhile(Conflict):
    message = ("Danh mục đơn vị vừa được thay đổi bởi một thao tác khác. "
               "Vui lòng thử lại: các đơn vị đã có sẽ được giữ nguyên.")


@dataclass(frozen=True)
class ProvinceLoad:
    """What loading a province did."""
    province: ProvinceChoice
    added: list[UnitRecord]
    already_there: int

    def added_of_kind(self, kind: str) -> int:
        return sum(1 for unit in self.added if unit.kind == kind)

    @property
    def summary(self) -> str:
        """The organizer's result message."""
        return (f"{self.province.full_name}: đã thêm {len(self.added)} đơn vị "
                f"({self.added_of_kind('commune')} xã, phường, đặc khu; "
                f"{self.added_of_kind('agency')} sở, ban, ngành); "
                f"{self.already_there} đơn vị đã có sẵn, giữ nguyên.")


def province_or_refuse(text) -> ProvinceChoice:
    province = find_province(text)
    if province is None:
        raise UnknownProvince()
    return province


def wanted_units(province: ProvinceChoice, with_agencies: bool) -> list[UnitRecord]:
    return commune_records(province) + (agency_records(province) if with_agencies else [])


def _missing(records: list[UnitRecord]) -> list[UnitRecord]:
    """The records no unit stands for yet (one query for the whole list)."""
    codes, names = set(), set()
    for code, kind, name_folded in db.session.execute(select(Unit.code, Unit.kind, Unit.name_folded)):
        codes.add(code)
        names.add((kind, name_folded))
    return [unit for unit in records
            if unit.code not in codes and (unit.kind, fold(unit.name)) not in names]


def _changed_meanwhile(_refused) -> ChangedMeanwhile:
    return ChangedMeanwhile()


def load_province(province: ProvinceChoice, with_agencies: bool, actor) -> ProvinceLoad:
    """Add the province's missing units (active, no headcount yet) and audit it."""
    records = wanted_units(province, with_agencies)
    added = _missing(records)
    if added:
        with refused_as(_changed_meanwhile):
            db.session.execute(insert(Unit), [
                {**unit.as_dict(), "name_folded": fold(unit.name), "active": True} for unit in added])
        results_changed()  # the unit rankings list every active unit
    load = ProvinceLoad(province=province, added=added, already_there=len(records) - len(added))
    audit("unit.load_province", actor=actor, province=province.full_name,
          province_code=province.key, with_agencies=with_agencies,
          added=len(added), already_there=load.already_there,
          added_codes=[unit.code for unit in added])
    return load
