from flask_wtf import FlaskForm

from contest.forms import ChoiceField
from contest.reports.models import FORMATS


class ExportRequestForm(FlaskForm):
    format = ChoiceField("Định dạng", choices=list(FORMATS.items()))
