"""DATABASE_REPLICA_URL: rankings and exports read from the replica, every write
and every other page stays on the primary. Two SQLite files stand for the
primary and its replica (no replication between them, so where a read went is
seen from what it finds)."""
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest import clock, create_app
from contest.config import TestConfig
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.replica import on_replica, replica_engine
from contest.units.models import Unit
from contest.units.services import upsert_unit


@pytest.fixture
def two_databases(tmp_path):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'primary.db'}"
        DATABASE_REPLICA_URL = f"sqlite:///{tmp_path / 'replica.db'}"

    app = create_app(Config)
    with app.app_context():
        db.create_all()
        db.metadata.create_all(replica_engine())
        yield app
        db.session.remove()


def _contest_with_commune(session, commune: str) -> None:
    at = clock.now()
    contest = Contest(slug="thu", name="Cuộc thi thử", organizer_name="Ban Tổ chức", rules="-")
    contest.rounds = [Round(number=1, name="Đợt 1", opens_at=at - timedelta(hours=1),
                            closes_at=at + timedelta(days=1), scheduled_at=at - timedelta(days=1))]
    session.add(contest)
    session.add(Unit(code="XA1", name=commune, name_folded=commune.lower(), kind="commune",
                     headcount=100))
    session.commit()


def test_the_public_unit_ranking_reads_the_replica_and_the_home_page_the_primary(two_databases):
    _contest_with_commune(db.session, "Xã Trên Máy Chính")
    with Session(replica_engine()) as replica:
        _contest_with_commune(replica, "Xã Trên Bản Sao")
    client = two_databases.test_client()
    ranking = client.get("/xep-hang-don-vi").get_data(as_text=True)
    assert "Xã Trên Bản Sao" in ranking and "Xã Trên Máy Chính" not in ranking
    registration = client.get("/dang-ky").get_data(as_text=True)  # the unit list: primary
    assert "Xã Trên Máy Chính" in registration and "Xã Trên Bản Sao" not in registration


def test_a_write_inside_a_replica_block_goes_to_the_primary(two_databases):
    with on_replica():
        upsert_unit("SNV", "Sở Nội vụ", "agency", 80)
        db.session.commit()
        assert db.session.scalar(select(Unit.name).where(Unit.code == "SNV")) is None
    assert db.session.scalar(select(Unit.name).where(Unit.code == "SNV")) == "Sở Nội vụ"
    with Session(replica_engine()) as replica:
        assert replica.scalar(select(Unit.name).where(Unit.code == "SNV")) is None


def test_without_a_replica_the_same_block_reads_the_primary(app):
    upsert_unit("SNV", "Sở Nội vụ", "agency", 80)
    db.session.commit()
    with on_replica():
        assert db.session.scalar(select(Unit.name).where(Unit.code == "SNV")) == "Sở Nội vụ"
