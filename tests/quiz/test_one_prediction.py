"""One prediction per person and round (issue 17, case 10): with three full-mark
attempts and predictions 50, 1 and 9, the person's entry used to keep the attempt
whose guess turned out closest (1), so each extra attempt was another bet. Now the
first submitted prediction is the person's for the round, unless the organizer
chose per-attempt predictions."""
import re
from datetime import timedelta

import pytest

from contest.rankings.models import RoundEntry
from tests.quiz.helpers import answer_all, reload, save, start, submit

FIXED = "không thể thay đổi: mỗi người chỉ có một dự đoán cho mỗi đợt thi"


@pytest.fixture
def round_(frozen, make_questions, make_round):
    """Three questions, three attempts, closing in two hours."""
    make_questions(9)
    return make_round(questions=3, time_limit=600, max_attempts=3, closes_in=timedelta(hours=2))


def full_marks(client, round_, frozen, prediction: str, seconds: int):
    """A 3/3 attempt submitted ``seconds`` after its start with ``prediction``."""
    attempt = start(client, round_)
    answer_all(client, attempt)
    frozen.move(seconds=seconds)
    assert submit(client, attempt, prediction=prediction).status_code == 302
    frozen.move(minutes=1)
    return reload(attempt)


def prediction_input(page: str) -> str:
    return re.search(r'<input[^>]*id="prediction"[^>]*>', page).group(0)


def close_and_compute(runner, round_, frozen):
    """After the close (and the grace): the results, as cron computes them."""
    frozen.move(hours=3)
    result = runner.invoke(args=["results", "compute", str(round_.id)])
    assert "đáp án câu hỏi dự đoán 1" in result.output  # one person with full marks


def entry() -> tuple:
    row = RoundEntry.query.one()
    return row.attempt_id, row.prediction, row.prediction_error


def test_the_first_prediction_is_the_one_for_the_round(logged_in, round_, frozen, runner):
    first = full_marks(logged_in, round_, frozen, "50", seconds=30)
    second = full_marks(logged_in, round_, frozen, "1", seconds=60)
    third = full_marks(logged_in, round_, frozen, "9", seconds=90)

    close_and_compute(runner, round_, frozen)
    # Every attempt is 49 off: the fastest full-mark attempt is the best one.
    assert entry() == (first.id, 50, 49)
    runner.invoke(args=["results", "rebuild"])
    assert entry() == (first.id, 50, 49)
    assert [reload(attempt).prediction for attempt in (first, second, third)] == [50, 50, 50]
    page = logged_in.get(f"/bai-thi/{third.public_id}/ket-qua").get_data(as_text=True)
    assert "Dự đoán của bạn: <strong>50</strong>" in page


def test_a_later_attempt_shows_the_prediction_and_cannot_change_it(logged_in, round_, frozen):
    full_marks(logged_in, round_, frozen, "50", seconds=30)
    later = start(logged_in, round_)
    assert later.prediction == 50
    page = logged_in.get(f"/bai-thi/{later.public_id}").get_data(as_text=True)
    field = prediction_input(page)
    assert "readonly" in field and 'value="50"' in field
    assert FIXED in page

    refused = logged_in.post(f"/api/bai-thi/{later.public_id}/tra-loi", json={"prediction": 1})
    assert refused.status_code == 400
    assert "Dự đoán của bạn cho đợt thi này là 50" in refused.get_json()["error"]
    assert reload(later).prediction == 50
    same = logged_in.post(f"/api/bai-thi/{later.public_id}/tra-loi", json={"prediction": 50})
    assert same.status_code == 200


def test_per_attempt_predictions_keep_each_guess(logged_in, round_, frozen, runner):
    round_.prediction_per_attempt = True
    first = full_marks(logged_in, round_, frozen, "50", seconds=30)
    later = start(logged_in, round_)
    assert later.prediction is None
    page = logged_in.get(f"/bai-thi/{later.public_id}").get_data(as_text=True)
    assert "readonly" not in prediction_input(page) and FIXED not in page
    answer_all(logged_in, later)
    frozen.move(seconds=60)
    assert submit(logged_in, later, prediction="1").status_code == 302
    full_marks(logged_in, round_, frozen, "9", seconds=90)
    assert reload(first).prediction == 50

    close_and_compute(runner, round_, frozen)
    assert entry() == (later.id, 1, 0)


def test_an_attempt_that_ran_out_of_time_without_one_fixes_nothing(logged_in, round_, frozen):
    timed_out = start(logged_in, round_)
    frozen.move(minutes=15)  # past the deadline and the grace
    second = start(logged_in, round_)  # finishes the first one on the way
    assert reload(timed_out).finished_by == "timeout" and reload(timed_out).prediction is None
    assert "readonly" not in prediction_input(
        logged_in.get(f"/bai-thi/{second.public_id}").get_data(as_text=True))

    # Saved during the attempt, then submitted without the field: it counts.
    assert logged_in.post(f"/api/bai-thi/{second.public_id}/tra-loi",
                          json={"prediction": 7}).status_code == 200
    save(logged_in, second, 1, 0)
    assert submit(logged_in, second).status_code == 302
    third = start(logged_in, round_)
    assert 'value="7"' in prediction_input(
        logged_in.get(f"/bai-thi/{third.public_id}").get_data(as_text=True))
    assert reload(third).prediction == 7


def test_the_rules_page_says_which_prediction_counts(client, round_):
    page = client.get("/the-le").get_data(as_text=True)
    assert "Mỗi người một dự đoán cho mỗi đợt thi." in page
    assert "Bắt buộc trả lời trước khi nộp bài." in page
    assert "mỗi lượt thi một dự đoán riêng" not in page
    round_.prediction_per_attempt = True
    page = client.get("/the-le").get_data(as_text=True)
    assert "Riêng Đợt thử: Ban Tổ chức chọn <strong>mỗi lượt thi một dự đoán riêng</strong>" in page
