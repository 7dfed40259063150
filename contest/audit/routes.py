"""The audit log, read-only: search by person, kind of action and date."""
from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/quan-tri/nhat-ky")
