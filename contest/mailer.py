"""E-mail through Flask-Mailman, sent without holding the request.

In production the message goes out from a background task (``contest.jobs``:
the RQ worker when Redis is configured, a thread of the web process otherwise),
so a page answers as fast whether or not it sent anything (the
forgotten-password page must not tell, by its timing, whether an account
exists) and a web worker never waits on SMTP; tests send inline
(``MAIL_SEND_INLINE``). A failure is logged, never shown: the page a person
sees is the same either way (the queue tries it again).
"""
from flask import current_app
from flask_mailman import EmailMessage

from contest import jobs
DISABLED_BACKEND = "dummy"


def mail_enabled() -> bool:
    """False when no way to send mail is configured (no ``MAIL_SERVER``, not the demo)."""
    return current_app.config.get("MAIL_BACKEND") != DISABLED_BACKEND


def send(subject: str, body: str, to: str) -> None:
    """Send a message written in the request, from the background."""
    in_background(deliver, subject, body, to)


def in_background(task, *args) -> None:
    """Run ``task(*args)`` (a module-level function) off the request, once its
    unit of work has committed, in an app context and a unit of work of its own
    (inline when ``MAIL_SEND_INLINE``). A task that decides whether to mail at
    all (the forgotten-password lookup) runs there whole, so the request does
    the same work either way. A failure is logged, never shown."""
    jobs.enqueue(task, *args, description="mail", inline=current_app.config.get("MAIL_SEND_INLINE"))


def deliver(subject: str, body: str, to: str) -> None:
    """Send now (called from the background)."""
    EmailMessage(subject, body, to=[to]).send()
