"""Form fields and validators with Vietnamese messages, shared by every form."""
from datetime import date, datetime

from wtforms import DateField, IntegerField, SelectField
from wtforms.validators import ValidationError


class VietnameseDateField(DateField):
    """A date field whose parse error is in Vietnamese."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        raw = valuelist[0].strip()
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                self.data = datetime.strptime(raw, pattern).date()
                return
            except ValueError:
                continue
        self.data = None
        raise ValueError("Ngày không hợp lệ (dạng dd/mm/yyyy).")


class VietnameseIntegerField(IntegerField):
    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            self.data = None
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
    if field.data and field.data > date.today():
        raise ValidationError("Ngày sinh không thể ở tương lai.")
    if field.data and field.data.year < 1900:
        raise ValidationError("Ngày sinh không hợp lệ.")
