"""DATABASE_REPLICA_URL on a real PostgreSQL streaming standby (scripts/pg-standby):
the unit ranking and ``on_replica()`` reads come from the standby, and see a write
on the primary once the standby has replayed it; every write still goes to the
primary, which the standby would refuse. The SQLite version is tests/test_replica.py."""
import os

import pytest
from sqlalchemy import select, text

from contest import create_app
from contest.config import TestConfig, normalize_database_url
from contest.extensions import db
from contest.replica import on_replica, replica_engine
from contest.units.models import Unit
from contest.units.services import upsert_unit
from tests.conftest import require_or_skip
from tests.database import empty_tables
from tests.standby import caught_up, set_replay_paused, standby_of
from tests.test_replica import _contest_with_commune


@pytest.fixture
def standby_app():
    primary = os.environ.get("TEST_DATABASE_URL")
    standby = standby_of(primary) if primary else None
    if standby is None:
        require_or_skip("the standby tests need TEST_DATABASE_URL and TEST_STANDBY_URL "
                        "(a streaming standby of its cluster: scripts/pg-standby create)")

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = normalize_database_url(primary)
        DATABASE_REPLICA_URL = standby

    app = create_app(Config)
    with app.app_context():
        db.create_all()
        caught_up(db.engine, replica_engine())  # the tables exist on the standby too
        yield app
        db.session.remove()
        empty_tables()
        for engine in [*db.engines.values(), replica_engine()]:
            engine.dispose()


def _ranking(app) -> str:
    return app.test_client().get("/xep-hang-don-vi").get_data(as_text=True)


def _unit_on_replica(code: str) -> str | None:
    with on_replica():
        return db.session.scalar(select(Unit.name).where(Unit.code == code))


def test_rankings_read_the_standby_and_see_a_write_once_it_is_replayed(standby_app):
    with replica_engine().connect() as connection:
        assert connection.scalar(text("SELECT pg_is_in_recovery()")), "not a standby"
    _contest_with_commune(db.session, "Xã Đã Có")
    caught_up(db.engine, replica_engine())
    assert "Xã Đã Có" in _ranking(standby_app)
    set_replay_paused(replica_engine(), True)
    try:
        upsert_unit("XA2", "Xã Mới Ghi", "commune", 90)
        db.session.commit()
        assert "Xã Mới Ghi" not in _ranking(standby_app)  # the standby has not replayed it
        assert _unit_on_replica("XA2") is None
        assert "Xã Mới Ghi" in standby_app.test_client().get("/dang-ky").get_data(as_text=True)
    finally:
        set_replay_paused(replica_engine(), False)
    caught_up(db.engine, replica_engine())
    assert "Xã Mới Ghi" in _ranking(standby_app)
    assert _unit_on_replica("XA2") == "Xã Mới Ghi"


def test_a_write_inside_a_replica_block_reaches_the_primary_not_the_read_only_standby(standby_app):
    with on_replica():
        upsert_unit("SNV", "Sở Nội vụ", "agency", 80)
        db.session.commit()  # the standby would refuse it: cannot execute INSERT in a read-only transaction
    with db.engine.connect() as primary:
        assert primary.scalar(select(Unit.name).where(Unit.code == "SNV")) == "Sở Nội vụ"
    caught_up(db.engine, replica_engine())
    assert _unit_on_replica("SNV") == "Sở Nội vụ"
