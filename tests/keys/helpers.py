"""Taking attempts through the web and reading what their pages show of the keys."""
from datetime import datetime, timedelta

from flask import current_app

from contest.quiz.models import Attempt
from tests.quiz.helpers import reload, start

HELD_BACK = "Đáp án và giải thích của lượt thi này chưa công bố"
NO_PRACTICE = "Hiện chưa có câu hỏi luyện tập"


def submitted(client, round_) -> Attempt:
    """Start an attempt of ``round_`` and submit it (no answer, a prediction)."""
    attempt = start(client, round_)
    response = client.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "3"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return reload(attempt)


def result_page(client, attempt: Attempt) -> str:
    response = client.get(f"/bai-thi/{attempt.public_id}/ket-qua")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def keys_on(page: str, attempt: Attempt) -> int:
    """How many of the attempt's questions the page gives the answer of: each
    question's explanation is its own ("Giải thích 7.")."""
    return sum(item.question.explanation in page for item in attempt.items)


def past_grace(moment: datetime) -> datetime:
    """Just after the last instant an attempt ending at ``moment`` may still save."""
    return moment + timedelta(seconds=current_app.config["ANSWER_GRACE_SECONDS"], milliseconds=1)


def practice_offers(client, attempt: Attempt) -> bool:
    """Whether practice shows a set, or checks an answer to the attempt's first question."""
    page = client.get("/luyen-tap").get_data(as_text=True)
    checked = client.post("/api/luyen-tap/kiem-tra",
                          json={"question_id": attempt.items[0].question_id, "choice": 0})
    return NO_PRACTICE not in page or checked.status_code != 404
