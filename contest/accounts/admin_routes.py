"""Accounts the organizer (and the admin) manage."""
from flask import Blueprint

bp = Blueprint("account_admin", __name__, url_prefix="/quan-tri/tai-khoan")
