"""Role checks for organizer and manager pages.

Each decorator marks its view with the least role it admits (``required_role``),
so a test can walk ``app.url_map`` and check that no console route was left
without a check.
"""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def _requires(role: str, allowed):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)
        wrapped.required_role = role
        return wrapped
    return decorator


organizer_required = _requires("organizer", lambda user: user.is_organizer)
organizer_required.__doc__ = """Logged in (else to the login page) and an organizer or admin (else 403)."""

manager_required = _requires("unit_manager", lambda user: user.is_staff)
manager_required.__doc__ = """Logged in and a unit manager, organizer or admin (else 403);
which unit is checked by the view with ``can_see_unit``."""

admin_required = _requires("admin", lambda user: user.role == "admin")
admin_required.__doc__ = """Logged in and an admin (else 403): organizer accounts are
managed by an admin only."""


def can_see_unit(user, unit) -> bool:
    """Organizers see every unit; a unit manager only the unit the organizer
    assigned them (``managed_unit_id``), never ``unit_id``, which a person
    may edit on their own profile."""
    if not user.is_authenticated:
        return False
    if user.is_organizer:
        return True
    return (user.role == "unit_manager" and user.managed_unit_id is not None
            and user.managed_unit_id == unit.id)
