"""Before/after values of a settings change, as the audit log stores them."""
from datetime import datetime


def changed(before: dict, after: dict) -> dict:
    """The entries of ``after`` whose value differs from ``before``."""
    return {name: value for name, value in after.items() if before.get(name) != value}


def audit_values(values: dict) -> dict:
    """JSON-friendly values (times as ISO 8601 in UTC)."""
    return {name: value.isoformat() if isinstance(value, datetime) else value
            for name, value in values.items()}


def audit_change(before: dict, after: dict) -> dict:
    """{"before": {...}, "after": {...}} of the changed entries only."""
    diff = changed(before, after)
    return {"before": audit_values({name: before.get(name) for name in diff}),
            "after": audit_values(diff)}
