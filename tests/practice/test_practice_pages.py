"""Practice pages: a set from the pool, each answer checked with the correct option,
the explanation and the source (by the page's script or by the form with
JavaScript off); ids from the browser checked; nothing stored or counted."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from contest.bank.models import Question
from contest.extensions import db
from contest.quiz.models import Attempt
from contest.bank.models import QuestionTally
from contest.rankings.models import RoundEntry
from tests.conftest import login
from tests.rankings.helpers import take_attempt

CHECK = "/api/luyen-tap/kiem-tra"


@pytest.fixture
def public_questions(frozen, make_questions, make_round, make_user):
    """Five questions whose answers the review of a closed round shows (the first
    option of each is correct), and seven never drawn."""
    make_questions(12)
    round_ = make_round(questions=5, closes_in=timedelta(hours=1))
    attempt = take_attempt(make_user(), round_, correct=5, seconds=60)
    frozen.move(hours=2)
    return [db.session.get(Question, item.question_id) for item in attempt.items]


def counts() -> tuple:
    """What practice must never change: attempts, ranking entries, question statistics."""
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Attempt, RoundEntry, QuestionTally))


def shown_ids(page: str) -> list[int]:
    start = page.index('name="ids" value="') + len('name="ids" value="')
    return [int(part) for part in page[start:page.index('"', start)].split(",")]


def test_the_page_shows_only_public_questions(logged_in, public_questions):
    page = logged_in.get("/luyen-tap").get_data(as_text=True)
    assert sorted(shown_ids(page)) == sorted(q.id for q in public_questions)
    assert "Câu 1/5" in page and "Kiểm tra đáp án" in page
    assert "Phương án 1" in page and "Giải thích" not in page  # no key before an answer


def test_an_empty_pool_says_so(logged_in, frozen, make_questions, make_round):
    make_questions(6)
    make_round(questions=5)  # open: nothing is public yet
    page = logged_in.get("/luyen-tap").get_data(as_text=True)
    assert "Hiện chưa có câu hỏi luyện tập" in page and 'id="practice"' not in page


def test_a_visitor_is_asked_to_log_in(client):
    assert "/dang-nhap" in client.get("/luyen-tap").headers["Location"]
    assert client.post(CHECK, json={"question_id": 1, "choice": 0}).status_code == 401


def test_an_answer_is_checked_with_its_key_explanation_and_source(logged_in, public_questions):
    question = public_questions[0]
    before = counts()
    right = logged_in.post(CHECK, json={"question_id": question.id, "choice": 0}).get_json()
    wrong = logged_in.post(CHECK, json={"question_id": question.id, "choice": 2}).get_json()

    assert right["correct"] is True and wrong["correct"] is False
    assert wrong["correct_index"] == 0 and wrong["correct_option"] == question.options[0].text
    assert wrong["explanation"] == question.explanation
    assert wrong["source"] == "Văn bản thử, Điều 1"
    assert "Chưa đúng" in wrong["html"] and "Nguồn: Văn bản thử, Điều 1" in wrong["html"]
    assert counts() == before


def test_a_question_outside_the_pool_is_not_found(logged_in, public_questions):
    asked = {q.id for q in public_questions}
    never_drawn = db.session.scalar(select(Question.id).where(Question.id.not_in(asked)))
    for question_id in (never_drawn, 999_999, 2**31, -1, 10**30, "1", True, None):
        response = logged_in.post(CHECK, json={"question_id": question_id, "choice": 0})
        assert response.status_code == 404, question_id
        assert response.get_json()["error"] == "Câu hỏi này không có trong phần luyện tập."


def test_a_choice_that_is_not_an_option_is_refused(logged_in, public_questions):
    for payload in ({"choice": 9}, {"choice": -1}, {"choice": "0"}, {"choice": True}, {}):
        response = logged_in.post(CHECK, json={"question_id": public_questions[0].id, **payload})
        assert response.status_code == 400, payload
        assert response.get_json()["error"] == "Vui lòng chọn một phương án của câu hỏi."
    response = logged_in.post(CHECK, data="not json", headers={"X-CSRFToken": logged_in.csrf_token()})
    assert response.status_code == 400
    assert response.get_json()["error"] == "Dữ liệu gửi lên không hợp lệ."


def test_without_javascript_the_form_checks_the_answers(logged_in, public_questions):
    page = logged_in.get("/luyen-tap").get_data(as_text=True)
    ids = shown_ids(page)
    before = counts()
    response = logged_in.post("/luyen-tap", data={"ids": ",".join(map(str, ids)),
                                                  "q1": "0", "q2": "3"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('data-result="correct"') == 1 and html.count('data-result="wrong"') == 1
    second = db.session.get(Question, ids[1])
    assert f"Đáp án đúng: <strong>{second.options[0].text}</strong>" in html
    assert second.explanation in html and "Nguồn: Văn bản thử, Điều 1" in html
    assert 'name="q1" value="0"' in html  # kept for the next check of the others
    assert counts() == before


def test_a_tampered_set_is_refused(logged_in, public_questions):
    asked = {q.id for q in public_questions}
    never_drawn = db.session.scalar(select(Question.id).where(Question.id.not_in(asked)))
    assert logged_in.post("/luyen-tap", data={"ids": f"{public_questions[0].id},{never_drawn}",
                                              "q1": "0"}).status_code == 404
    for ids in ("", "1;2", "x", ",".join(str(q.id) for q in public_questions * 3)):
        response = logged_in.post("/luyen-tap", data={"ids": ids})
        assert response.status_code == 400, ids
        assert "Bộ câu hỏi luyện tập gửi lên không hợp lệ" in response.get_data(as_text=True)
    response = logged_in.post("/luyen-tap", data={"ids": str(public_questions[0].id), "q1": "7"})
    assert response.status_code == 400


def test_home_and_result_pages_link_to_practice(app, client, public_questions):
    assert "/luyen-tap" not in client.get("/").get_data(as_text=True)
    attempt = db.session.scalar(select(Attempt))
    login(client, attempt.user)
    assert "/luyen-tap" in client.get("/").get_data(as_text=True)
    assert "/luyen-tap" in client.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
