"""The organizer console's blueprint, ``contest_admin``, on its own so that both
of its route modules can add to it without importing each other: contests,
branding and prize groups in ``admin_routes``, rounds in ``round_routes``."""
from flask import Blueprint

bp = Blueprint("contest_admin", __name__, url_prefix="/quan-tri/cuoc-thi")
