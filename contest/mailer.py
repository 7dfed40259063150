"""E-mail through Flask-Mailman, sent without holding the request.

In production the message goes out from a background thread, so a page answers
as fast whether or not it sent anything (the forgotten-password page must not
tell, by its timing, whether an account exists); tests send inline
(``MAIL_SEND_INLINE``). A failure is logged, never shown: the page a person sees
is the same either way.
"""
import threading

from flask import Flask, current_app
from flask_mailman import EmailMessage

from contest.transactions import after_commit, unit_of_work

DISABLED_BACKEND = "dummy"


def mail_enabled() -> bool:
    """False when no way to send mail is configured (no ``MAIL_SERVER``, not the demo)."""
    return current_app.config.get("MAIL_BACKEND") != DISABLED_BACKEND


def send(subject: str, body: str, to: str) -> None:
    """Send a message written in the request, from the background."""
    in_background(deliver, subject, body, to)


def in_background(task, *args) -> None:
    """Run ``task(*args)`` off the request, once its unit of work has committed,
    in an app context and a unit of work of its own (inline when ``MAIL_SEND_INLINE``). A task that decides whether to mail at all (the
    forgotten-password lookup) runs here whole, so the request does the same work
    either way. A failure is logged, never shown."""
    app = current_app._get_current_object()
    after_commit(lambda: _start(app, task, args))  # never about a change that was undone


def _start(app: Flask, task, args: tuple) -> None:
    if app.config.get("MAIL_SEND_INLINE"):
        _run(app, task, args)
    else:
        threading.Thread(target=_run, args=(app, task, args), name="mail", daemon=True).start()


def deliver(subject: str, body: str, to: str) -> None:
    """Send now (called from the background)."""
    EmailMessage(subject, body, to=[to]).send()


def _run(app: Flask, task, args: tuple) -> None:
    with app.app_context():
        try:
            with unit_of_work():
                task(*args)
        except Exception:  # SMTP down, refused, timed out: logged for the operator
            app.logger.exception("e-mail task %s failed", getattr(task, "__name__", task))
