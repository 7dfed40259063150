"""The "Ban Tổ chức" unit that ``create-admin`` makes is internal: never offered
at registration (nor taken when its id is posted), never ranked, listed or counted
in public, nor in the report's unit figures."""
from datetime import timedelta

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from contest import create_app
from contest.accounts.models import User
from contest.config import TestConfig
from contest.extensions import db
from contest.rankings.queries.public import Participation, contest_participation
from contest.rankings.queries.units import unit_standings
from contest.rankings.services.results import compute_results
from contest.reports.queries.round_report import build_round_report
from tests.accounts.test_registration import form
from tests.rankings.helpers import take_attempt


@pytest.fixture
def organizers_unit(make_unit):
    return make_unit(name="Ban Tổ chức nội bộ", kind="organizer", headcount=None)


@pytest.fixture
def commune(make_unit):
    return make_unit(name="Xã Ia Grai", kind="commune", headcount=10)


def test_registration_never_offers_it_nor_takes_its_posted_id(client, organizers_unit, commune):
    page = client.get("/dang-ky").get_data(as_text=True)
    assert "Xã Ia Grai" in page and "Ban Tổ chức nội bộ" not in page
    response = client.post("/dang-ky", data=form(organizers_unit))
    assert response.status_code == 422
    assert db.session.query(User).count() == 0
    assert client.get("/api/don-vi?q=ban").get_json() == {"units": []}
    assert client.post("/dang-ky", data=form(commune)).status_code == 302


def test_not_ranked_listed_or_counted_in_public(client, frozen, make_questions, make_round,
                                                make_user, organizers_unit, commune):
    make_questions(10)
    round_ = make_round(questions=5, closes_in=timedelta(days=1))
    take_attempt(make_user(unit=organizers_unit, role="organizer"), round_, correct=5,
                 seconds=10, prediction=2)
    take_attempt(make_user(unit=commune), round_, correct=3, seconds=10, prediction=2)
    for kind in ("agency", "commune", "public_service"):
        assert "Ban Tổ chức nội bộ" not in [s.unit.name for s in unit_standings(round_, kind, None)]
    frozen.move(days=2)
    compute_results(round_)
    assert contest_participation(round_.contest)[0] == Participation(1, 1, 1)
    assert "1 đơn vị tham gia" in client.get("/").get_data(as_text=True)
    for kind in ("agency", "commune"):
        page = client.get(f"/xep-hang-don-vi?khoi={kind}").get_data(as_text=True)
        assert "Ban Tổ chức nội bộ" not in page


def test_the_report_counts_only_public_units(frozen, make_questions, make_round, make_user,
                                             organizers_unit, commune, make_unit):
    make_questions(10)
    make_unit(name="Xã Chưa Thi", kind="commune", headcount=5)
    round_ = make_round(questions=5, closes_in=timedelta(days=1))
    take_attempt(make_user(unit=organizers_unit, role="organizer"), round_, correct=5,
                 seconds=10, prediction=2)
    take_attempt(make_user(unit=commune), round_, correct=3, seconds=10, prediction=2)
    frozen.move(days=2)
    compute_results(round_)
    report = build_round_report(round_)
    assert (report.units_taking_part, report.units_total) == (1, 2)
    assert "Ban Tổ chức nội bộ" not in [line.name for line in report.lowest_units + report.full_units]


def test_the_migration_makes_the_create_admin_unit_internal(empty_database_url):
    app = create_app(type("MigrationConfig", (TestConfig,),
                          {"SQLALCHEMY_DATABASE_URI": empty_database_url}))
    with app.app_context():
        upgrade(revision="0015")
        db.session.execute(text(
            "INSERT INTO units (id, code, name, name_folded, kind, active) VALUES "
            "(1, 'BTC', 'Ban Tổ chức', 'ban to chuc', 'agency', true), "
            "(2, 'S01', 'Sở Nội vụ', 'so noi vu', 'agency', true)"))
        db.session.commit()
        upgrade(revision="0016")
        kinds = dict(db.session.execute(text("SELECT code, kind FROM units")).all())
        assert kinds == {"BTC": "organizer", "S01": "agency"}
        assert db.session.execute(text("SELECT prize_min_score FROM contests")).all() == []
        db.session.rollback()
        downgrade(revision="0015")
        kinds = dict(db.session.execute(text("SELECT code, kind FROM units")).all())
        assert kinds == {"BTC": "agency", "S01": "agency"}
        db.session.remove()
        db.engine.dispose()
