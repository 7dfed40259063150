"""The organizer's choice of per-attempt predictions for a round (issue 17, case
10): a checkbox in the round's settings, audited, locked once the round has an
attempt, and explained on the organizer's pages."""
import re
from datetime import timedelta

from contest.contests.models import Round
from contest.extensions import db
from tests.contests.helpers import messages, reload, round_form

ALLOWS = "mỗi lượt thi thêm là thêm một lần đoán câu hỏi phụ"


def checkbox(page: str) -> str:
    return re.search(r'<input[^>]*id="prediction_per_attempt"[^>]*>', page).group(0)


def test_per_attempt_predictions_are_chosen_and_audited(console, contest, frozen, make_questions,
                                                        audit):
    make_questions(10)
    url = f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi"
    page = messages(console.get(url))
    assert "checked" not in checkbox(page) and ALLOWS in page
    opens = frozen.at + timedelta(days=1)
    response = console.post(url, data=round_form(opens, opens + timedelta(days=7),
                                                 prediction_per_attempt="y"))
    assert response.status_code == 302
    round_ = db.session.query(Round).one()
    assert round_.prediction_per_attempt is True
    assert audit("round.create")[0].details["prediction_per_attempt"] is True
    console_page = messages(console.get(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}"))
    assert "Mỗi lượt thi một dự đoán riêng: " + ALLOWS in console_page

    edit = f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/sua"
    assert "checked" in checkbox(messages(console.get(edit)))
    assert console.post(edit, data=round_form(opens, opens + timedelta(days=7))).status_code == 302
    assert reload(round_).prediction_per_attempt is False
    [row] = audit("round.update")
    assert row.details == {"before": {"prediction_per_attempt": True},
                           "after": {"prediction_per_attempt": False}}
    console_page = messages(console.get(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}"))
    assert "Mỗi người một dự đoán cho cả đợt thi" in console_page


def test_the_choice_is_locked_once_the_round_has_an_attempt(console, started_round, audit):
    round_ = started_round
    edit = f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/sua"
    page = messages(console.get(edit))
    assert "disabled" in checkbox(page)
    assert "cách tính dự đoán (một dự đoán mỗi người hay mỗi lượt)" in page

    tampered = round_form(round_.opens_at, round_.closes_at, name="Đợt thử", opens_at=None,
                          closes_at=None, questions_per_attempt=None, time_limit_minutes=None,
                          max_attempts=None, topics_shown=None, prediction_kind=None,
                          prediction_question=None, prediction_per_attempt="y")
    response = console.post(edit, data=tampered)
    assert response.status_code == 409
    assert "cách tính dự đoán" in messages(response)
    assert reload(round_).prediction_per_attempt is False and audit("round.update") == []

    # What a browser sends (the disabled box is left out): the choice stays.
    round_.prediction_per_attempt = True
    db.session.commit()
    browser = {"name": "Tuần 1", "number": "1"}
    assert console.post(edit, data=browser).status_code == 302
    assert reload(round_).prediction_per_attempt is True
