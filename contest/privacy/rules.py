"""What the platform keeps about a person, for how long, and what a deletion does
to it: the table on the privacy page (/quyen-rieng-tu), built from the settings
that decide it, so the page never promises a time the code does not keep."""
from dataclasses import dataclass

from flask import current_app

from contest.accounts.services.known_device import LIFETIME as KNOWN_DEVICE_LIFETIME


@dataclass(frozen=True)
class Kept:
    what: str
    how_long: str
    at_deletion: str


def kept_items() -> list[Kept]:
    days = current_app.config["PERSONAL_DATA_RETENTION_DAYS"]
    hours = current_app.config["EXPORT_RETENTION_HOURS"]
    return [
        Kept("Thông tin tài khoản: họ tên, ngày sinh, số điện thoại, email, 4 số cuối và mã băm "
             "của số CCCD",
             f"Trong thời gian cuộc thi và {days} ngày sau khi cuộc thi kết thúc",
             "Thay bằng thông tin ẩn danh, chỉ giữ năm sinh; tài khoản không đăng nhập được nữa"),
        Kept("Lượt thi, câu trả lời, điểm, thời gian làm bài và dự đoán",
             "Lâu dài, để bảng xếp hạng và số liệu của đơn vị không thay đổi",
             "Giữ lại nhưng không còn gắn với họ tên, số điện thoại của bạn"),
        Kept("Nhật ký thao tác: ai làm gì, lúc nào, với tài khoản nào",
             "Lâu dài; không ai sửa được",
             "Các giá trị cá nhân trong nhật ký (số điện thoại, email, họ tên cũ, lý do Ban Tổ "
             "chức ghi về bạn) và địa chỉ IP các thao tác của bạn bị xóa; chỉ còn ai, làm gì, "
             "lúc nào"),
        Kept("Yêu cầu xóa dữ liệu và lý do bạn ghi",
             "Đến khi yêu cầu được thực hiện",
             "Lý do bị xóa; chỉ giữ thời điểm yêu cầu và thời điểm thực hiện"),
        Kept("Tệp xuất dữ liệu đầy đủ (Excel, CSV) do Ban Tổ chức tạo trên máy chủ",
             f"{hours} giờ sau khi tạo, rồi tự động bị xóa",
             "Mọi tệp của các đợt thi bạn đã tham gia bị xóa ngay"),
        Kept("Danh sách đoạt giải đã công bố (họ tên, đơn vị), quyết định xác minh hoặc loại "
             "khỏi danh sách đoạt giải và lý do",
             "Lâu dài, là hồ sơ của cuộc thi",
             "Giữ nguyên"),
        Kept("Số lần đăng nhập sai và thử thách chống dò mật khẩu (bộ nhớ tạm)",
             "Từ một phút đến một giờ",
             "Tự hết hạn"),
        Kept("Cookie ghi nhớ thiết bị đã đăng nhập (lưu trên máy của bạn)",
             f"{KNOWN_DEVICE_LIFETIME.days} ngày",
             "Bạn tự xóa được trong trình duyệt"),
    ]
