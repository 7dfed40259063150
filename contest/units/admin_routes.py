"""Units the organizer manages: list, search, create, edit, deactivate, import."""
from flask import Blueprint

bp = Blueprint("unit_admin", __name__, url_prefix="/quan-tri/danh-muc-don-vi")
