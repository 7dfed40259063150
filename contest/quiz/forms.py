from flask_wtf import FlaskForm
from wtforms.validators import NumberRange, Optional

from contest.forms import VietnameseIntegerField
from contest.parsing import whole_number
from contest.quiz.errors import InvalidAnswer

# Above any position (at most quiz.services.saving.MAX_POSITION) or option's display index.
MAX_ANSWER_NUMBER = 9999


class SubmitForm(FlaskForm):
    """The submit: the prediction may be empty here, because the page's timer submits
    whatever was given when the time is up; whether a submit by hand may go without
    one (it may not, unless one was saved already) is ``quiz.rules.prediction``'s rule."""
    prediction = VietnameseIntegerField("Câu hỏi dự đoán", validators=[
        Optional(), NumberRange(min=0, max=100_000_000,
                                message="Số dự đoán phải từ 0 đến 100.000.000.")])


def answers_from_form(form_data) -> dict[int, int]:
    """Answers posted with the submit form (the page without JavaScript):
    fields ``q<position>`` holding the display index of the chosen option.

    A field whose position or value is not a small number in ASCII digits ("q1=²",
    5,000 digits, "q²") is refused (``InvalidAnswer``, 400) before anything is stored.
    """
    answers = {}
    for key, value in form_data.items():
        if not (key.startswith("q") and key[1:].isdigit()) or value == "":
            continue
        position = whole_number(key[1:], MAX_ANSWER_NUMBER)
        choice = whole_number(value, MAX_ANSWER_NUMBER)
        if position is None or choice is None:
            raise InvalidAnswer()
        answers[position] = choice
    return answers
