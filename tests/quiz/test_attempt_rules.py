"""The rules the server enforces on an attempt (issue 2, "Rules the server enforces")."""
from datetime import timedelta

import pytest

from contest.extensions import db
from contest.quiz.models import Attempt
from tests.conftest import login
from tests.quiz.helpers import correct_choice, reload, save, start, wrong_choice


@pytest.fixture
def setup(frozen, make_questions, make_round):
    make_questions(12)
    return make_round(questions=5, time_limit=600, max_attempts=3)


def test_start_draws_questions_and_sets_the_deadline(logged_in, setup, frozen):
    attempt = start(logged_in, setup)
    assert len(attempt.items) == 5
    assert len({item.question_id for item in attempt.items}) == 5
    assert attempt.deadline_at == frozen.at + timedelta(seconds=600)
    for item in attempt.items:
        assert sorted(item.option_ids) == sorted(o.id for o in item.question.options)


def test_deadline_is_cut_at_the_round_close(logged_in, frozen, make_questions, make_round):
    make_questions(6)
    round_ = make_round(questions=5, time_limit=1200, closes_in=timedelta(minutes=5))
    attempt = start(logged_in, round_)
    assert attempt.deadline_at == round_.closes_at


def test_options_are_shuffled_per_attempt(app, setup, make_user, client):
    orders = set()
    for _ in range(6):
        other = app.test_client()
        login(other, make_user())
        attempt = start(other, setup)
        orders |= {item.option_order for item in attempt.items}
    natural = {",".join(str(o.id) for o in item.question.options) for item in attempt.items}
    assert orders - natural, "every drawn question kept its natural option order"


def test_save_within_grace_is_accepted_and_after_grace_refused(logged_in, setup, frozen, app):
    attempt = start(logged_in, setup)
    frozen.move(seconds=600 + app.config["ANSWER_GRACE_SECONDS"])
    assert save(logged_in, attempt, 1, 0).status_code == 200
    frozen.move(seconds=1)
    response = save(logged_in, attempt, 2, 0)
    assert response.status_code == 409
    assert "hết thời gian" in response.get_json()["error"]
    item = next(i for i in reload(attempt).items if i.position == 2)
    assert item.chosen_option_id is None


def test_submit_after_grace_is_refused_and_changes_nothing(logged_in, setup, frozen):
    attempt = start(logged_in, setup)
    save(logged_in, attempt, 1, correct_choice(attempt, 1))
    frozen.move(seconds=700)
    response = logged_in.post(f"/bai-thi/{attempt.public_id}/nop",
                              data={"prediction": "5", "q2": "0"})
    assert response.status_code == 409
    assert "hết thời gian" in response.get_data(as_text=True).lower()
    attempt = reload(attempt)
    assert attempt.prediction is None
    assert next(i for i in attempt.items if i.position == 2).chosen_option_id is None


def test_at_most_k_attempts_per_round(logged_in, setup):
    for _ in range(3):
        attempt = start(logged_in, setup)
        logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "1"})
    response = logged_in.post(f"/dot-thi/{setup.id}/bat-dau")
    assert response.status_code == 409
    assert "hết số lượt thi" in response.get_data(as_text=True)
    assert db.session.query(Attempt).count() == 3


def test_starting_while_in_progress_returns_the_same_attempt(logged_in, setup):
    first = start(logged_in, setup)
    again = start(logged_in, setup)
    assert again.id == first.id
    assert db.session.query(Attempt).count() == 1


def test_submit_is_idempotent(logged_in, setup, frozen):
    attempt = start(logged_in, setup)
    for position in range(1, 6):
        save(logged_in, attempt, position, correct_choice(attempt, position))
    frozen.move(seconds=30)
    first = logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "7"})
    frozen.move(seconds=30)
    second = logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "99"})
    assert first.status_code == second.status_code == 302
    attempt = reload(attempt)
    assert (attempt.score, attempt.prediction, attempt.duration_ms) == (5, 7, 30_000)


def test_another_persons_attempt_is_404(app, logged_in, setup, make_user):
    attempt = start(logged_in, setup)
    intruder = app.test_client()
    login(intruder, make_user())
    assert intruder.get(f"/bai-thi/{attempt.public_id}").status_code == 404
    assert intruder.get(f"/bai-thi/{attempt.public_id}/ket-qua").status_code == 404
    assert save(intruder, attempt, 1, 0).status_code == 404
    assert intruder.post(f"/bai-thi/{attempt.public_id}/nop", data={}).status_code == 404
    assert reload(attempt).status == "in_progress"
    assert all(item.chosen_option_id is None for item in reload(attempt).items)


def test_a_save_of_an_account_locked_meanwhile_is_refused_and_changes_nothing(
        logged_in, setup, contestant, frozen):
    attempt = start(logged_in, setup)
    assert save(logged_in, attempt, 1, 0).status_code == 200
    contestant.locked_at = frozen.at
    db.session.commit()
    response = save(logged_in, attempt, 2, 0)
    assert response.status_code == 401
    assert "khóa" in response.get_json()["error"]
    assert [item.chosen_option_id is not None for item in reload(attempt).items][:2] == [True, False]


