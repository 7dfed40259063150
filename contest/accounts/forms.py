from flask import url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import (
    DataRequired, Email, EqualTo, InputRequired, Length, Optional, ValidationError,
)

from contest.accounts.models import GENDERS, User
from contest.accounts.rules import passwords as password_rules
from contest.accounts.rules.cccd import is_valid_cccd, normalize_cccd
from contest.accounts.rules.identifiers import canonical_identifier
from contest.accounts.rules.phone import is_valid_mobile, normalize_phone
from contest.accounts.services.accounts import used_by_another
from contest.accounts.services.consent import CHECKBOX_LABEL as CONSENT_CHECKBOX_LABEL
from contest.audiences import AUDIENCES
from contest.forms import ChoiceField, DateOfBirthField, clean, not_in_future, put_in_page_order
from contest.units.models import Unit

REQUIRED = "Vui lòng nhập thông tin này."


def _email_field(label: str, *validators) -> EmailField:
    return EmailField(label, filters=[clean], validators=[
        *validators, Length(max=254, message="Email quá dài."),
        Email("Email không hợp lệ.", check_deliverability=False)])


class _PersonFields(FlaskForm):
    """Who a person is and how to reach them: registration and the profile page.
    ``owner_id`` is the account being edited: its own phone is not taken. The phone
    is the login, so a used one is refused here; whether an e-mail is another
    account's is never said by a form (``registration``, ``email_change``)."""

    owner_id: int | None = None
    taken_phone: str | None = None  # the phone refused as another account's, if it was
    PHONE_TAKEN = "Số điện thoại này đã được dùng cho một tài khoản khác."

    full_name = StringField("Họ và tên", filters=[clean], validators=[
        DataRequired(REQUIRED), Length(max=100, message="Họ và tên tối đa 100 ký tự.")])
    date_of_birth = DateOfBirthField("Ngày sinh", validators=[
        InputRequired("Vui lòng nhập ngày sinh."), not_in_future])
    phone = StringField("Số điện thoại", filters=[clean], validators=[
        DataRequired(REQUIRED), Length(max=20, message="Số điện thoại quá dài.")])
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
        if used_by_another(User.phone, field.data, self.owner_id):
            raise ValidationError(self.refuse_taken_phone())

    def refuse_taken_phone(self) -> str:
        """The message of a phone that another account has; kept in ``taken_phone``."""
        self.taken_phone = self.phone.data
        return self.PHONE_TAKEN

    def validate_email(self, field):
        if field.data:
            field.data = field.data.lower()


class _NewPasswordFields(FlaskForm):
    """A new password typed twice, under the registration's rules: 8 to 128
    characters, not too common, not the person's own numbers (``password_rules``)."""

    password = PasswordField("Mật khẩu", validators=[
        InputRequired("Vui lòng nhập mật khẩu."),
        Length(min=8, max=128, message="Mật khẩu phải dài từ 8 đến 128 ký tự.")])
    password_confirm = PasswordField("Nhập lại mật khẩu", validators=[
        InputRequired("Vui lòng nhập lại mật khẩu."),
        EqualTo("password", "Hai lần nhập mật khẩu không khớp.")])

    def password_owner(self) -> password_rules.Person:
        """Whose password it is (their numbers are refused in it)."""
        return password_rules.Person()

    def validate_password(self, field):
        if field.errors:  # too short or too long: that is said already
            return
        message = password_rules.refusal(field.data, self.password_owner())
        if message:
            raise ValidationError(message)


class RegistrationForm(_PersonFields, _NewPasswordFields):
    # The phone is the login itself, so its message says to log in, with a link (the
    # usual case: one's own number). A used CCCD or e-mail is not checked here
    # (``registration``).
    PHONE_TAKEN = Markup('Số điện thoại này đã được đăng ký. Hãy <a href="{}">đăng nhập</a>.')

    gender = ChoiceField("Giới tính", choices=[("", "— Chọn —"), *GENDERS.items()])
    cccd = StringField("Số CCCD (không bắt buộc)", filters=[clean], validators=[Optional()])
    audience = ChoiceField("Đối tượng", choices=[("", "— Chọn —"), *AUDIENCES.items()])
    consent = BooleanField(CONSENT_CHECKBOX_LABEL, validators=[DataRequired(
        "Vui lòng đọc và đồng ý với nội dung xử lý dữ liệu cá nhân để đăng ký.")])

    # The order of the page (register.html), which its error summary follows.
    PAGE_ORDER = ("full_name", "date_of_birth", "gender", "phone", "email", "cccd", "audience",
                  "unit_id", "password", "password_confirm", "consent")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        put_in_page_order(self, self.PAGE_ORDER)

    def refuse_taken_phone(self) -> Markup:
        super().refuse_taken_phone()
        return self.PHONE_TAKEN.format(url_for("accounts.login"))

    def validate_cccd(self, field):
        """12 digits (spaces, dots and dashes ignored). One account per number is
        kept once the account is made (``registration``), not said by the form."""
        if field.data:
            field.data = normalize_cccd(field.data)
            if not is_valid_cccd(field.data):
                raise ValidationError("Số CCCD phải gồm đúng 12 chữ số.")

    def password_owner(self) -> password_rules.Person:
        return password_rules.Person(phone=self.phone.data, date_of_birth=self.date_of_birth.data,
                                     cccd=self.cccd.data)


class LoginForm(FlaskForm):
    # The form of the identifier that the lookup and the login limit read too.
    identifier = StringField("Số điện thoại hoặc email", filters=[canonical_identifier], validators=[
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
        put_in_page_order(self, ("full_name", "date_of_birth", "unit_id", "phone", "email"))
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
    """A new password for ``person`` (the account of a reset link)."""

    def __init__(self, *args, person: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.password.label.text = "Mật khẩu mới"
        self.password_confirm.label.text = "Nhập lại mật khẩu mới"

    def password_owner(self) -> password_rules.Person:
        return password_rules.Person.of(self.person) if self.person else password_rules.Person()


class PasswordChangeForm(NewPasswordForm):
    """A person's own new password: the one logged in, unless ``person`` is given."""

    current_password = PasswordField("Mật khẩu hiện tại", validators=[
        InputRequired("Vui lòng nhập mật khẩu hiện tại."), Length(max=128, message="Quá dài.")])

    def __init__(self, *args, person: User | None = None, **kwargs):
        super().__init__(*args, person=person or current_user._get_current_object(), **kwargs)
        put_in_page_order(self, ("current_password", "password", "password_confirm"))


class ForgotPasswordForm(FlaskForm):
    email = _email_field("Email đã đăng ký", DataRequired(REQUIRED))
