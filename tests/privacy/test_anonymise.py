"""`flask privacy anonymise --contest ID`: after the retention period the
contestants' names, phones, e-mails, CCCD and birthdays are gone, while the
rankings, unit figures and statistics stay exactly as they were."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from contest import clock
from contest.accounts.models import User
from contest.audit.models import AuditLog
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.accounts.rules.cccd import stored_fields
from contest.rankings.models import ContestEntry, RoundEntry, UnitContestStat, UnitRoundStat
from tests.conftest import login
from tests.rankings.helpers import take_attempt

STATISTICS = (RoundEntry, ContestEntry, UnitRoundStat, UnitContestStat)


def _statistics() -> dict:
    db.session.expire_all()
    return {model.__tablename__: sorted(
        tuple(getattr(row, column.key) for column in model.__table__.columns)
        for row in db.session.scalars(select(model))) for model in STATISTICS}


def _anonymise(runner, contest_id: int, *options: str):
    return runner.invoke(args=["privacy", "anonymise", "--contest", str(contest_id), *options])


@pytest.fixture
def contest(scenario):
    an = scenario.people["an"]
    an.email = "an@example.vn"
    for key, value in stored_fields("001085001234").items():
        setattr(an, key, value)
    db.session.commit()
    return db.session.query(Contest).one()


def test_refused_before_the_retention_period_and_nothing_changes(runner, contest, frozen, client):
    frozen.move(days=364)
    before, unit_page = _statistics(), client.get("/xep-hang-don-vi").data
    result = _anonymise(runner, contest.id)
    assert result.exit_code != 0
    assert "chỉ ẩn danh được sau 365 ngày" in result.output
    assert db.session.query(User).filter(User.anonymised_at.is_not(None)).count() == 0
    assert _statistics() == before and client.get("/xep-hang-don-vi").data == unit_page
    assert db.session.query(AuditLog).filter_by(action="privacy.anonymise").count() == 0


def test_after_the_retention_period_personal_data_goes_and_statistics_stay(
        runner, contest, scenario, frozen, client):
    before = _statistics()
    phones = {key: person.phone for key, person in scenario.people.items()}
    frozen.move(days=366)
    unit_page = client.get("/xep-hang-don-vi?dot=toan-cuoc").data
    result = _anonymise(runner, contest.id)
    assert result.exit_code == 0, result.output
    assert "Đã ẩn danh dữ liệu cá nhân của 4 người dự thi" in result.output
    db.session.expire_all()
    for key, person in scenario.people.items():
        person = db.session.get(User, person.id)
        assert person.full_name == f"Người dự thi #{person.id}"
        assert person.phone == f"x{person.id}" and person.phone != phones[key]
        assert (person.email, person.cccd_hash, person.cccd_last4) == (None, None, None)
        assert person.date_of_birth.month == 1 and person.date_of_birth.day == 1
    assert db.session.get(User, scenario.people["an"].id).date_of_birth == date(1985, 1, 1)
    assert db.session.get(User, scenario.organizer.id).phone == "0900000001"  # staff kept
    assert _statistics() == before
    assert client.get("/xep-hang-don-vi?dot=toan-cuoc").data == unit_page
    login(client, scenario.organizer)
    an = scenario.people["an"]
    people = client.get(f"/don-vi/{an.unit.code}").get_data(as_text=True)
    assert "Nguyễn Văn An" not in people and f"Người dự thi #{an.id}" in people
    assert db.session.query(AuditLog).filter_by(action="privacy.anonymise").one().details["count"] == 4


def test_running_it_again_changes_nothing(runner, contest, frozen):
    frozen.move(days=366)
    assert _anonymise(runner, contest.id).exit_code == 0
    users = {user.id: (user.full_name, user.phone, user.anonymised_at)
             for user in db.session.scalars(select(User))}
    frozen.move(days=1)
    result = _anonymise(runner, contest.id)
    assert result.exit_code == 0 and "của 0 người dự thi" in result.output
    db.session.expire_all()
    assert {user.id: (user.full_name, user.phone, user.anonymised_at)
            for user in db.session.scalars(select(User))} == users


def test_the_period_can_be_given_and_an_unknown_contest_is_refused(runner, contest, frozen):
    frozen.move(days=31)
    assert _anonymise(runner, contest.id, "--older-than-days", "60").exit_code != 0
    assert _anonymise(runner, contest.id, "--older-than-days", "30").exit_code == 0
    unknown = _anonymise(runner, 999)
    assert unknown.exit_code != 0 and "Không có cuộc thi số 999" in unknown.output
    assert _anonymise(runner, contest.id, "--older-than-days", "-1").exit_code != 0


def test_a_contest_still_running_is_refused(runner, make_round, make_questions):
    make_questions(5)
    make_round(questions=5)
    contest = db.session.query(Contest).one()
    result = _anonymise(runner, contest.id, "--older-than-days", "0")
    assert result.exit_code != 0 and "chưa kết thúc" in result.output


def test_someone_also_in_a_contest_within_retention_is_kept(runner, contest, scenario, frozen):
    frozen.move(days=366)
    later = Contest(slug="nam-sau", name="Cuộc thi năm sau", organizer_name="Ban Tổ chức",
                    rules="Thể lệ.")
    db.session.add(later)
    db.session.flush()
    round_ = Round(contest_id=later.id, number=1, name="Đợt 1", opens_at=clock.now(),
                   closes_at=clock.now() + timedelta(days=7), questions_per_attempt=5,
                   scheduled_at=clock.now())
    db.session.add(round_)
    db.session.commit()
    take_attempt(scenario.people["an"], round_, correct=3, seconds=50)
    result = _anonymise(runner, contest.id)
    assert result.exit_code == 0 and "Giữ nguyên 1 người" in result.output
    db.session.expire_all()
    assert db.session.get(User, scenario.people["an"].id).full_name == "Nguyễn Văn An"
    assert db.session.get(User, scenario.people["at"].id).anonymised_at is not None
