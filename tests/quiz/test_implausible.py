"""An attempt submitted faster than a person can read (under MIN_SECONDS_PER_QUESTION
a question) is kept but flagged when it is scored; the organizer sees the flag on
the provisional winner and on the person's attempts, and decides."""
from datetime import timedelta

import pytest

from contest import clock
from contest.extensions import db
from contest.quiz.models import Attempt
from contest.rankings.services.results import compute_results
from tests.conftest import login
from tests.rankings.helpers import take_attempt

FLAG = "Nộp quá nhanh: 20 câu trong 0,04 giây"


@pytest.fixture
def round_(frozen, make_questions, make_round):
    make_questions(25)
    return make_round(questions=20, closes_in=timedelta(days=1))


def flagged(attempt) -> bool:
    db.session.expire_all()
    return db.session.get(Attempt, attempt.id).flagged_fast


def test_a_scripted_perfect_attempt_is_flagged_and_the_organizer_sees_it(
        client, round_, make_user):
    scripter, reader = make_user(), make_user()
    fast = take_attempt(scripter, round_, correct=20, seconds=0.042, prediction=1)
    slow = take_attempt(reader, round_, correct=19, seconds=300, prediction=1)
    assert flagged(fast) and not flagged(slow)
    assert db.session.get(Attempt, fast.id).score == 20  # kept, scored as answered

    clock.freeze(round_.closes_at + timedelta(minutes=5))
    compute_results(round_)
    organizer = make_user(role="organizer")
    login(client, organizer)
    console = client.get(f"/quan-tri/dot-thi/{round_.id}/ket-qua").get_data(as_text=True)
    assert console.count(FLAG) == 1
    assert FLAG in client.get(f"/quan-tri/tai-khoan/{scripter.id}").get_data(as_text=True)
    assert "Nộp quá nhanh" not in client.get(f"/quan-tri/tai-khoan/{reader.id}").get_data(as_text=True)


def test_verifying_a_flagged_winner_is_recorded_as_clearing_the_flag(client, round_, make_user):
    from contest.audit.models import AuditLog
    from contest.prizes import services

    scripter = make_user()
    take_attempt(scripter, round_, correct=20, seconds=0.042, prediction=1)
    clock.freeze(round_.closes_at + timedelta(minutes=5))
    compute_results(round_)
    services.verify_winner(round_, scripter.id, make_user(role="organizer"))
    entry = db.session.query(AuditLog).filter_by(action="prizes.verified").one()
    assert entry.details["flagged_fast"] is True


def test_the_setting_moves_the_threshold(app, round_, make_user):
    steady = take_attempt(make_user(), round_, correct=20, seconds=120)  # 6 s a question
    assert not flagged(steady)
    app.config["MIN_SECONDS_PER_QUESTION"] = 10
    hurried = take_attempt(make_user(), round_, correct=20, seconds=120)
    assert flagged(hurried)
