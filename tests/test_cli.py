from contest.accounts.models import User
from contest.clock import LOCAL_TZ, now
from contest.bank.models import Question
from contest.contests.models import Contest
from contest.extensions import db
from contest.units.models import Unit


def test_seed_demo_creates_the_demo_once(runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Mật khẩu (chỉ hiện một lần)" in first.output
    contest = db.session.query(Contest).one()
    assert [r.status() for r in contest.rounds] == ["open", "upcoming"]
    # The units of Gia Lai after 01/7/2025: 15 agencies, 25 wards and 110 communes.
    assert db.session.query(Unit).filter_by(kind="agency").count() == 15
    assert db.session.query(Unit).filter_by(kind="commune").count() == 135
    assert db.session.query(Unit).filter(Unit.name.like("Phường %")).count() == 25
    assert db.session.query(Unit).filter(Unit.name == "Sở Nội vụ").count() == 1
    assert str(now().astimezone(LOCAL_TZ).year) in contest.name and "Gia Lai" in contest.name
    assert contest.question_scopes == "national,gia_lai"
    assert db.session.query(User).filter_by(role="organizer").count() == 1
    assert db.session.query(Question).count() >= 40
    second = runner.invoke(args=["seed-demo"])
    assert "đã có sẵn" in second.output and "Mật khẩu" not in second.output
    assert db.session.query(Contest).count() == 1


def test_a_newcomers_demo_attempts_hold_only_national_and_gia_lai_questions(runner, make_user):
    from contest.quiz.services.attempts import start_attempt, submit_attempt

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    contest = db.session.query(Contest).one()
    person = make_user(unit=db.session.query(Unit).filter_by(name="Xã Ia Dreh").one())
    scopes = set()
    for _ in range(3):
        attempt = start_attempt(person, contest.rounds[0])
        scopes |= {item.question.scope for item in attempt.items}
        submit_attempt(attempt, 100)
    assert scopes <= {"national", "gia_lai"} and "national" in scopes
    other = db.session.query(Question).filter(Question.scope.notin_(["national", "gia_lai"]))
    assert other.count() > 0, "the shipped bank holds other provinces' questions too"
