"""The per-test database fixture (tests/database.py): what a test commits is
rolled back at its end, on SQLite and PostgreSQL alike, and a test that works
around its connection is told to be marked ``commits``. These tests drive the
fixture's context manager themselves, inside an app that really commits."""
import threading

import pytest
from sqlalchemy import func, select

from contest.extensions import db
from contest.units.models import Unit
from tests.database import OtherConnection, rolled_back_afterwards

pytestmark = pytest.mark.commits


def units_committed() -> int:
    with db.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Unit))


def test_what_a_test_commits_is_gone_after_it(app, make_unit):
    make_unit(name="Có từ trước")
    with rolled_back_afterwards():
        make_unit(name="Đơn vị trong bài thử")  # make_unit commits
        db.session.rollback()  # the app's own rollbacks end at the test's savepoint
        make_unit(name="Đơn vị thứ hai")
        assert db.session.query(Unit).count() == 3
    assert units_committed() == 1


def test_an_unmarked_test_that_opens_its_own_connection_fails(app):
    with pytest.raises(pytest.fail.Exception, match="Mark the test @pytest.mark.commits"):
        with rolled_back_afterwards():
            with pytest.raises(OtherConnection):
                units_committed()


def test_an_unmarked_test_whose_thread_uses_the_session_fails(app):
    errors = []

    def read():
        with app.app_context():
            try:
                db.session.query(Unit).count()
            except OtherConnection as error:
                errors.append(error)

    with pytest.raises(pytest.fail.Exception, match="used the test's session"):
        with rolled_back_afterwards():
            thread = threading.Thread(target=read, name="nền")
            thread.start()
            thread.join(10)
    assert len(errors) == 1
