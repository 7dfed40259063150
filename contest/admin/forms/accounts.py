"""Forms of the organizer's account console."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from contest.accounts.forms import REQUIRED
from contest.accounts.models import ROLE_LABELS
from contest.accounts.services.bulk import MAX_BYTES
from contest.accounts.services.extra_time import EXTRA_TIME_REASON_MISSING, TIME_LIMIT_PERCENTS
from contest.accounts.services.management import CORRECTION_REASON_MISSING, LOCK_REASON_MISSING
from contest.forms import ChoiceField, DateOfBirthField, clean, not_in_future
from contest.reasons import reason_field


def _unit_choices(units) -> list[tuple[str, str]]:
    return [("", "— Chọn đơn vị —")] + [(str(u.id), f"{u.name} ({u.code})") for u in units]


class ResetPasswordForm(FlaskForm):
    confirm = BooleanField("Tôi xác nhận đặt lại mật khẩu; mật khẩu cũ sẽ không dùng được nữa.",
                           validators=[DataRequired("Vui lòng đánh dấu xác nhận.")])


class LockForm(FlaskForm):
    reason = reason_field("Lý do khóa", LOCK_REASON_MISSING)


class UnlockForm(FlaskForm):
    reason = reason_field("Lý do mở khóa (không bắt buộc)")


class RoleForm(FlaskForm):
    role = ChoiceField("Vai trò mới", choices=[("", "— Chọn —"), *ROLE_LABELS.items()])


class UnitManagerForm(FlaskForm):
    unit_id = ChoiceField("Đơn vị", choices=[])

    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_id.choices = _unit_choices(units)


class CorrectionForm(FlaskForm):
    full_name = StringField("Họ và tên", filters=[clean], validators=[
        DataRequired(REQUIRED), Length(max=100, message="Họ và tên tối đa 100 ký tự.")])
    date_of_birth = DateOfBirthField("Ngày sinh", validators=[
        InputRequired("Vui lòng nhập ngày sinh."), not_in_future])
    unit_id = ChoiceField("Đơn vị", choices=[])
    reason = reason_field("Lý do sửa", CORRECTION_REASON_MISSING)

    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_id.choices = _unit_choices(units)


class BulkCreateForm(FlaskForm):
    file = FileField("Tệp Excel (.xlsx)", validators=[
        FileRequired("Vui lòng chọn tệp Excel."),
        FileAllowed(["xlsx"], "Chỉ nhận tệp Excel .xlsx."),
        FileSize(MAX_BYTES, message=f"Tệp quá lớn (tối đa {MAX_BYTES // (1024 * 1024)} MB)."),
    ])


class ExtraTimeForm(FlaskForm):
    percent = ChoiceField("Thời gian làm bài mỗi lượt", choices=[
        (str(percent), label) for percent, label in TIME_LIMIT_PERCENTS.items()])
    reason = reason_field("Lý do", EXTRA_TIME_REASON_MISSING)
