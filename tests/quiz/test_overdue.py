"""An attempt left open past its deadline is finished by the server with its saved answers."""
import pytest

from contest.audit.models import AuditLog
from contest.extensions import db
from tests.quiz.helpers import correct_choice, reload, save, start


@pytest.fixture
def overdue(logged_in, frozen, make_questions, make_round):
    make_questions(8)
    round_ = make_round(questions=4, time_limit=300)
    attempt = start(logged_in, round_)
    save(logged_in, attempt, 1, correct_choice(attempt, 1))
    save(logged_in, attempt, 2, correct_choice(attempt, 2))
    frozen.move(seconds=400)
    return attempt


def _assert_finished_with_saved_answers(attempt):
    attempt = reload(attempt)
    assert attempt.status == "submitted"
    assert attempt.finished_by == "timeout"
    assert attempt.score == 2
    assert attempt.submitted_at == attempt.deadline_at
    assert attempt.duration_ms == 300_000


def test_finished_when_the_person_next_opens_the_site(logged_in, overdue):
    assert reload(overdue).status == "in_progress"
    logged_in.get("/")
    _assert_finished_with_saved_answers(overdue)


def test_finished_when_anyone_opens_the_round_results(app, overdue):
    anonymous = app.test_client()
    page = anonymous.get(f"/dot-thi/{overdue.round_id}/ket-qua")
    assert page.status_code == 200
    _assert_finished_with_saved_answers(overdue)
    assert "người dự thi" in page.get_data(as_text=True)


def test_finished_by_the_cron_command(runner, overdue):
    result = runner.invoke(args=["finish-overdue"])
    assert "Đã kết thúc 1 lượt thi quá hạn" in result.output
    _assert_finished_with_saved_answers(overdue)
    assert db.session.query(AuditLog).filter_by(action="attempts.finish_overdue").count() == 1


def test_opening_an_overdue_attempt_shows_its_result(logged_in, overdue):
    response = logged_in.get(f"/bai-thi/{overdue.public_id}", follow_redirects=True)
    assert "2</strong>/4" in response.get_data(as_text=True)
    assert "hệ thống tự nộp" in response.get_data(as_text=True)


def test_an_attempt_within_its_time_is_left_alone(runner, logged_in, frozen, make_questions, make_round):
    make_questions(8)
    attempt = start(logged_in, make_round(questions=4, time_limit=300))
    frozen.move(seconds=200)
    runner.invoke(args=["finish-overdue"])
    assert reload(attempt).status == "in_progress"
