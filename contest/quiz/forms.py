from flask_wtf import FlaskForm
from wtforms.validators import NumberRange, Optional

from contest.forms import VietnameseIntegerField


class StartForm(FlaskForm):
    """Only the CSRF token: starting an attempt is a POST."""


class SubmitForm(FlaskForm):
    prediction = VietnameseIntegerField("Câu hỏi dự đoán", validators=[
        Optional(), NumberRange(min=0, max=100_000_000,
                                message="Số dự đoán phải từ 0 đến 100.000.000.")])


def answers_from_form(form_data) -> dict[int, int]:
    """Answers posted with the submit form (the page without JavaScript):
    fields ``q<position>`` holding the display index of the chosen option."""
    answers = {}
    for key, value in form_data.items():
        if key.startswith("q") and key[1:].isdigit() and value.isdigit():
            answers[int(key[1:])] = int(value)
    return answers
