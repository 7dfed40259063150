"""The demo contest `scripts/run` creates on a fresh machine.

Units are the real units of Gia Lai after the reorganisation of 01/7/2025, loaded
the way an organizer loads them (``contest.units.loading``: Gia Lai's 135
communes and wards from the `vietnam-provinces` package and the 12 standard
provincial agencies), plus the agencies only Gia Lai has, which the package does
not know: Sở Dân tộc và Tôn giáo, Sở Ngoại vụ and the economic-zone board, read
from `demo_data/units-gia-lai-2025.csv` (sources in `demo_data/README.md`). The
Gia Lai plan for the second half of 2025 (appendix row 7) asks for this contest,
led by Văn phòng UBND tỉnh. Headcounts are not published: the demo's are
assumptions (``ASSUMED_HEADCOUNTS``).
"""
import csv
import secrets
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from contest.accounts.models import User
from contest.audit.services import record
from contest.clock import day_start, local_day, now
from contest.contests.models import PREDICTION_KINDS, Contest, Round
from contest.extensions import db
from contest.units.agencies import agency_records
from contest.units.loading import load_province, province_or_refuse
from contest.units.models import Unit
from contest.units.services import upsert_unit

DEMO_SLUG = "cchc-demo"
PROVINCE = "52"  # Gia Lai
UNITS_FILE = Path(__file__).resolve().parent / "demo_data" / "units-gia-lai-2025.csv"
ORGANIZER_UNIT = "GL-S01"  # Văn phòng UBND tỉnh, which leads the contest in the plan
# Assumed headcounts by subkind (not published anywhere; a real contest imports its own).
ASSUMED_HEADCOUNTS = {"cơ quan chuyên môn": 60, "ban": 40, "phường": 35, "xã": 30}
HEADCOUNT_NOTE = ("Biên chế của các đơn vị trong bản trình diễn là số giả định "
                  "để minh họa tỷ lệ tham gia.")

RULES = """\
1. Đối tượng dự thi: cán bộ, công chức, viên chức, người lao động trong các cơ quan, đơn vị trên địa bàn tỉnh; người dân, học sinh, sinh viên và doanh nghiệp quan tâm.

2. Hình thức thi: trắc nghiệm trực tuyến. Mỗi lượt thi gồm 20 câu hỏi được chọn ngẫu nhiên từ ngân hàng câu hỏi, thời gian làm bài 20 phút. Mỗi người được thi tối đa 3 lượt trong mỗi đợt thi; kết quả cao nhất được dùng để xếp hạng.

3. Câu hỏi dự đoán: cuối mỗi lượt thi, người dự thi trả lời câu hỏi dự đoán số người trả lời đúng tất cả các câu hỏi của đợt thi. Câu hỏi dự đoán dùng để xếp hạng khi có nhiều người cùng số câu trả lời đúng.

4. Xếp hạng: theo thứ tự số câu trả lời đúng nhiều hơn; chênh lệch dự đoán nhỏ hơn; thời gian làm bài ngắn hơn; nộp bài sớm hơn.

5. Mỗi người chỉ đăng ký một tài khoản bằng số điện thoại của mình. Họ tên, ngày sinh và đơn vị dùng để trao giải, vui lòng khai đúng. Ban Tổ chức có quyền hủy kết quả của trường hợp gian lận hoặc thi hộ.

6. Đáp án và giải thích của từng câu hỏi được công bố sau khi cuộc thi kết thúc (các đợt thi có thể dùng chung câu hỏi)."""


def demo_exists() -> bool:
    return db.session.scalar(select(Contest.id).where(Contest.slug == DEMO_SLUG)) is not None


def demo_units() -> list[dict]:
    with UNITS_FILE.open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def province_own_agencies() -> list[dict]:
    """The CSV's agencies that are not in the standard list (Gia Lai's own)."""
    standard = {unit.code for unit in agency_records(province_or_refuse(PROVINCE))}
    return [row for row in demo_units() if row["kind"] == "agency" and row["code"] not in standard]


def set_assumed_headcounts(boards: list[str]) -> None:
    """The assumed headcount of every unit that has none yet (four UPDATEs)."""
    no_headcount = Unit.headcount.is_(None)
    assumed = [
        (Unit.code.in_(boards), ASSUMED_HEADCOUNTS["ban"]),
        (Unit.kind == "agency", ASSUMED_HEADCOUNTS["cơ quan chuyên môn"]),
        ((Unit.kind == "commune") & Unit.name.startswith("Phường "), ASSUMED_HEADCOUNTS["phường"]),
        (Unit.kind == "commune", ASSUMED_HEADCOUNTS["xã"]),
    ]
    for which, headcount in assumed:
        db.session.execute(update(Unit).where(no_headcount, which).values(headcount=headcount))


def create_units() -> None:
    """Gia Lai's communes, wards and standard agencies as an organizer loads them,
    then the province's own agencies and the assumed headcounts."""
    load_province(province_or_refuse(PROVINCE), with_agencies=True, actor=None)
    own = province_own_agencies()
    for row in own:
        upsert_unit(row["code"], row["name"], row["kind"], None)
    db.session.flush()
    set_assumed_headcounts([row["code"] for row in own if row["subkind"] == "ban"])


def _local_midnight(days_from_today: int):
    return day_start(local_day(now()) + timedelta(days=days_from_today))


def create_contest() -> Contest:
    contest = Contest(
        slug=DEMO_SLUG,
        name=("Cuộc thi trực tuyến tìm hiểu về cải cách hành chính tỉnh Gia Lai năm "
              f"{local_day(now()).year} (bản trình diễn)"),
        organizer_name="Ủy ban nhân dân tỉnh Gia Lai",
        contact_line="Đơn vị thường trực: Văn phòng UBND tỉnh Gia Lai",
        description=("Bản trình diễn trên danh sách đơn vị thật của tỉnh Gia Lai sau sắp xếp "
                     "ngày 01/7/2025 (15 sở, ban, ngành và 135 xã, phường). " + HEADCOUNT_NOTE),
        rules=RULES, starts_at=_local_midnight(-1), ends_at=_local_midnight(14),
        # The national core and Gia Lai's own plan: never another province's.
        question_scopes="national,gia_lai",
    )
    question = PREDICTION_KINDS["perfect_scorers"]
    contest.rounds = [
        Round(number=1, name="Đợt 1", opens_at=_local_midnight(-1), closes_at=_local_midnight(7),
              prediction_question=question, scheduled_at=now()),
        Round(number=2, name="Đợt 2", opens_at=_local_midnight(7), closes_at=_local_midnight(14),
              prediction_question=question, scheduled_at=now()),
    ]
    db.session.add(contest)
    return contest


def create_organizer() -> tuple[User, str]:
    password = secrets.token_urlsafe(9)
    unit_id = db.session.scalar(select(db.metadata.tables["units"].c.id).where(
        db.metadata.tables["units"].c.code == ORGANIZER_UNIT))
    organizer = User(
        full_name="Ban Tổ chức", date_of_birth=local_day(now()).replace(year=1980),
        gender="khac", phone="0900000001", email="bantochuc@example.vn",
        audience="cbccvc", unit_id=unit_id, role="organizer",
    )
    organizer.set_password(password)
    db.session.add(organizer)
    return organizer, password


def seed_demo() -> str | None:
    """Create the demo units, contest and organizer; returns the organizer's password,
    or None when the demo already exists."""
    if demo_exists():
        return None
    create_units()
    db.session.flush()
    contest = create_contest()
    organizer, password = create_organizer()
    db.session.flush()
    record("demo.seed", actor=organizer, target=contest)
    return password
