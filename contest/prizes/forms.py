from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from contest.prizes.services import MAX_REASON


class ConfirmForm(FlaskForm):
    """CSRF only: compute, verify, publish."""


class DisqualifyForm(FlaskForm):
    reason = TextAreaField("Lý do loại", validators=[
        DataRequired("Vui lòng ghi lý do loại."),
        Length(max=MAX_REASON, message=f"Lý do tối đa {MAX_REASON} ký tự."),
    ])
