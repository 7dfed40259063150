"""Creating and editing rounds: times, overlap, the bank's size, the lock after an attempt."""
import re
from datetime import timedelta

from sqlalchemy import func, select

from contest.contests.models import PREDICTION_KINDS, Round
from contest.extensions import db
from contest.quiz.models import Attempt
from tests.contests.helpers import messages, reload, round_form
from tests.quiz.helpers import start


def _count_rounds() -> int:
    return db.session.scalar(select(func.count(Round.id)))


def test_a_new_round_is_a_draft_and_audited(console, contest, frozen, make_questions, audit):
    make_questions(10)
    page = messages(console.get(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi"))
    assert 'value="1"' in page and "Có bao nhiêu người trả lời đúng tất cả" in page
    opens = frozen.at + timedelta(days=1)
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi",
                            data=round_form(opens, opens + timedelta(days=7), time_limit_minutes="15"))
    assert response.status_code == 302
    round_ = db.session.scalar(select(Round))
    assert round_.scheduled_at is None and round_.time_limit_seconds == 900
    assert round_.opens_at == opens and round_.topics == ""
    assert round_.prediction_question.startswith("Có bao nhiêu người trả lời đúng")
    [row] = audit("round.create")
    assert row.target_id == str(round_.id) and row.details["time_limit_seconds"] == 900


def test_close_before_open_is_refused(console, contest, frozen, make_questions, audit):
    make_questions(10)
    opens = frozen.at + timedelta(days=1)
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi",
                            data=round_form(opens, opens - timedelta(hours=1)))
    assert response.status_code == 400 and "Giờ đóng phải sau giờ mở." in messages(response)
    assert _count_rounds() == 0 and audit("round.create") == []


def test_overlap_is_refused_unless_allowed(console, contest, frozen, make_questions, make_round):
    make_questions(10)
    make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=8))  # "Đợt thử"
    opens = frozen.at + timedelta(days=7)
    url = f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi"
    response = console.post(url, data=round_form(opens, opens + timedelta(days=7), number="2"))
    assert response.status_code == 400 and "Thời gian trùng với Đợt thử" in messages(response)
    assert _count_rounds() == 1
    allowed = console.post(url, data=round_form(opens, opens + timedelta(days=7), number="2",
                                                allow_overlap="y"))
    assert allowed.status_code == 302 and _count_rounds() == 2
    after = frozen.at + timedelta(days=8)  # back to back is not an overlap
    assert console.post(url, data=round_form(after, after + timedelta(days=7), number="3")).status_code == 302


def test_number_must_be_free(console, contest, frozen, make_questions, make_round):
    make_questions(10)
    make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=2))
    opens = frozen.at + timedelta(days=3)
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi",
                            data=round_form(opens, opens + timedelta(days=1), number="1"))
    assert response.status_code == 400 and "Số thứ tự 1 đã được dùng" in messages(response)


def test_questions_per_attempt_cannot_exceed_the_topics_pool(console, contest, frozen, make_questions):
    make_questions(6, topic_key="nq76")
    make_questions(4, topic_key="de-an-06")
    opens = frozen.at + timedelta(days=1)
    url = f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi"
    response = console.post(url, data=round_form(opens, opens + timedelta(days=1),
                                                 questions_per_attempt="5", topics=["de-an-06"]))
    assert response.status_code == 400
    assert "chỉ có 4 câu dùng được trong các chủ đề của đợt thi, đợt thi cần 5 câu" in messages(response)
    response = console.post(url, data=round_form(opens, opens + timedelta(days=1),
                                                 questions_per_attempt="11"))
    assert "chỉ có 10 câu dùng được trong các chủ đề của đợt thi, đợt thi cần 11 câu" in messages(response)
    assert _count_rounds() == 0
    ok = console.post(url, data=round_form(opens, opens + timedelta(days=1),
                                           questions_per_attempt="8", topics=["de-an-06", "nq76"]))
    assert ok.status_code == 302 and db.session.scalar(select(Round.topics)) == "de-an-06,nq76"


