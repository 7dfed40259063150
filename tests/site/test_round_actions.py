"""What a contestant can do next, where they look for it: the home page's round
card (the open round first, its action before its details, "Đăng ký" for a
visitor, the start form of a round to come ready for the opening), the result
page's button for the next attempt and its plain word when the time ran out, and
the practice link only once practice has a question."""
import re
from datetime import timedelta

import pytest

from contest.extensions import db
from contest.quiz.models import Attempt
from tests.conftest import login
from tests.quiz.helpers import correct_choice, save, start, submit
from tests.rankings.helpers import take_attempt

TIMED_OUT = "Hết giờ làm bài: bài được nộp tự động với các câu đã lưu."


def start_forms(page: str) -> list[str]:
    """The rounds' ids of the start forms on a page."""
    return re.findall(r'<form method="post" action="/dot-thi/(\d+)/bat-dau"', page)


@pytest.fixture
def two_attempt_round(frozen, make_questions, make_round):
    make_questions(8)
    return make_round(questions=4, time_limit=300, max_attempts=2)


def test_the_result_page_starts_the_next_attempt_while_one_is_left(logged_in, two_attempt_round):
    first = start(logged_in, two_attempt_round)
    submit(logged_in, first, prediction="5")
    page = logged_in.get(f"/bai-thi/{first.public_id}/ket-qua").get_data(as_text=True)
    assert "Bạn còn <strong>1</strong> lượt thi" in page
    assert start_forms(page) == [str(two_attempt_round.id)]
    assert "Bắt đầu thi (lượt 2/2)" in page and 'name="csrf_token"' in page

    second = start(logged_in, two_attempt_round)  # what the button posts
    assert second.number == 2
    submit(logged_in, second, prediction="5")
    page = logged_in.get(f"/bai-thi/{second.public_id}/ket-qua").get_data(as_text=True)
    assert "Bạn còn <strong>0</strong> lượt thi" in page and start_forms(page) == []


def test_the_result_page_offers_no_attempt_once_the_round_has_closed(
        logged_in, frozen, make_questions, make_round):
    make_questions(8)
    round_ = make_round(questions=4, closes_in=timedelta(minutes=30))
    attempt = start(logged_in, round_)
    submit(logged_in, attempt, prediction="5")
    frozen.move(hours=1)
    page = logged_in.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
    assert "đã kết thúc" in page and start_forms(page) == []


def test_an_attempt_finished_by_the_server_says_the_time_ran_out(logged_in, frozen, two_attempt_round):
    attempt = start(logged_in, two_attempt_round)
    save(logged_in, attempt, 1, correct_choice(attempt, 1))
    frozen.move(seconds=400)  # past the deadline and its grace: the server finishes it
    page = logged_in.get(f"/bai-thi/{attempt.public_id}", follow_redirects=True).get_data(as_text=True)
    assert TIMED_OUT in page
    assert start_forms(page) == [str(two_attempt_round.id)]


def test_the_timers_submit_at_zero_says_the_time_ran_out(logged_in, frozen, two_attempt_round):
    attempt = start(logged_in, two_attempt_round)
    frozen.move(seconds=301)  # the page's timer sends the form at zero, within the grace
    submit(logged_in, attempt, prediction="5")
    page = logged_in.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
    assert TIMED_OUT in page


def test_a_submit_in_time_says_nothing_of_the_time(logged_in, frozen, two_attempt_round):
    attempt = start(logged_in, two_attempt_round)
    frozen.move(seconds=120)
    submit(logged_in, attempt, prediction="5")
    page = logged_in.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
    assert "Hết giờ" not in page and "tự nộp" not in page


def test_the_open_round_comes_first_with_its_start_button(logged_in, frozen, make_round):
    closed = make_round(opens_in=timedelta(days=-9), closes_in=timedelta(days=-2))
    open_ = make_round(closes_in=timedelta(days=5))
    page = logged_in.get("/").get_data(as_text=True)
    cards = re.findall(r'href="/dot-thi/(\d+)/ket-qua"', page)
    assert cards == [str(open_.id), str(closed.id)]
    assert start_forms(page) == [str(open_.id)]


def test_a_visitor_is_offered_both_login_and_registration_in_the_round_card(client, frozen, make_round):
    make_round()
    page = client.get("/").get_data(as_text=True)
    card = page[page.index('class="card round-card'):page.index('/ket-qua"')]
    assert "Đăng nhập để dự thi" in card and 'href="/dang-ky"' in card


def test_a_round_to_come_carries_its_start_form_hidden_until_the_opening(
        logged_in, frozen, make_questions, make_round):
    make_questions(8)
    round_ = make_round(opens_in=timedelta(minutes=1), closes_in=timedelta(days=1), questions=4)
    page = logged_in.get("/").get_data(as_text=True)
    assert start_forms(page) == [str(round_.id)]
    assert re.search(r'<div class="round-action" data-opens-at="[^"]+" hidden>\s*<form', page)
    assert 'data-then-label="Đợt thử kết thúc sau"' in page
    # Shown early by a fast clock, the button is still refused by the server.
    early = logged_in.post(f"/dot-thi/{round_.id}/bat-dau")
    assert early.status_code == 409 and "chưa mở" in early.get_data(as_text=True)
    assert db.session.query(Attempt).count() == 0
    frozen.move(minutes=1)
    assert start(logged_in, round_).number == 1


def test_the_practice_link_shows_only_once_practice_has_a_question(
        client, frozen, make_questions, make_round, make_user):
    make_questions(8)
    round_ = make_round(questions=4, closes_in=timedelta(hours=1))
    person = make_user()
    attempt = take_attempt(person, round_, correct=2, seconds=60)
    login(client, person)
    result = f"/bai-thi/{attempt.public_id}/ket-qua"
    assert "/luyen-tap" not in client.get("/").get_data(as_text=True)  # the round still open
    assert "/luyen-tap" not in client.get(result).get_data(as_text=True)
    frozen.move(hours=2)
    assert "/luyen-tap" in client.get("/").get_data(as_text=True)
    assert "/luyen-tap" in client.get(result).get_data(as_text=True)
