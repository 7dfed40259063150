"""The provincial agencies every province has after the 2025 reorganisation,
as an editable starting list (kind "agency").

Nghị định 150/2025/NĐ-CP of 12/6/2025 (Article 8; it replaced Nghị định
45/2025/NĐ-CP of 28/02/2025, whose Article 8 had the same list) names the 12
specialised agencies organised in every province: the ten sở below, Thanh tra
tỉnh and Văn phòng UBND. The sở some provinces have and others do not (Sở Ngoại
vụ, Sở Dân tộc và Tôn giáo, Sở Du lịch, Sở Quy hoạch – Kiến trúc), the boards of
economic zones and the office of the National Assembly delegation and People's
Council are left to the organizer (a form or the Excel import). Sources:
docs/units-and-provinces.md.

Codes are "<prefix>-S" and a number; the numbers are those of the Gia Lai demo
list, where S12 and S13 are that province's Sở Dân tộc và Tôn giáo and Sở Ngoại
vụ, so Thanh tra tỉnh is S14 everywhere."""
from contest.units.provinces import ProvinceChoice
from contest.units.rules import UnitRecord

# (number, name): "{level}" is "tỉnh" or "thành phố".
STANDARD_AGENCIES = (
    (1, "Văn phòng UBND {level}"),
    (2, "Sở Nội vụ"),
    (3, "Sở Tư pháp"),
    (4, "Sở Tài chính"),
    (5, "Sở Công Thương"),
    (6, "Sở Nông nghiệp và Môi trường"),
    (7, "Sở Xây dựng"),
    (8, "Sở Khoa học và Công nghệ"),
    (9, "Sở Văn hóa, Thể thao và Du lịch"),
    (10, "Sở Giáo dục và Đào tạo"),
    (11, "Sở Y tế"),
    (14, "Thanh tra {level}"),
)


def agency_code(province: ProvinceChoice, number: int) -> str:
    return f"{province.prefix}-S{number:02d}"


def agency_records(province: ProvinceChoice) -> list[UnitRecord]:
    return [UnitRecord(code=agency_code(province, number), name=name.format(level=province.level_word),
                       kind="agency", headcount=None)
            for number, name in STANDARD_AGENCIES]