def test_the_draw_honours_the_round_topics(app, console, frozen, make_questions, make_round,
                                           player):
    make_questions(6, topic_key="nq76")
    wanted = make_questions(5, topic_key="de-an-06")
    round_ = make_round(questions=5)
    round_.topics = "de-an-06"
    db.session.commit()
    attempt = start(player, round_)
    assert {item.question_id for item in attempt.items} == {q.id for q in wanted}


def test_settings_are_locked_once_the_round_has_an_attempt(console, started_round, audit):
    round_ = started_round
    edit = f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/sua"
    page = messages(console.get(edit))
    assert "Đợt thi đã có lượt thi nên không thể thay đổi" in page
    time_limit_input = re.search(r'<input[^>]*id="time_limit_minutes"[^>]*>', page).group(0)
    assert "disabled" in time_limit_input
    assert "disabled" not in re.search(r'<input[^>]*id="name"[^>]*>', page).group(0)

    tampered = round_form(round_.opens_at, round_.closes_at, name="Đợt thử", time_limit_minutes="30",
                          questions_per_attempt="5", opens_at=None, closes_at=None)
    response = console.post(edit, data=tampered)
    assert response.status_code == 409
    assert "Đợt thi đã có lượt thi nên không thể thay đổi" in messages(response)
    round_ = reload(round_)
    assert (round_.time_limit_seconds, round_.name) == (600, "Đợt thử")
    assert audit("round.update") == []

    # What a browser sends: the disabled inputs are left out; the rest may change.
    browser = {"name": "Tuần 1 (đổi tên)", "number": "1", "prediction_kind": "perfect_scorers",
               "allow_overlap": "y"}
    assert console.post(edit, data=browser).status_code == 302
    round_ = reload(round_)
    assert (round_.name, round_.allow_overlap, round_.time_limit_seconds, round_.topics) == (
        "Tuần 1 (đổi tên)", True, 600, "")
    [row] = audit("round.update")
    assert row.details == {"before": {"name": "Đợt thử", "allow_overlap": False},
                           "after": {"name": "Tuần 1 (đổi tên)", "allow_overlap": True}}


def test_times_of_an_opened_round_change_only_through_the_lifecycle(console, frozen, make_questions,
                                                                    make_round):
    make_questions(10)
    round_ = make_round()
    closes = round_.closes_at
    response = console.post(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/sua", data=round_form(
        round_.opens_at, closes + timedelta(days=3), name="Đợt thử"))
    assert response.status_code == 409 and "Gia hạn" in messages(response)
    assert reload(round_).closes_at == closes


def test_a_draft_can_be_edited_freely(console, frozen, make_questions, make_round, audit):
    make_questions(10)
    round_ = make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=2), scheduled=False)
    opens = frozen.at + timedelta(days=2)
    response = console.post(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/sua", data=round_form(
        opens, opens + timedelta(days=1), questions_per_attempt="8", max_attempts="1"))
    assert response.status_code == 302
    round_ = reload(round_)
    assert (round_.opens_at, round_.questions_per_attempt, round_.max_attempts) == (opens, 8, 1)
    assert db.session.scalar(select(func.count(Attempt.id))) == 0
    assert audit("round.update")[0].details["after"]["max_attempts"] == 1


def test_prediction_question_follows_the_kind_unless_written(console, contest, frozen, make_questions):
    make_questions(10)
    opens = frozen.at + timedelta(days=1)
    url = f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi"
    console.post(url, data=round_form(opens, opens + timedelta(days=1), prediction_kind="attempts",
                                      prediction_question=PREDICTION_KINDS["perfect_scorers"]))
    own = "Có bao nhiêu người ở xã Ia Grai trả lời đúng tất cả?"
    later = opens + timedelta(days=2)
    console.post(url, data=round_form(later, later + timedelta(days=1), number="2",
                                      prediction_kind="participants", prediction_question=own))
    first, second = db.session.scalars(select(Round).order_by(Round.number)).all()
    assert (first.prediction_kind, first.prediction_question) == ("attempts", PREDICTION_KINDS["attempts"])
    assert (second.prediction_kind, second.prediction_question) == ("participants", own)
