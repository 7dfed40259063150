"""How the audit log reads in Vietnamese: actions, targets and details."""
import json
import re
from datetime import datetime

from contest.audit.personal import Erased
from contest.formatting import format_local
from contest.masking import masked_phone

SYSTEM = "Hệ thống"

ACTION_LABELS = {
    "account.register": "Đăng ký tài khoản",
    "account.bulk_create": "Tạo hàng loạt tài khoản từ Excel",
    "account.create_admin": "Tạo tài khoản quản trị",
    "account.reset_password": "Đặt lại mật khẩu",
    "account.lock": "Khoá tài khoản",
    "account.unlock": "Mở khoá tài khoản",
    "account.role": "Đổi vai trò tài khoản",
    "account.unit_manager": "Giao/bỏ quyền lãnh đạo đơn vị",
    "account.correct": "Sửa thông tin người dự thi",
    "account.profile": "Tự sửa hồ sơ cá nhân",
    "account.password_change": "Tự đổi mật khẩu",
    "account.reset_password_email": "Đặt lại mật khẩu qua email",
    "account.extra_time": "Thêm thời gian làm bài cho người dự thi",
    "attempts.finish_overdue": "Kết thúc các lượt thi quá giờ",
    "audit.export": "Tải nhật ký thao tác",
    "bank.load": "Nạp ngân hàng câu hỏi từ tệp",
    "bank.import": "Nhập câu hỏi từ Excel",
    "bank.export": "Tải ngân hàng câu hỏi",
    "bank.template": "Tải tệp mẫu ngân hàng câu hỏi",
    "contest.create": "Tạo cuộc thi",
    "contest.update": "Sửa thông tin cuộc thi",
    "contest.logo": "Đổi biểu trưng cuộc thi",
    "demo.seed": "Tạo dữ liệu mẫu",
    "export.request": "Yêu cầu xuất dữ liệu",
    "export.download": "Tải tệp dữ liệu đã xuất",
    "export.winners": "Tải danh sách đoạt giải",
    "export.report": "Tải báo cáo đợt thi",
    "export.cli": "Xuất dữ liệu bằng dòng lệnh",
    "export.unit_absentees": "Tải danh sách chưa tham gia của đơn vị",
    "privacy.anonymise": "Ẩn danh dữ liệu cá nhân của cuộc thi đã hết thời hạn lưu trữ",
    "privacy.deletion_carried_out": "Thực hiện yêu cầu xóa dữ liệu cá nhân",
    "privacy.deletion_request": "Gửi yêu cầu xóa dữ liệu cá nhân",
    "privacy.download": "Tải dữ liệu cá nhân của mình",
    "prize_group.create": "Thêm bảng giải",
    "prize_group.update": "Sửa bảng giải",
    "prize_group.delete": "Xóa bảng giải",
    "prizes.verified": "Xác minh người đoạt giải",
    "prizes.disqualified": "Loại người đoạt giải",
    "question.create": "Thêm câu hỏi",
    "question.edit": "Sửa câu hỏi",
    "question.activate": "Hiện câu hỏi",
    "question.deactivate": "Ẩn câu hỏi",
    "results.compute": "Tính kết quả đợt thi",
    "results.publish": "Công bố kết quả",
    "results.rebuild": "Tính lại bảng xếp hạng",
    "round.create": "Tạo đợt thi",
    "round.update": "Sửa đợt thi",
    "round.schedule": "Lên lịch đợt thi",
    "round.unschedule": "Đưa đợt thi về bản nháp",
    "round.close_early": "Đóng đợt thi sớm",
    "round.extend": "Gia hạn đợt thi",
    "unit.create": "Thêm đơn vị",
    "unit.update": "Sửa đơn vị",
    "unit.import": "Nhập đơn vị từ Excel",
    "unit.deactivate": "Ngừng hoạt động đơn vị",
    "unit.reactivate": "Cho đơn vị hoạt động lại",
}

PREFIX_LABELS = {
    "account": "Tài khoản",
    "attempts": "Lượt thi",
    "audit": "Nhật ký",
    "bank": "Ngân hàng câu hỏi",
    "contest": "Cuộc thi",
    "demo": "Dữ liệu mẫu",
    "export": "Xuất dữ liệu",
    "privacy": "Dữ liệu cá nhân",
    "prize": "Giải thưởng",
    "prize_group": "Bảng giải",
    "prizes": "Giải thưởng",
    "question": "Câu hỏi",
    "results": "Kết quả",
    "round": "Đợt thi",
    "unit": "Đơn vị",
}

