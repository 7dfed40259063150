"""Form fields and validators with Vietnamese messages, shared by every form."""
from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, SelectField
from wtforms.validators import Length, ValidationError
from wtforms.widgets import TextInput

from contest.clock import local_day, now
from contest.parsing import BIRTH_YEARS, DAY_FORMAT, real_day, typed_day_parts, whole_number
from contest.text import clean_text


# Typed, not <input type="date">: that one shows mm/dd/yyyy in an English browser,
# while the site writes dd/mm/yyyy. The pattern only marks the field :invalid
# (forms are novalidate); ``contest.parsing.typed_day_parts`` is the rule.
DATE_OF_BIRTH_INPUT = {
    "inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "bday", "maxlength": 10,
    "pattern": "[0-9]{1,2}[^0-9][0-9]{1,2}[^0-9][0-9]{4}|[0-9]{8}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
}
DATE_OF_BIRTH_HELP = "Ngày/tháng/năm, ví dụ 05/09/1990 (gõ 05091990 cũng được)."
DATE_OF_BIRTH_SHAPE = "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/09/1990."


class DateOfBirthField(Field):
    """A date of birth typed day first (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy,
    dd.mm.yyyy, ddmmyyyy; ISO yyyy-mm-dd for API clients), shown as dd/mm/yyyy;
    each way of being wrong has its Vietnamese message. A future day is refused
    by the ``not_in_future`` validator."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs["render_kw"] = DATE_OF_BIRTH_INPUT | (kwargs.get("render_kw") or {})
        kwargs.setdefault("description", DATE_OF_BIRTH_HELP)
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime(DAY_FORMAT) if self.data else ""

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        parts = typed_day_parts(valuelist[0])
        if parts is None:
            raise ValueError(DATE_OF_BIRTH_SHAPE)
        year, month, day = parts
        if year not in BIRTH_YEARS:
            raise ValueError(f"Năm sinh phải từ {BIRTH_YEARS.start} trở đi.")
        self.data = real_day(parts)
        if self.data is None:
            raise ValueError(f"Ngày không hợp lệ: không có ngày {day:02d}/{month:02d}/{year}.")


# Beyond any count or number a form asks for; each field's validator says its range.
MAX_FORM_INTEGER = 10**18 - 1


def parse_integer(text: str) -> int | None:
    """An optionally signed whole number in ASCII digits ("-5", "12"); None for
    anything else: "²", "1_000", "1e3", too many digits."""
    return whole_number(text, MAX_FORM_INTEGER, -MAX_FORM_INTEGER, signed=True)


class VietnameseIntegerField(IntegerField):
    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        self.data = parse_integer(valuelist[0].strip())
        if self.data is None:
            raise ValueError("Giá trị phải là một số nguyên.")


class ChoiceField(SelectField):
    """A select whose invalid choice gets a Vietnamese message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)
        self.flags.required = True

    def pre_validate(self, form):
        if not self.data or self.data not in {value for value, _ in self.choices}:
            raise ValidationError("Vui lòng chọn một giá trị trong danh sách.")


def put_in_page_order(form: FlaskForm, names: tuple[str, ...]) -> None:
    """``form``'s fields in the order its page shows them (``names``; any other
    first): WTForms keeps the order of declaration, base classes first, and the
    error summary (macros/forms.html) lists the refused fields in this order."""
    order = [name for name in form._fields if name not in names] + [
        name for name in names if name in form._fields]
    form._fields = {name: form._fields[name] for name in order}


def not_in_future(form, field):
    """Today as the person lives it (Asia/Ho_Chi_Minh, the app's clock), not the
    server's own day: from 17:00 UTC a date of birth of "tomorrow" in UTC is today."""
    if field.data and field.data > local_day(now()):
        raise ValidationError("Ngày sinh không thể ở tương lai.")


def fits(column) -> Length:
    """At most the length of ``column`` (a model's String column): PostgreSQL
    refuses a longer value, SQLite would store it."""
    length = column.type.length
    return Length(max=length, message=f"Tối đa {length} ký tự.")


def clean(value):
    """The filter of every one-line text field: NFC, no invisible characters, no
    outer spaces (``contest.text.clean_text``)."""
    return clean_text(value)


def clean_lines(value):
    """The same for a text with lines (a question, an explanation, the rules)."""
    return clean_text(value, keep_lines=True)


class CsrfForm(FlaskForm):
    """Only the CSRF token: a button that posts (start an attempt, schedule a
    round, verify or publish winners, switch a question on or off)."""
