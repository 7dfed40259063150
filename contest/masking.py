"""Phones and CCCD as the console and the unit manager see them: enough to tell
two people apart or to confirm a number read over the phone, never the whole
number. A full phone is shown only in the winners export (for paying prizes), on
the person's own profile, and to the unit's own manager in the list of who has not
taken part (to remind them; ``rankings.documents.absentees.phones_shown_in_full``)."""

MASK = "•••"


def masked_phone(phone: str | None) -> str:
    """'0912345678' -> '0912•••678'."""
    if not phone:
        return "—"
    if len(phone) < 8:
        return MASK
    return f"{phone[:4]}{MASK}{phone[-3:]}"


def masked_cccd(last4: str | None) -> str:
    """The 12-digit number as far as it is kept: '••••••••1234'."""
    return f"••••••••{last4}" if last4 else "—"
