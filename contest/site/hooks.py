"""The hooks that run around every request of the app, in the order they run.

Registered here, from the factory, so that a reader finds every app-wide hook in
one place and none depends on a blueprint being registered.
"""
from flask import Flask, flash, jsonify, redirect, request, url_for
from flask_login import current_user, logout_user

from contest.accounts.rules.first_login import MUST_CHANGE_PASSWORD, held_back
from contest.accounts.services.accounts import AccountLocked
from contest.quiz.services.attempts import finish_overdue_on_pages_showing_them
from contest.security import add_security_headers


def register_hooks(app: Flask) -> None:
    app.before_request(log_out_locked_user)
    app.before_request(send_to_password_change)
    app.before_request(finish_my_overdue_attempts)
    app.after_request(add_security_headers)


def log_out_locked_user():
    """A person locked while logged in is logged out on their next request."""
    if request.path.startswith("/static/"):
        return None
    if not (current_user.is_authenticated and current_user.is_locked):
        return None
    logout_user()
    if request.path.startswith("/api/"):
        return jsonify(error=AccountLocked.message), 401
    flash(AccountLocked.message, "danger")
    return redirect(url_for("accounts.login"))


def send_to_password_change():
    """A person still using the password an organizer gave sets their own first:
    pages lead to the profile page (303, which says why), JSON answers 403."""
    if not held_back(current_user, request.endpoint, request.blueprint):
        return None
    if request.path.startswith("/api/"):
        return jsonify(error=MUST_CHANGE_PASSWORD), 403
    return redirect(url_for("profile.show"), 303)


def finish_my_overdue_attempts() -> None:
    """The quiz's rule, given the page asked for and who asks."""
    finish_overdue_on_pages_showing_them(request.endpoint, current_user)
