"""The organizer's form for a person's extra time (``accounts.extra_time``)."""
from flask_wtf import FlaskForm

from contest.accounts.extra_time import EXTRA_TIME_REASON_MISSING, TIME_LIMIT_PERCENTS
from contest.forms import ChoiceField
from contest.reasons import reason_field


class ExtraTimeForm(FlaskForm):
    percent = ChoiceField("Thời gian làm bài mỗi lượt", choices=[
        (str(percent), label) for percent, label in TIME_LIMIT_PERCENTS.items()])
    reason = reason_field("Lý do", EXTRA_TIME_REASON_MISSING)
