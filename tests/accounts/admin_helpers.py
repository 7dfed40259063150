"""Helpers for the account console tests."""
import io

import pandas as pd

from contest.accounts.models import User
from contest.audit import personal
from contest.audit.models import AuditLog
from contest.extensions import db

URL = "/quan-tri/tai-khoan"


def accounts_snapshot():
    """Every account as plain values, to compare before and after a refused action."""
    db.session.expire_all()
    return sorted((u.id, u.full_name, u.date_of_birth, u.phone, u.unit_id, u.role,
                   u.locked_at, u.password_hash) for u in db.session.query(User).all())


def audit_rows(action):
    db.session.expire_all()
    return db.session.query(AuditLog).filter_by(action=action).order_by(AuditLog.id).all()


def readable(row: AuditLog) -> dict:
    """The row's details as the console reads them: personal values resolved from
    their references (``contest.audit.personal``)."""
    return personal.resolved([row.details])[0]


def reload(user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def workbook(rows, columns) -> bytes:
    """An .xlsx whose first sheet has ``columns`` as its header and ``rows`` under it."""
    buffer = io.BytesIO()
    pd.DataFrame(rows, columns=columns).to_excel(buffer, index=False)
    return buffer.getvalue()
