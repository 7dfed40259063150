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

DISABLED_BACKEND = "dummy"


def mail_enabled() -> bool:
    """False when no way to send mail is configured (no ``MAIL_SERVER``, not the demo)."""
    return current_app.config.get("MAIL_BACKEND") != DISABLED_BACKEND


def send(subject: str, body: str, to: str) -> None:
    message = EmailMessage(subject, body, to=[to])
    app = current_app._get_current_object()
    if app.config.get("MAIL_SEND_INLINE"):
        _deliver(app, message)
    else:
        threading.Thread(target=_deliver, args=(app, message), daemon=True).start()


def _deliver(app: Flask, message: EmailMessage) -> None:
    with app.app_context():
        try:
            message.send()
        except Exception:  # SMTP down, refused, timed out: logged for the operator
            app.logger.exception("e-mail %r not sent", message.subject)
