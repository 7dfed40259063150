"""The consent a person gives at registration, in plain Vietnamese, and its version.

A new text gets a new ``CONSENT_VERSION``: each consent row keeps the version the
person agreed to (rows of an earlier version are kept as they are; 2026-02 added
that the unit's own leader sees the full phone). The registration page shows ``consent_points`` above the
required checkbox; the privacy page (/quyen-rieng-tu) shows them in full.
"""
from dataclasses import dataclass

from flask import current_app

from contest.accounts.models import Consent
from contest.clock import now
from contest.contests.services import page_branding
from contest.extensions import db

CONSENT_VERSION = "2026-02"  # 2026-02: the unit's leader sees the full phone
LAW = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15"
DECREE = "Nghị định số 356/2025/NĐ-CP"
DEFAULT_CONTROLLER = "Ban Tổ chức cuộc thi"
CHECKBOX_LABEL = ("Tôi đã đọc và đồng ý để Ban Tổ chức xử lý dữ liệu cá nhân của tôi "
                  "theo các nội dung trên.")

COLLECTED = ("Họ và tên, ngày sinh, giới tính, số điện thoại, email (nếu bạn khai), số CCCD "
             "(nếu bạn khai: chỉ lưu dạng mã hóa một chiều và 4 chữ số cuối, không lưu số đầy đủ), "
             "đối tượng, đơn vị công tác hoặc nơi cư trú; các lượt thi, câu trả lời, kết quả "
             "và giấy chứng nhận của bạn.")
PURPOSES = ("Tổ chức cuộc thi; xếp hạng, xác minh người đoạt giải và trao giải; thống kê "
            "tình hình tham gia của các đơn vị. Lãnh đạo đơn vị bạn đăng ký (người được Ban Tổ "
            "chức giao quản lý đơn vị đó, không phải đơn vị khác) xem được họ tên và số điện "
            "thoại đầy đủ của bạn trong danh sách chưa dự thi, để nhắc bạn tham gia.")
RIGHTS = ("Bạn có quyền được biết về việc xử lý dữ liệu của mình; đồng ý hoặc rút lại sự đồng ý; "
          "truy cập và tải dữ liệu của mình; chỉnh sửa thông tin (trang Hồ sơ); yêu cầu xóa dữ "
          "liệu. Rút lại sự đồng ý được thực hiện bằng yêu cầu xóa dữ liệu.")


@dataclass(frozen=True)
class Controller:
    name: str
    contact: str


def controller() -> Controller:
    """Who controls the data: the organizer of the contest people see (its branding)."""
    branding = page_branding()
    if branding is None:
        return Controller(DEFAULT_CONTROLLER, "")
    return Controller(branding.organizer_name or DEFAULT_CONTROLLER, branding.contact_line)


def retention_days() -> int:
    return current_app.config["PERSONAL_DATA_RETENTION_DAYS"]


def retention_text(days: int) -> str:
    return (f"Trong thời gian cuộc thi diễn ra và {days} ngày sau khi cuộc thi kết thúc. "
            "Sau đó dữ liệu cá nhân được ẩn danh (thay họ tên, xóa số điện thoại, email, CCCD, "
            "chỉ giữ năm sinh); chỉ giữ lại kết quả và số liệu thống kê không gắn với người cụ thể.")


def consent_points(who: Controller | None = None, days: int | None = None) -> list[tuple[str, str]]:
    """(heading, text) of the summary shown at registration and on the privacy page."""
    who = who or controller()
    days = retention_days() if days is None else days
    holder = who.name + (f" ({who.contact})" if who.contact else "")
    return [
        ("Dữ liệu được thu thập", COLLECTED),
        ("Mục đích", PURPOSES),
        ("Bên kiểm soát dữ liệu", holder),
        ("Thời gian lưu trữ", retention_text(days)),
        ("Quyền của bạn", RIGHTS),
    ]


def add_consent(user, version: str = CONSENT_VERSION) -> Consent:
    """The consent row of a new account (committed with the account)."""
    consent = Consent(user_id=user.id, version=version, given_at=now())
    db.session.add(consent)
    return consent
