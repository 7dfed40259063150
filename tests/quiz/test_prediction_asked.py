"""A prediction is asked, not lost (issue 17, case 6): one tap on "Nộp bài" with
every question answered used to submit without a prediction, which silently lost
the tie-break. A submit by hand without one is now refused, keeping the answers
and the running time; only the deadline submits without one."""
from datetime import timedelta

import pytest

from tests.quiz.helpers import correct_choice, reload, save, start, submit

ASKED = "Vui lòng trả lời câu hỏi dự đoán trước khi nộp bài."


@pytest.fixture
def attempt(logged_in, frozen, make_questions, make_round):
    make_questions(8)
    attempt = start(logged_in, make_round(questions=4, time_limit=300))
    save(logged_in, attempt, 1, correct_choice(attempt, 1))
    frozen.move(seconds=40)
    return attempt


def chosen(attempt) -> dict[int, int | None]:
    return {item.position: item.chosen_option_id for item in reload(attempt).items}


@pytest.mark.parametrize("prediction", [None, "", "   "])
def test_a_submit_without_a_prediction_is_refused_and_loses_nothing(logged_in, attempt, frozen,
                                                                   prediction):
    fields = {"q2": str(correct_choice(attempt, 2))}  # sent with the form (no JavaScript)
    if prediction is not None:
        fields["prediction"] = prediction
    response = submit(logged_in, attempt, **fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert ASKED in page and 'id="quiz"' in page  # the quiz again, not an error page
    assert 'data-remaining-ms="260000"' in page  # the timer runs on
    kept = reload(attempt)
    assert kept.status == "in_progress" and kept.submitted_at is None and kept.score is None
    assert kept.deadline_at == kept.started_at + timedelta(seconds=300)
    answers = chosen(attempt)
    assert answers[1] is not None and answers[2] is not None

    frozen.move(seconds=5)
    assert submit(logged_in, attempt, prediction="12").status_code == 302
    done = reload(attempt)
    assert (done.status, done.score, done.prediction) == ("submitted", 2, 12)


def test_a_prediction_saved_during_the_attempt_counts_as_given(logged_in, attempt):
    saved = logged_in.post(f"/api/bai-thi/{attempt.public_id}/tra-loi", json={"prediction": 30})
    assert saved.status_code == 200
    assert submit(logged_in, attempt).status_code == 302
    assert reload(attempt).prediction == 30


def test_the_timer_submits_without_a_prediction(logged_in, attempt, frozen):
    frozen.move(seconds=261)  # the page's timer ran out: just after the deadline
    response = submit(logged_in, attempt)
    assert response.status_code == 302
    done = reload(attempt)
    assert done.status == "submitted" and done.prediction is None and done.score == 1
    page = logged_in.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
    assert "Dự đoán của bạn: <strong>không có</strong>" in page


def test_the_overdue_sweep_finishes_without_a_prediction(logged_in, attempt, frozen, runner):
    frozen.move(minutes=10)
    assert "Đã kết thúc 1 lượt thi quá hạn" in runner.invoke(args=["finish-overdue"]).output
    done = reload(attempt)
    assert (done.finished_by, done.prediction, done.score) == ("timeout", None, 1)
    page = logged_in.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
    assert "Dự đoán của bạn: <strong>không có</strong>" in page


def test_the_quiz_page_says_the_prediction_is_required(logged_in, attempt):
    page = logged_in.get(f"/bai-thi/{attempt.public_id}").get_data(as_text=True)
    assert "Sau câu hỏi cuối cùng là" in page and "bắt buộc trả lời trước khi nộp bài" in page
    assert "Câu hỏi dự đoán (bắt buộc)" in page
    assert 'aria-required="true"' in page and "data-prediction-alert" in page
