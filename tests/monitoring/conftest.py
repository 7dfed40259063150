"""Hand-built attempts for the live dashboard: rows written directly, at the
times a test chooses, so each figure can be checked against a known answer."""
from datetime import datetime, timedelta, timezone

import pytest

from contest.extensions import db
from contest.quiz.models import IN_PROGRESS, SUBMITTED, Attempt


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


@pytest.fixture
def add_attempt(app):
    numbers: dict[tuple[int, int], int] = {}

    def add(user, round_, *, started: datetime, submitted: datetime | None = None,
            score: int | None = None, total: int = 5, time_limit=timedelta(minutes=20)):
        key = (user.id, round_.id)
        numbers[key] = numbers.get(key, 0) + 1
        attempt = Attempt(
            user_id=user.id, round_id=round_.id, number=numbers[key],
            status=SUBMITTED if submitted else IN_PROGRESS,
            started_at=started, deadline_at=started + time_limit, submitted_at=submitted,
            score=score if submitted else None, total=total,
            duration_ms=int((submitted - started).total_seconds() * 1000) if submitted else None,
        )
        db.session.add(attempt)
        db.session.commit()
        return attempt
    return add
