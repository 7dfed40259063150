"""How the audit log reads in Vietnamese: actions, targets and details."""
from dataclasses import dataclass

from contest.admin.queries.audit_values import (
    USER_KEYS, Lookups, before_after, pair, value_text,
)

SYSTEM = "Hệ thống"

ACTION_LABELS = {
    "account.register": "Đăng ký tài khoản",
    "account.bulk_create": "Tạo hàng loạt tài khoản từ Excel",
    "account.bulk_download": "Tải lại tệp mật khẩu ban đầu (tạo hàng loạt)",
    "account.create_admin": "Tạo tài khoản quản trị",
    "account.reset_password": "Đặt lại mật khẩu",
    "account.lock": "Khóa tài khoản",
    "account.unlock": "Mở khóa tài khoản",
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
    "unit.load_province": "Nạp danh mục xã, phường (và sở, ngành) của tỉnh",
    "unit.staff_import": "Nhập danh sách cán bộ của đơn vị",
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
    "BulkCreation": "Lần tạo tài khoản hàng loạt",
    "Contest": "Cuộc thi",
    "ExportJob": "Tệp xuất",
    "PrizeGroup": "Bảng giải",
    "Question": "Câu hỏi",
    "Round": "Đợt thi",
    "Unit": "Đơn vị",
    "User": "Tài khoản",
}

DETAIL_LABELS = {
    "about": "Về tài khoản",
    "action": "Thao tác",
    "active": "Đang hoạt động",
    "actual": "Đáp án câu hỏi dự đoán",
    "added": "Số đơn vị thêm mới",
    "added_codes": "Các đơn vị thêm mới",
    "after_bytes": "Dung lượng ảnh mới (byte)",
    "after_type": "Loại ảnh mới",
    "allow_overlap": "Cho phép trùng thời gian với đợt thi khác",
    "already_there": "Đã có sẵn",
    "attempts_cut": "Số lượt thi bị kết thúc",
    "audiences": "Đối tượng",
    "batch": "Lần tạo tài khoản hàng loạt",
    "before_bytes": "Dung lượng ảnh cũ (byte)",
    "before_type": "Loại ảnh cũ",
    "capped": "Cắt bớt theo giới hạn",
    "changes": "Thay đổi",
    "closes_at": "Đóng",
    "code": "Mã",
    "consolation_prizes": "Số giải Khuyến khích",
    "contact_line": "Thông tin liên hệ",
    "contest_id": "Mã cuộc thi",
    "count": "Số lượng",
    "created": "Tạo mới",
    "created_units": "Đơn vị thêm mới",
    "date_of_birth": "Ngày sinh",
    "decision": "Xét duyệt",
    "description": "Giới thiệu",
    "difficulty_mix": "Cơ cấu theo độ khó",
    "email": "Email",
    "ends_at": "Kết thúc",
    "existing": "Đã có tài khoản, giữ nguyên",
    "filename": "Tệp",
    "filters": "Điều kiện lọc",
    "first_prizes": "Số giải Nhất",
    "flagged_fast": "Nộp quá nhanh",
    "format": "Định dạng",
    "from": "Từ ngày",
    "full_name": "Họ và tên",
    "full_phones": "Số điện thoại đầy đủ",
    "headcount": "Số CBCCVC",
    "job": "Mã tệp xuất",
    "kept": "Giữ lại (còn tham gia cuộc thi khác)",
    "kind": "Loại",
    "left_out": "Thông tin đã nhập nhưng không lưu",
    "locked_at": "Khóa từ",
    "managed_unit": "Đơn vị quản lý",
    "max_attempts": "Số lượt thi tối đa",
    "name": "Tên",
    "new_version": "Tạo phiên bản mới",
    "new_versions": "Số câu tạo phiên bản mới",
    "number": "Số thứ tự",
    "one_prize_per_person": "Mỗi người một giải",
    "opens_at": "Mở",
    "organizer_name": "Đơn vị tổ chức",
    "path": "Đường dẫn tệp",
    "phone": "Số điện thoại",
    "position": "Thứ tự",
    "prediction_actual": "Đáp án câu hỏi dự đoán",
    "prediction_kind": "Loại câu hỏi dự đoán",
    "prediction_per_attempt": "Dự đoán theo từng lượt thi",
    "prediction_question": "Câu hỏi dự đoán",
    "previous_rows": "Số dòng trước đó",
    "prize_min_score": "Số câu đúng tối thiểu để xét giải",
    "prizes_exclude_staff": "Không xét giải cho cán bộ, Ban Tổ chức",
    "province": "Tỉnh",
    "province_code": "Mã tỉnh trong danh mục hành chính",
    "published": "Kết quả đã công bố",
    "q": "Người thực hiện",
    "question_scopes": "Phạm vi câu hỏi",
    "questions": "Số câu hỏi",
    "questions_per_attempt": "Số câu hỏi mỗi lượt",
    "reason": "Lý do",
    "refused": "Dòng bị từ chối",
    "replaced_initial": "Thay mật khẩu do Ban Tổ chức cấp",
    "request_id": "Mã yêu cầu",
    "retention_days": "Thời hạn lưu trữ (ngày)",
    "review_after": "Xem lại đáp án",
    "role": "Vai trò",
    "round_id": "Mã đợt thi",
    "rows": "Số dòng",
    "rules": "Thể lệ",
    "scheduled_at": "Lên lịch lúc",
    "second_prizes": "Số giải Nhì",
    "shrunk": "Ảnh đã được thu nhỏ",
    "slug": "Đường dẫn cuộc thi",
    "starts_at": "Bắt đầu",
    "third_prizes": "Số giải Ba",
    "time_limit_percent": "Thời gian làm bài (% thời gian quy định)",
    "time_limit_seconds": "Thời gian làm bài (giây)",
    "to": "Đến ngày",
    "topic_mix": "Cơ cấu theo chủ đề",
    "topics": "Chủ đề",
    "unchanged": "Không đổi",
    "unit": "Đơn vị",
    "unit_created": "Tạo đơn vị mới",
    "unit_min_rate": "Tỷ lệ tham gia tối thiểu của đơn vị (%)",
    "units": "Các đơn vị",
    "updated": "Cập nhật",
    "updated_units": "Đơn vị được sửa",
    "user_id": "Người dự thi",
    "version_after": "Phiên bản sau",
    "version_before": "Phiên bản trước",
    "winners": "Số người đoạt giải",
    "with_agencies": "Gồm cả sở, ban, ngành",
}

