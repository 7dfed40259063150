"""Forms of the organizer's account console."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from contest.accounts.bulk import MAX_BYTES
from contest.accounts.forms import REQUIRED
from contest.accounts.management import MAX_REASON
from contest.accounts.models import ROLE_LABELS
from contest.forms import ChoiceField, VietnameseDateField, clean, clean_lines, not_in_future

REASON_LENGTH = Length(max=MAX_REASON, message=f"Lý do tối đa {MAX_REASON} ký tự.")


def _unit_choices(units) -> list[tuple[str, str]]:
    return [("", "— Chọn đơn vị —")] + [(str(u.id), f"{u.name} ({u.code})") for u in units]


class ResetPasswordForm(FlaskForm):
    confirm = BooleanField("Tôi xác nhận đặt lại mật khẩu; mật khẩu cũ sẽ không dùng được nữa.",
                           validators=[DataRequired("Vui lòng đánh dấu xác nhận.")])


class LockForm(FlaskForm):
    reason = TextAreaField("Lý do khóa", filters=[clean_lines], validators=[
        DataRequired("Vui lòng ghi lý do khóa tài khoản."), REASON_LENGTH])


class UnlockForm(FlaskForm):
    reason = TextAreaField("Lý do mở khóa (không bắt buộc)", filters=[clean_lines],
                           validators=[Optional(), REASON_LENGTH])


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
    date_of_birth = VietnameseDateField("Ngày sinh", format="%d/%m/%Y", validators=[
        InputRequired("Vui lòng nhập ngày sinh."), not_in_future])
    unit_id = ChoiceField("Đơn vị", choices=[])
    reason = TextAreaField("Lý do sửa", filters=[clean_lines], validators=[
        DataRequired("Vui lòng ghi lý do sửa (ví dụ: theo CCCD, theo đơn đề nghị)."), REASON_LENGTH])

    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_id.choices = _unit_choices(units)


class BulkCreateForm(FlaskForm):
    file = FileField("Tệp Excel (.xlsx)", validators=[
        FileRequired("Vui lòng chọn tệp Excel."),
        FileAllowed(["xlsx"], "Chỉ nhận tệp Excel .xlsx."),
        FileSize(MAX_BYTES, message=f"Tệp quá lớn (tối đa {MAX_BYTES // (1024 * 1024)} MB)."),
    ])
