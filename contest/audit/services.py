"""The audit log: every organizer action and every account event, written in the
same transaction as the change it describes."""
from flask import has_request_context, request

from contest.audit.models import AuditLog
from contest.extensions import db


def record(action: str, actor=None, target=None, **details) -> AuditLog:
    """Add an audit row to the current session (committed with the change)."""
    entry = AuditLog(
        action=action,
        actor_id=getattr(actor, "id", None),
        target_type=type(target).__name__ if target is not None else None,
        target_id=str(getattr(target, "public_id", None) or getattr(target, "id", "")) if target is not None else None,
        details=details or None,
        ip=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    return entry