TARGET_LABELS = {
    "Attempt": "Lượt thi",
    "Contest": "Cuộc thi",
    "ExportJob": "Tệp xuất",
    "PrizeGroup": "Bảng giải",
    "Question": "Câu hỏi",
    "Round": "Đợt thi",
    "Unit": "Đơn vị",
    "User": "Tài khoản",
}

DETAIL_LABELS = {
    "active": "Đang hoạt động",
    "capped": "Cắt bớt theo giới hạn",
    "changes": "Thay đổi",
    "closes_at": "Đóng",
    "code": "Mã",
    "count": "Số lượng",
    "created": "Tạo mới",
    "date_of_birth": "Ngày sinh",
    "email": "Email",
    "filename": "Tệp",
    "filters": "Điều kiện lọc",
    "format": "Định dạng",
    "full_name": "Họ và tên",
    "headcount": "Số CBCCVC",
    "kept": "Giữ lại (còn tham gia cuộc thi khác)",
    "kind": "Loại",
    "managed_unit": "Đơn vị quản lý",
    "name": "Tên",
    "opens_at": "Mở",
    "phone": "Số điện thoại",
    "reason": "Lý do",
    "request_id": "Mã yêu cầu",
    "retention_days": "Thời hạn lưu trữ (ngày)",
    "role": "Vai trò",
    "rows": "Số dòng",
    "time_limit_percent": "Thời gian làm bài (% thời gian quy định)",
    "unit": "Đơn vị",
    "updated": "Cập nhật",
    "user_id": "Mã tài khoản",
    "winners": "Số người đoạt giải",
}

_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def action_label(action: str) -> str:
    """The Vietnamese label of an action; an unknown one under its area's name."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    prefix = action.split(".", 1)[0]
    return f"{PREFIX_LABELS[prefix]}: {action}" if prefix in PREFIX_LABELS else action


def prefix_label(prefix: str) -> str:
    return PREFIX_LABELS.get(prefix, prefix)


def target_label(target_type: str | None, target_id: str | None, user_name: str | None = None) -> str:
    if target_type is None:
        return ""
    label = f"{TARGET_LABELS.get(target_type, target_type)} #{target_id}"
    return f"{label} — {user_name}" if user_name else label


def detail_lines(details: dict | None) -> list[str]:
    """Details as "key: value" lines; before/after pairs as "before → after"."""
    if not details:
        return []
    details = dict(details)
    lines = _before_after_lines(details.pop("before", None), details.pop("after", None))
    changes = details.pop("changes", None)
    if isinstance(changes, dict):
        lines += [_change_line(key, change) for key, change in changes.items()]
    elif changes is not None:
        details["changes"] = changes
    return lines + [f"{_key(key)}: {_value(value, key)}" for key, value in details.items()]


def _before_after_lines(before, after) -> list[str]:
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before or {}, after or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [f"{_key(key)}: {_value(before.get(key), key)} → {_value(after.get(key), key)}"
                for key in keys if before.get(key) != after.get(key)]
    if before is None and after is None:
        return []
    return [f"{_value(before)} → {_value(after)}"]


def _change_line(key: str, change) -> str:
    if isinstance(change, dict) and {"before", "after"} <= change.keys():
        return f"{_key(key)}: {_value(change['before'], key)} → {_value(change['after'], key)}"
    if isinstance(change, (list, tuple)) and len(change) == 2:
        return f"{_key(key)}: {_value(change[0], key)} → {_value(change[1], key)}"
    return f"{_key(key)}: {_value(change, key)}"


def _key(key: str) -> str:
    return DETAIL_LABELS.get(key, key)


def _value(value, key: str | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Erased):  # a personal value deleted with the person's data
        return str(value)
    if key == "phone" and isinstance(value, str):
        return masked_phone(value)  # a full phone only in the winners export
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, str) and _ISO_TIME.match(value):
        return _local_time(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _local_time(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return format_local(moment) if moment.tzinfo else text
