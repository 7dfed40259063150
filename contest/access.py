"""Role checks for organizer pages."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def organizer_required(view):
    """Logged in (else to the login page) and an organizer or admin (else 403)."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_organizer:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def can_see_unit(user, unit) -> bool:
    """Organizers see every unit; a unit manager only their own."""
    if not user.is_authenticated:
        return False
    if user.is_organizer:
        return True
    return user.role == "unit_manager" and user.unit_id == unit.id


def manager_required(view):
    """Logged in (else to the login page) and a unit manager, organizer or admin
    (else 403); which unit is checked by the view with ``can_see_unit``."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not (current_user.is_organizer or current_user.role == "unit_manager"):
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def admin_required(view):
    """Logged in (else to the login page) and an admin (else 403): organizer
    accounts are managed by an admin only."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if current_user.role != "admin":
            abort(403)
        return view(*args, **kwargs)
    return wrapped
