"""The 34 provinces and their 3,321 communes, wards and special zones in force
since 01/7/2025, from the `vietnam-provinces` package (the GSO code list), as
units the organizer can load in one step (docs/units-and-provinces.md).

A unit's code is the province's prefix, a dash and the five-digit official
commune code ("GL-21601"): the scheme of the Gia Lai demo list, so units loaded
before keep their codes."""
from dataclasses import dataclass

from vietnam_provinces import Province, VietNamDivisionType, Ward

from contest.text import fold
from contest.units.rules import UnitRecord, clean_name

# The initials of the province's name, except where two provinces share them.
# The official list the package holds: the units in force since this day.
IN_FORCE_SINCE = "01/7/2025"
_PREFIX_OVERRIDES = {
    "lai_chau": "LCH", "lao_cai": "LCA",
    "thai_nguyen": "TNG", "tay_ninh": "TNI",
    "quang_ninh": "QNI", "quang_ngai": "QNG",
    "da_nang": "DNG", "dong_nai": "DNA",
    "hue": "HUE",
}
_CITY_WORDS = "Thành phố "


@dataclass(frozen=True)
class ProvinceChoice:
    """A province as the organizer picks it."""
    code: int          # the official two-digit province code (52 for Gia Lai)
    name: str          # "Gia Lai", "Thành phố Hà Nội" (the package's spelling)
    is_city: bool      # a centrally-run city (thành phố trực thuộc trung ương)

    @property
    def key(self) -> str:
        """The value a form or a command sends: "52"."""
        return f"{self.code:02d}"

    @property
    def short_name(self) -> str:
        return self.name.removeprefix(_CITY_WORDS)

    @property
    def full_name(self) -> str:
        """"Tỉnh Gia Lai", "Thành phố Hà Nội"."""
        return self.name if self.is_city else f"Tỉnh {self.name}"

    @property
    def level_word(self) -> str:
        """How its agencies name it: "Thanh tra tỉnh", "Thanh tra thành phố"."""
        return "thành phố" if self.is_city else "tỉnh"

    @property
    def prefix(self) -> str:
        codename = Province.from_code(self.code).codename
        return _PREFIX_OVERRIDES.get(codename) or "".join(
            word[0] for word in codename.split("_")).upper()


def _choice(province: Province) -> ProvinceChoice:
    return ProvinceChoice(code=int(province.code), name=province.name,
                          is_city=province.division_type is VietNamDivisionType.THANH_PHO_TRUNG_UONG)


def all_provinces() -> list[ProvinceChoice]:
    """The 34 provinces in the official order of their codes."""
    return sorted((_choice(p) for p in Province.iter_all()), key=lambda p: p.code)


def find_province(text: str | int | None) -> ProvinceChoice | None:
    """The province for a code ("52", 52) or a name with or without "Tỉnh" /
    "Thành phố", ignoring case and diacritics ("gia lai", "Tỉnh Gia Lai",
    "Hồ Chí Minh"); None when nothing matches."""
    wanted = fold(str(text or "")).removeprefix("tinh ").removeprefix("thanh pho ")
    for province in all_provinces():
        if wanted.isdigit() and int(wanted) == province.code:
            return province
        if wanted and wanted == fold(province.short_name):
            return province
    return None


def commune_records(province: ProvinceChoice) -> list[UnitRecord]:
    """The province's communes, wards and special zones (kind "commune"), in
    the package's order, with their full official names ("Xã …", "Phường …",
    "Đặc khu …")."""
    return [UnitRecord(code=f"{province.prefix}-{int(ward.code):05d}", name=clean_name(ward.name),
                       kind="commune", headcount=None)
            for ward in Ward.iter_by_province(province.code)]
