"""The organizer console: contests, rounds and their lifecycle."""
from flask import Blueprint

bp = Blueprint("contest_admin", __name__, url_prefix="/quan-tri/cuoc-thi")
