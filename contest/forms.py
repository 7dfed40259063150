"""Form fields and validators with Vietnamese messages, shared by every form."""
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField
from wtforms.validators import Length, ValidationError

from contest.clock import local_day, now
from contest.parsing import BIRTH_YEARS, DAY_FORMAT, parse_day, whole_number
from contest.text import clean_text


class VietnameseDateField(DateField):
    """A date field (a date of birth) whose parse error is in Vietnamese; the year
    is bounded (``contest.parsing.BIRTH_YEARS``)."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        self.data = parse_day(valuelist[0], ("%Y-%m-%d", DAY_FORMAT), BIRTH_YEARS)
        if self.data is None:
            raise ValueError(f"Ngày không hợp lệ (dạng dd/mm/yyyy, năm từ {BIRTH_YEARS.start}).")


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
