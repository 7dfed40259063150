"""What a quiz page that the browser kept in its history learns from the server
(issue 10): the page itself is never cached, and its owner can ask whether the
attempt is still open (``GET /api/bai-thi/<id>/trang-thai``)."""
import pytest

from tests.conftest import login
from tests.quiz.helpers import start


@pytest.fixture
def setup(frozen, make_questions, make_round):
    make_questions(8)
    return make_round(questions=5, time_limit=600)


def state(client, attempt):
    return client.get(f"/api/bai-thi/{attempt.public_id}/trang-thai")


def test_the_quiz_page_is_never_kept_in_the_browser_history(logged_in, setup):
    attempt = start(logged_in, setup)
    response = logged_in.get(f"/bai-thi/{attempt.public_id}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_an_open_attempt_tells_its_time_left(logged_in, setup, frozen):
    attempt = start(logged_in, setup)
    frozen.move(seconds=100)
    response = state(logged_in, attempt)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.get_json() == {"submitted": False, "remaining_ms": 500_000,
                                   "result_url": f"/bai-thi/{attempt.public_id}/ket-qua"}


def test_a_submitted_attempt_sends_the_page_to_its_result(logged_in, setup):
    attempt = start(logged_in, setup)
    logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "3"})
    body = state(logged_in, attempt).get_json()
    assert body["submitted"] is True
    assert body["remaining_ms"] == 0


def test_another_persons_attempt_is_not_found(app, logged_in, setup, make_user):
    attempt = start(logged_in, setup)
    other = app.test_client()
    login(other, make_user())
    response = state(other, attempt)
    assert response.status_code == 404
    assert "submitted" not in response.get_json()


def test_without_logging_in_the_state_is_refused(app, logged_in, setup):
    attempt = start(logged_in, setup)
    response = state(app.test_client(), attempt)
    assert response.status_code == 401
