"""Attempts faster than a person can read: under ``MIN_SECONDS_PER_QUESTION``
(config, default 1.5 s) a question on average, e.g. 20 questions in 42 ms.

Such an attempt is flagged, not refused: a refusal would lose a real person's
answers and tell a scripter the threshold. It is kept and ranked like any other;
the organizer sees the flag on the provisional winner and on the person's
attempts, and no prize is published before the organizer verifies or
disqualifies that winner (``contest.prizes.services``).
"""
from flask import current_app

from contest.formatting import trimmed


def is_implausibly_fast(total: int, duration_ms: int) -> bool:
    """Read from the config, no query: the submit stays as fast."""
    return duration_ms < current_app.config["MIN_SECONDS_PER_QUESTION"] * total * 1000


def speed_text(total: int, duration_ms: int) -> str:
    """ "20 câu trong 0,04 giây" """
    return f"{total} câu trong {trimmed(duration_ms / 1000)} giây"
