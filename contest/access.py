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
