"""A hand-built audit log: who did what when, each entry marked by a code in its
details ("Mã: E1") so a test can read which entries a page shows."""
from datetime import datetime, timezone

import pytest

from contest.audit.models import AuditLog
from contest.extensions import db


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


@pytest.fixture
def cast(make_user, make_unit):
    unit = make_unit(name="Văn phòng UBND tỉnh")
    organizer = make_user(role="organizer", unit=unit, phone="0911222333")
    organizer.full_name = "Trần Thị Bích"
    admin = make_user(role="admin", unit=unit, phone="0988777666")
    admin.full_name = "Lê Văn Quản"
    contestant = make_user(unit=unit, phone="0905123456")
    contestant.full_name = "Nguyễn Văn An"
    db.session.commit()
    return {"organizer": organizer, "admin": admin, "contestant": contestant}


@pytest.fixture
def entries(cast):
    """E1..E6, newest last; E3 falls on 20/11 local although 19/11 in UTC."""
    o, a, c = cast["organizer"], cast["admin"], cast["contestant"]
    rows = [
        ("E1", utc(2026, 11, 18, 2, 0), c, "account.register", c, {}),
        ("E2", utc(2026, 11, 19, 3, 0), o, "unit.create", None,
         {"before": None, "after": {"name": "Xã A", "headcount": 10}}),
        ("E3", utc(2026, 11, 19, 17, 30), o, "unit.update", None,
         {"before": {"name": "Xã A", "headcount": 10}, "after": {"name": "Xã B", "headcount": 10}}),
        ("E4", utc(2026, 11, 20, 1, 0), a, "account.lock", c, {"reason": "Thi hộ"}),
        ("E5", utc(2026, 11, 20, 2, 0), None, "attempts.finish_overdue", None, {"count": 3}),
        ("E6", utc(2026, 11, 21, 2, 0), o, "round.extend", None,
         {"before": "2026-11-27T10:00:00+00:00", "after": "2026-11-28T10:00:00+00:00"}),
    ]
    for code, at, actor, action, target, details in rows:
        db.session.add(AuditLog(
            at=at, action=action, actor_id=actor.id if actor else None,
            target_type="User" if target else None, target_id=str(target.id) if target else None,
            details={"code": code, **details}, ip="10.0.0.7"))
    db.session.commit()
    return cast
