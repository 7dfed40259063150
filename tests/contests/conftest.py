"""Fixtures of the organizer console tests: an organizer logged in, a contest."""
import pytest
from sqlalchemy import select

from contest.audit.models import AuditLog
from contest.contests.models import Contest
from contest.extensions import db
from tests.conftest import login
from tests.quiz.helpers import start


@pytest.fixture
def organizer(make_user):
    return make_user(role="organizer")


@pytest.fixture
def console(client, organizer):
    """The test client, logged in as an organizer."""
    login(client, organizer)
    return client


@pytest.fixture
def player(app, make_user):
    """A second client, logged in as a contestant."""
    client = app.test_client()
    login(client, make_user())
    return client


@pytest.fixture
def started_round(frozen, make_questions, make_round, player):
    """A round (5 questions, 10 minutes) with an attempt in progress: its settings are locked."""
    make_questions(10)
    round_ = make_round(questions=5, time_limit=600)
    start(player, round_)
    return round_


@pytest.fixture
def contest(app):
    contest = Contest(slug="gia-lai-2026", name="Cuộc thi CCHC tỉnh Gia Lai 2026",
                      organizer_name="UBND tỉnh Gia Lai", rules="Thể lệ **cũ**.")
    db.session.add(contest)
    db.session.commit()
    return contest


@pytest.fixture
def audit():
    """The audit rows of an action, oldest first."""
    def rows(action: str) -> list[AuditLog]:
        db.session.expire_all()
        return list(db.session.scalars(select(AuditLog).where(AuditLog.action == action)
                                       .order_by(AuditLog.id)))
    return rows