# What the plain before/after values of an action are (a prize decision, a
# closing time), so that the line says it.
PAIR_KEYS = {
    "prizes.verified": "decision",
    "prizes.disqualified": "decision",
    "account.role": "role",
    "round.close_early": "closes_at",
    "round.extend": "closes_at",
    "results.compute": "prediction_actual",
}
# An action whose "after" is written under another name.
AFTER_KEYS = {"results.compute": "actual"}


@dataclass(frozen=True)
class DetailLine:
    text: str
    user_id: int | None = None  # a line naming a person: a link to their page

    def __str__(self) -> str:
        return self.text


def action_label(action: str) -> str:
    """The Vietnamese label of an action; an unknown one under its area's name."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    prefix = action.split(".", 1)[0]
    return f"{PREFIX_LABELS[prefix]}: {action}" if prefix in PREFIX_LABELS else action


def prefix_label(prefix: str) -> str:
    return PREFIX_LABELS.get(prefix, prefix)


def filter_label(action: str) -> str:
    """The action filter of the log: an action, or a whole area ("unit.*")."""
    if action.endswith(".*"):
        return f"{prefix_label(action[:-2])} (mọi thao tác)"
    return action_label(action)


def target_label(target_type: str | None, target_id: str | None, user_name: str | None = None) -> str:
    if target_type is None:
        return ""
    label = f"{TARGET_LABELS.get(target_type, target_type)} #{target_id}"
    return f"{label} — {user_name}" if user_name else label


def detail_lines(details: dict | None, lookups: Lookups | None = None,
                 action: str = "") -> list[DetailLine]:
    """Details as "label: value" lines; before/after pairs as "before → after"."""
    if not details:
        return []
    lookups = lookups or Lookups()
    details = dict(details)
    after = details.pop(AFTER_KEYS.get(action, "after"), None)
    lines = _pair_lines(details.pop("before", None), after, PAIR_KEYS.get(action), lookups)
    changes = details.pop("changes", None)
    if isinstance(changes, dict):
        lines += [DetailLine(f"{_key(key)}: {_change(key, change, lookups)}")
                  for key, change in changes.items()]
    elif changes is not None:
        details["changes"] = changes
    return lines + [_line(key, value, lookups) for key, value in details.items()]


def _pair_lines(before, after, key: str | None, lookups: Lookups) -> list[DetailLine]:
    lines = before_after(before, after, key, lookups, DETAIL_LABELS)
    plain = not isinstance(before, dict) and not isinstance(after, dict)
    if plain and key in DETAIL_LABELS:
        lines = [f"{DETAIL_LABELS[key]}: {line}" for line in lines]
    return [DetailLine(line) for line in lines]


def _change(key: str, change, lookups: Lookups) -> str:
    if isinstance(change, dict) and {"before", "after"} <= change.keys():
        return pair(change["before"], change["after"], key, lookups, DETAIL_LABELS)
    if isinstance(change, (list, tuple)) and len(change) == 2:
        return pair(change[0], change[1], key, lookups, DETAIL_LABELS)
    return value_text(change, key, lookups, DETAIL_LABELS)


def _line(key: str, value, lookups: Lookups) -> DetailLine:
    person = value if key in USER_KEYS and isinstance(value, int) else None
    if key == "filters" and isinstance(value, dict) and value.get("action"):
        value = {**value, "action": filter_label(value["action"])}
    return DetailLine(f"{_key(key)}: {value_text(value, key, lookups, DETAIL_LABELS)}", person)


def _key(key: str) -> str:
    return DETAIL_LABELS.get(key, key)
