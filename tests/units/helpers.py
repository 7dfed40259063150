"""Helpers for the organizer's units tests."""
import io

import pandas as pd

from contest.audit.models import AuditLog
from contest.extensions import db
from contest.units.formats import COLUMNS
from contest.units.models import Unit

ADMIN_URL = "/quan-tri/danh-muc-don-vi"


def workbook(rows, columns=COLUMNS) -> bytes:
    """An .xlsx whose first sheet has ``columns`` as its header and ``rows`` under it."""
    buffer = io.BytesIO()
    pd.DataFrame(rows, columns=columns).to_excel(buffer, index=False)
    return buffer.getvalue()


def units_snapshot():
    """Every unit as plain values, to compare before and after a refused change."""
    db.session.expire_all()
    return sorted((u.id, u.code, u.name, u.name_folded, u.kind, u.headcount, u.active)
                  for u in db.session.query(Unit).all())


def audit_rows(action):
    db.session.expire_all()
    return db.session.query(AuditLog).filter_by(action=action).order_by(AuditLog.id).all()
