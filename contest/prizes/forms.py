from flask_wtf import FlaskForm

from contest.prizes.services import DISQUALIFY_REASON_MISSING
from contest.reasons import reason_field


class DisqualifyForm(FlaskForm):
    reason = reason_field("Lý do loại", DISQUALIFY_REASON_MISSING)
