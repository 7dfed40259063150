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


def _taken(column, value) -> bool:
    return db.session.scalar(select(User.id).where(column == value)) is not None


class RegistrationForm(FlaskForm):
    full_name = StringField("Họ và tên", filters=[_strip], validators=[
        DataRequired(REQUIRED), Length(max=100, message="Họ và tên tối đa 100 ký tự.")])
    date_of_birth = VietnameseDateField("Ngày sinh", validators=[
        InputRequired("Vui lòng nhập ngày sinh."), not_in_future])
    gender = ChoiceField("Giới tính", choices=[("", "— Chọn —"), *GENDERS.items()])
    phone = StringField("Số điện thoại", filters=[_strip], validators=[DataRequired(REQUIRED)])
    email = EmailField("Email (không bắt buộc)", filters=[_strip], validators=[
        Optional(), Length(max=254, message="Email quá dài."),
        Email("Email không hợp lệ.", check_deliverability=False)])
    cccd = StringField("Số CCCD (không bắt buộc)", filters=[_strip], validators=[Optional()])
    audience = ChoiceField("Đối tượng", choices=[("", "— Chọn —"), *AUDIENCES.items()])
    unit_id = ChoiceField("Đơn vị công tác / nơi cư trú", choices=[])
    password = PasswordField("Mật khẩu", validators=[
        InputRequired("Vui lòng nhập mật khẩu."),
        Length(min=8, max=128, message="Mật khẩu phải dài từ 8 đến 128 ký tự.")])
    password_confirm = PasswordField("Nhập lại mật khẩu", validators=[
        InputRequired("Vui lòng nhập lại mật khẩu."),
        EqualTo("password", "Hai lần nhập mật khẩu không khớp.")])

    def __init__(self, units: list[Unit], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.unit_id.choices = [("", "— Chọn đơn vị —")] + [(str(u.id), u.name) for u in units]

    def validate_phone(self, field):
        field.data = normalize_phone(field.data)
        if not is_valid_mobile(field.data):
            raise ValidationError("Số điện thoại di động không hợp lệ (10 chữ số, ví dụ 0912345678).")
        if _taken(User.phone, field.data):
            raise ValidationError("Số điện thoại này đã được đăng ký. Hãy đăng nhập.")

    def validate_email(self, field):
        if field.data:
            field.data = field.data.lower()
            if _taken(User.email, field.data):
                raise ValidationError("Email này đã được dùng cho một tài khoản khác.")

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
