"""When a review shows keys (issue 17, cases 1, 2, 3 and 9): only after the
organizer's moment, never while a round of any contest can still draw one of
the attempt's questions, and for the whole attempt or not at all. Practice
follows the same rule."""
from datetime import timedelta

from contest import clock, formatting
from contest.extensions import db
from tests.keys.helpers import (
    HELD_BACK, keys_on, past_grace, practice_offers, result_page, submitted,
)
from tests.practice.helpers import add_contest, add_round
from tests.quiz.helpers import save, start


def test_no_key_that_a_round_of_another_contest_can_draw(frozen, make_questions, new_player):
    """Case 1: contest B reviews after each round and shares its scopes with the
    demo contest, whose round is still open when B's round closes."""
    make_questions(10)
    demo_round = add_round(add_contest("demo"), "open", questions=5)
    b_round = add_round(add_contest("b", review_after="round"), "open", questions=5)
    b_round.closes_at = clock.now() + timedelta(hours=1)
    db.session.commit()
    player = new_player()
    attempts = [submitted(player, b_round) for _ in range(3)]

    frozen.move(hours=2)  # B's round settled long ago; the demo round is open
    for attempt in attempts:
        page = result_page(player, attempt)
        assert keys_on(page, attempt) == 0 and "✔" not in page
        assert HELD_BACK in page and f"<strong>{attempt.score}</strong>/5" in page
    assert not practice_offers(player, attempts[0])

    clock.freeze(past_grace(demo_round.closes_at))
    assert all(keys_on(result_page(player, attempt), attempt) == 5 for attempt in attempts)
    assert practice_offers(player, attempts[0])


def test_review_after_the_contest_waits_for_its_end_date(frozen, make_questions, new_player):
    """Case 2: the contest ends weeks after its only round closes; adding a round
    later must not be what hides keys already out."""
    make_questions(10)
    contest = add_contest("a")
    contest.ends_at = clock.now() + timedelta(weeks=3)
    round_ = add_round(contest, "open", questions=5)
    round_.closes_at = clock.now() + timedelta(hours=1)
    db.session.commit()
    player = new_player()
    attempt = submitted(player, round_)

    frozen.move(days=1)
    page = result_page(player, attempt)
    assert keys_on(page, attempt) == 0
    assert "sau khi toàn bộ cuộc thi kết thúc" in page
    assert formatting.format_local(contest.ends_at) in page
    assert not practice_offers(player, attempt)

    clock.freeze(past_grace(contest.ends_at))
    assert keys_on(result_page(player, attempt), attempt) == 5
    assert practice_offers(player, attempt)


def test_no_review_while_another_attempt_can_still_save(frozen, make_questions, make_round,
                                                        new_player):
    """Case 3: an attempt still takes answers during the grace after the close."""
    make_questions(10)
    round_ = make_round(closes_in=timedelta(minutes=30), time_limit=3600)
    first, second = new_player(), new_player()
    done = submitted(first, round_)
    late = start(second, round_)

    clock.freeze(round_.closes_at + timedelta(milliseconds=20))
    assert keys_on(result_page(first, done), done) == 0
    assert not practice_offers(first, done)
    clock.freeze(round_.closes_at + timedelta(milliseconds=30))
    assert save(second, late, 1, 0).status_code == 200  # the late attempt still saves

    clock.freeze(past_grace(round_.closes_at))
    assert save(second, late, 2, 0).status_code != 200
    assert keys_on(result_page(first, done), done) == 5
    assert practice_offers(first, done)


def test_one_held_back_question_hides_every_key_of_the_attempt(frozen, make_questions,
                                                               make_round, new_player):
    """Case 9: showing the other keys would give the held-back ones away (the
    score minus the shown right answers)."""
    make_questions(10)
    make_questions(10, topic_key="khac")
    first = make_round(closes_in=timedelta(hours=1))
    second = make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=2))
    first.topic_mix, second.topics = {"demo": 3, "khac": 2}, "khac"
    first.contest.review_after = "round"
    db.session.commit()
    player = new_player()
    attempt = submitted(player, first)

    frozen.move(hours=2)
    page = result_page(player, attempt)
    assert keys_on(page, attempt) == 0 and "✔" not in page
    assert HELD_BACK in page
    assert f"<strong>{attempt.score}</strong>/5" in page and "Thời gian làm bài" in page

    clock.freeze(past_grace(second.closes_at))
    assert keys_on(result_page(player, attempt), attempt) == 5
