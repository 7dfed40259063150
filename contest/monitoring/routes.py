"""The live dashboard of an open round."""
from flask import Blueprint

from contest.monitoring import models  # noqa: F401  (the logged_errors table)

bp = Blueprint("monitoring", __name__, url_prefix="/quan-tri/theo-doi")
