"""The organizer's form for a person's extra time (``accounts.extra_time``)."""
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired

from contest.accounts.admin_forms import REASON_LENGTH
from contest.accounts.extra_time import TIME_LIMIT_PERCENTS
from contest.forms import ChoiceField, clean_lines


class ExtraTimeForm(FlaskForm):
    percent = ChoiceField("Thời gian làm bài mỗi lượt", choices=[
        (str(percent), label) for percent, label in TIME_LIMIT_PERCENTS.items()])
    reason = TextAreaField("Lý do", filters=[clean_lines], validators=[
        DataRequired("Vui lòng ghi lý do cho thêm thời gian làm bài."), REASON_LENGTH])
