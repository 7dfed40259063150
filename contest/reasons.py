"""A reason typed for an action (lock an account, extend a round, disqualify a
winner, ask for one's data to be deleted): cleaned, required where the action
asks for one, at most ``MAX_REASON`` characters.

The form and the service apply the same rule with the same messages, so a
reason refused on the page is refused the same way when a service is called
from elsewhere (a CLI, a test), and every action reads alike to the organizer.
"""
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from contest.errors import DomainError
from contest.forms import clean_lines

MAX_REASON = 500
TOO_LONG = f"Lý do tối đa {MAX_REASON} ký tự."


class ReasonRequired(DomainError):
    message = "Vui lòng ghi lý do."


def optional_reason(text: str | None) -> str:
    """The reason cleaned as its form cleans it ("" when none); too long is refused."""
    reason = clean_lines(text or "")
    if len(reason) > MAX_REASON:
        raise ReasonRequired(TOO_LONG)
    return reason


def required_reason(text: str | None, missing: str = ReasonRequired.message) -> str:
    """The reason cleaned; refused with ``missing`` when empty, or when too long."""
    reason = optional_reason(text)
    if not reason:
        raise ReasonRequired(missing)
    return reason


def reason_field(label: str, missing: str | None = None) -> TextAreaField:
    """The form field for a reason: required with ``missing`` as its message, or
    optional when ``missing`` is None."""
    presence = DataRequired(missing) if missing else Optional()
    return TextAreaField(label, filters=[clean_lines], validators=[
        presence, Length(max=MAX_REASON, message=TOO_LONG)])
