from flask_wtf import FlaskForm
from wtforms import HiddenField


class PracticeForm(FlaskForm):
    """The practice set checked without JavaScript: the questions' ids in page
    order; the answers come as ``q<position>`` fields, as on the quiz page."""
    ids = HiddenField()
