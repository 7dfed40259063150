"""The demo contest `scripts/run` creates on a fresh machine.

Units are the provincial agencies named in the Gia Lai plan (seeds/000) and the
eleven wards and communes of Cao Bằng city whose websites the Cao Bằng plan
(seeds/004, III.4: "11 trang xã, phường") counts. Headcounts are demo values.
"""
import secrets
from datetime import timedelta

from sqlalchemy import select

from contest.accounts.models import User
from contest.audit.services import record
from contest.clock import LOCAL_TZ, now
from contest.contests.models import PREDICTION_KINDS, Contest, Round
from contest.extensions import db
from contest.units.services import upsert_unit

DEMO_SLUG = "cchc-demo"

AGENCIES = [
    ("VP-UBND", "Văn phòng UBND tỉnh", 120),
    ("SNV", "Sở Nội vụ", 95),
    ("STP", "Sở Tư pháp", 60),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", 140),
    ("SKHCN", "Sở Khoa học và Công nghệ", 75),
    ("STC", "Sở Tài chính", 110),
    ("SCT", "Sở Công Thương", 90),
    ("CA", "Công an tỉnh", 400),
    ("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh", 45),
    ("BPTTH", "Báo và Phát thanh, Truyền hình tỉnh", 150),
    ("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", 40),
]

COMMUNES = [
    ("P-SONGBANG", "Phường Sông Bằng", 38),
    ("P-SONGHIEN", "Phường Sông Hiến", 36),
    ("P-HOPGIANG", "Phường Hợp Giang", 34),
    ("P-TANGIANG", "Phường Tân Giang", 30),
    ("P-NGOCXUAN", "Phường Ngọc Xuân", 32),
    ("P-DETHAM", "Phường Đề Thám", 31),
    ("P-HOACHUNG", "Phường Hòa Chung", 28),
    ("P-DUYETTRUNG", "Phường Duyệt Trung", 29),
    ("X-VINHQUANG", "Xã Vĩnh Quang", 27),
    ("X-HUNGDAO", "Xã Hưng Đạo", 26),
    ("X-CHUTRINH", "Xã Chu Trinh", 25),
]

RULES = """\
1. Đối tượng dự thi: cán bộ, công chức, viên chức, người lao động trong các cơ quan, đơn vị trên địa bàn tỉnh; người dân, học sinh, sinh viên và doanh nghiệp quan tâm.

2. Hình thức thi: trắc nghiệm trực tuyến. Mỗi lượt thi gồm 20 câu hỏi được chọn ngẫu nhiên từ ngân hàng câu hỏi, thời gian làm bài 20 phút. Mỗi người được thi tối đa 3 lượt trong mỗi đợt thi; kết quả cao nhất được dùng để xếp hạng.

3. Câu hỏi dự đoán: cuối mỗi lượt thi, người dự thi trả lời câu hỏi dự đoán số người trả lời đúng tất cả các câu hỏi của đợt thi. Câu hỏi dự đoán dùng để xếp hạng khi có nhiều người cùng số câu trả lời đúng.

4. Xếp hạng: theo thứ tự số câu trả lời đúng nhiều hơn; chênh lệch dự đoán nhỏ hơn; thời gian làm bài ngắn hơn; nộp bài sớm hơn.

5. Mỗi người chỉ đăng ký một tài khoản bằng số điện thoại của mình. Họ tên, ngày sinh và đơn vị dùng để trao giải, vui lòng khai đúng. Ban Tổ chức có quyền hủy kết quả của trường hợp gian lận hoặc thi hộ.

6. Đáp án và giải thích của từng câu hỏi được công bố sau khi đợt thi kết thúc."""


def demo_exists() -> bool:
    return db.session.scalar(select(Contest.id).where(Contest.slug == DEMO_SLUG)) is not None


def create_units() -> None:
    for code, name, headcount in AGENCIES:
        upsert_unit(code, name, "agency", headcount)
    for code, name, headcount in COMMUNES:
        upsert_unit(code, name, "commune", headcount)


def _local_midnight(days_from_today: int):
    local_today = now().astimezone(LOCAL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    return local_today + timedelta(days=days_from_today)


def create_contest() -> Contest:
    contest = Contest(
        slug=DEMO_SLUG,
        name=("Cuộc thi trực tuyến tìm hiểu về cải cách hành chính năm "
              f"{now().astimezone(LOCAL_TZ).year} (bản trình diễn)"),
        organizer_name="Văn phòng UBND tỉnh",
        rules=RULES,
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
        db.metadata.tables["units"].c.code == "VP-UBND"))
    organizer = User(
        full_name="Ban Tổ chức", date_of_birth=_local_midnight(0).date().replace(year=1980),
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
    db.session.commit()
    return password