def test_attempt_ids_in_urls_are_random(app, logged_in, setup, make_user):
    ids = [start(logged_in, setup).public_id]
    for _ in range(3):
        other = app.test_client()
        login(other, make_user())
        ids.append(start(other, setup).public_id)
    assert all(len(public_id) >= 16 and not public_id.isdigit() for public_id in ids)
    assert len(set(ids)) == len(ids)


def test_the_answer_key_never_reaches_the_quiz_page(logged_in, setup):
    attempt = start(logged_in, setup)
    html = logged_in.get(f"/bai-thi/{attempt.public_id}").get_data(as_text=True)
    assert "correct" not in html.lower()
    assert "Giải thích" not in html
    for item in attempt.items:
        for index, option in enumerate(item.shown_options()):
            # Every option is rendered the same way: only its display index and its text.
            expected = (f'<label class="option"><input type="radio" name="q{item.position}" '
                        f'value="{index}"> <span>{option.text}</span></label>')
            assert expected in html
    response = save(logged_in, attempt, 1, 0)
    assert set(response.get_json()) == {"ok", "saved_at", "remaining_ms"}


def test_score_and_time_come_from_the_server(logged_in, setup, frozen):
    attempt = start(logged_in, setup)
    save(logged_in, attempt, 1, correct_choice(attempt, 1))
    save(logged_in, attempt, 2, wrong_choice(attempt, 2))
    frozen.move(seconds=42)
    logged_in.post(f"/bai-thi/{attempt.public_id}/nop",
                   data={"prediction": "3", "score": "5", "duration_ms": "1"})
    attempt = reload(attempt)
    assert attempt.score == 1
    assert attempt.duration_ms == 42_000
    page = logged_in.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
    assert "<strong>1</strong>/5" in page
    assert "42,0 giây" in page


@pytest.mark.parametrize("payload", [
    {"position": 1, "choice": 4}, {"position": 1, "choice": -1}, {"position": 99, "choice": 0},
    {"position": 1, "choice": "0"}, {"position": 1, "choice": True}, {"prediction": -3},
    # Numbers no integer column holds (2³¹ on PostgreSQL, 2⁶³ on SQLite) and odd types.
    {"position": 2**31, "choice": 0}, {"position": 2**63, "choice": 0}, {"position": -2**63 - 1,
                                                                        "choice": 0},
    {"position": 1.0, "choice": 0}, {"position": "1", "choice": 0}, {"position": None, "choice": 0},
    {"position": 1, "choice": 2**63},
])
def test_bad_answers_are_refused_and_change_nothing(logged_in, setup, payload):
    attempt = start(logged_in, setup)
    response = logged_in.post(f"/api/bai-thi/{attempt.public_id}/tra-loi", json=payload)
    assert response.status_code == 400
    assert response.get_json()["error"]
    attempt = reload(attempt)
    assert all(item.chosen_option_id is None for item in attempt.items)
    assert attempt.prediction is None


def test_save_without_csrf_token_is_refused(logged_in, setup):
    attempt = start(logged_in, setup)
    response = logged_in.post(f"/api/bai-thi/{attempt.public_id}/tra-loi",
                              json={"position": 1, "choice": 0}, no_csrf=True)
    assert response.status_code == 400
    assert "Phiên làm việc" in response.get_json()["error"]


def test_save_after_submit_is_refused(logged_in, setup):
    attempt = start(logged_in, setup)
    logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "1"})
    response = save(logged_in, attempt, 1, 0)
    assert response.status_code == 409
    assert "đã được nộp" in response.get_json()["error"]
    late = logged_in.post(f"/api/bai-thi/{attempt.public_id}/tra-loi", json={"prediction": 99})
    assert late.status_code == 409
    assert reload(attempt).prediction == 1


def test_reload_resumes_with_saved_answers_and_server_time(logged_in, setup, frozen):
    attempt = start(logged_in, setup)
    choice = wrong_choice(attempt, 3)
    save(logged_in, attempt, 3, choice)
    frozen.move(seconds=100)
    html = logged_in.get(f"/bai-thi/{attempt.public_id}").get_data(as_text=True)
    assert f'name="q3" value="{choice}" checked' in html
    assert 'data-remaining-ms="500000"' in html
    assert start(logged_in, setup).id == attempt.id


def test_without_javascript_the_submit_form_carries_the_answers(logged_in, setup):
    attempt = start(logged_in, setup)
    answers = {f"q{p}": str(correct_choice(attempt, p)) for p in range(1, 6)}
    answers["q5"] = str(wrong_choice(attempt, 5))
    logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "2", **answers})
    attempt = reload(attempt)
    assert attempt.score == 4
    assert all(item.chosen_option_id is not None and item.saved_at for item in attempt.items)


def test_a_bad_prediction_is_refused_and_the_attempt_stays_open(logged_in, setup):
    attempt = start(logged_in, setup)
    response = logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "-4"})
    assert response.status_code == 400
    assert "Số dự đoán phải từ 0 đến 100.000.000" in response.get_data(as_text=True)
    assert reload(attempt).status == "in_progress"
