import re

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, Optional, ValidationError

from contest.accounts.models import AUDIENCES, GENDERS, User
from contest.accounts.phone import is_valid_mobile, normalize_phone
from contest.extensions import db
from contest.forms import ChoiceField, VietnameseDateField, not_in_future
from contest.units.models import Unit

REQUIRED = "Vui lòng nhập thông tin này."
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _strip(value):
    return _CONTROL.sub("", value).strip() if isinstance(value, str) else value


def _taken(column, value, other_than: int | None = None) -> bool:
    """True when another account (not ``other_than``) already uses ``value``."""
    query = select(User.id).where(column == value)
    if other_than is not None:
        query = query.where(User.id != other_than)
    return db.session.scalar(query) is not None


def _email_field(label: str, *validators) -> EmailField:
    return EmailField(label, filters=[_strip], validators=[
        *validators, Length(max=254, message="Email quá dài."),
        Email("Email không hợp lệ.", check_deliverability=False)])


class _PersonFields(FlaskForm):
    """Who a person is and how to reach them: registration and the profile page.
    ``owner_id`` is the account being edited: its own phone and email are not taken."""

    owner_id: int | None = None
    PHONE_TAKEN = "Số điện thoại này đã được dùng cho một tài khoản khác."

    full_name = StringField("Họ và tên", filters=[_strip], validators=[
        DataRequired(REQUIRED), Length(max=100, message="Họ và tên tối đa 100 ký tự.")])
    date_of_birth = VietnameseDateField("Ngày sinh", validators=[
        InputRequired("Vui lòng nhập ngày sinh."), not_in_future])
    phone = StringField("Số điện thoại", filters=[_strip], validators=[DataRequired(REQUIRED)])
    email = _email_field("Email (không bắt buộc)", Optional())
    unit_id = ChoiceField("Đơn vị công tác / nơi cư trú", choices=[])

    def __init__(self, units: list[Unit], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.unit_id.choices = [("", "— Chọn đơn vị —")] + [(str(u.id), u.name) for u in units]

    def validate_phone(self, field):
        field.data = normalize_phone(field.data)
        if not is_valid_mobile(field.data):
            raise ValidationError("Số điện thoại di động không hợp lệ (10 chữ số, ví dụ 0912345678).")
        if _taken(User.phone, field.data, self.owner_id):
            raise ValidationError(self.PHONE_TAKEN)

    def validate_email(self, field):
        if field.data:
            field.data = field.data.lower()
            if _taken(User.email, field.data, self.owner_id):
                raise ValidationError("Email này đã được dùng cho một tài khoản khác.")


class _NewPasswordFields(FlaskForm):
    """A new password typed twice, under the registration's rules."""

    password = PasswordField("Mật khẩu", validators=[
        InputRequired("Vui lòng nhập mật khẩu."),
        Length(min=8, max=128, message="Mật khẩu phải dài từ 8 đến 128 ký tự.")])
    password_confirm = PasswordField("Nhập lại mật khẩu", validators=[
        InputRequired("Vui lòng nhập lại mật khẩu."),
        EqualTo("password", "Hai lần nhập mật khẩu không khớp.")])


class RegistrationForm(_PersonFields, _NewPasswordFields):
    PHONE_TAKEN = "Số điện thoại này đã được đăng ký. Hãy đăng nhập."

    gender = ChoiceField("Giới tính", choices=[("", "— Chọn —"), *GENDERS.items()])
    cccd = StringField("Số CCCD (không bắt buộc)", filters=[_strip], validators=[Optional()])
    audience = ChoiceField("Đối tượng", choices=[("", "— Chọn —"), *AUDIENCES.items()])

    def validate_cccd(self, field):
        if field.data:
            if not re.fullmatch(r"\d{12}", field.data):
                raise ValidationError("Số CCCD phải gồm đúng 12 chữ số.")
            if _taken(User.cccd, field.data):
                raise ValidationError("Số CCCD này đã được dùng cho một tài khoản khác.")


class LoginForm(FlaskForm):
    identifier = StringField("Số điện thoại hoặc email", filters=[_strip], validators=[
        DataRequired(REQUIRED), Length(max=254, message="Quá dài.")])
    password = PasswordField("Mật khẩu", validators=[
        InputRequired("Vui lòng nhập mật khẩu."), Length(max=128, message="Quá dài.")])
    remember = BooleanField("Ghi nhớ đăng nhập trên máy này")


# --- the profile page and the forgotten password ------------------------------

PRIZE_FIELDS = ("full_name", "date_of_birth", "unit_id")


class ProfileForm(_PersonFields):
    """A person's own details. Once they have a submitted attempt (``locked``) the
    fields prizes are paid on are left out: whatever the browser sends for them is ignored."""

    def __init__(self, units: list[Unit], user: User, locked: bool, *args, **kwargs):
        super().__init__(units, *args, **kwargs)
        self.owner_id = user.id
        self.locked = locked
        if locked:
            for name in PRIZE_FIELDS:
                delattr(self, name)

    def changes(self) -> dict:
        """The submitted values, by ``User`` attribute."""
        values = {"phone": self.phone.data, "email": self.email.data or None}
        if not self.locked:
            values |= {"full_name": self.full_name.data, "date_of_birth": self.date_of_birth.data,
                       "unit_id": int(self.unit_id.data)}
        return values


class NewPasswordForm(_NewPasswordFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.password.label.text = "Mật khẩu mới"
        self.password_confirm.label.text = "Nhập lại mật khẩu mới"


class PasswordChangeForm(NewPasswordForm):
    current_password = PasswordField("Mật khẩu hiện tại", validators=[
        InputRequired("Vui lòng nhập mật khẩu hiện tại."), Length(max=128, message="Quá dài.")])


class ForgotPasswordForm(FlaskForm):
    email = _email_field("Email đã đăng ký", DataRequired(REQUIRED))
