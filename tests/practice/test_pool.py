"""The practice pool: only questions whose answers a closed round's review has
shown, and never one that an open or future round (of any contest) can still draw."""
from datetime import timedelta

from contest.bank.models import Question
from contest.extensions import db
from contest.practice.services import pool_ids
from contest.contests.models import PrizeGroup
from tests.practice.helpers import add_contest, add_round, mark_shown
from tests.rankings.helpers import take_attempt


def ids(questions) -> set[int]:
    return {question.id for question in questions}


def test_the_questions_of_a_reviewed_attempt_are_the_pool(frozen, make_questions, make_round,
                                                          make_user):
    make_questions(12)
    round_ = make_round(questions=5, closes_in=timedelta(hours=1))
    attempt = take_attempt(make_user(), round_, correct=3, seconds=60)
    asked = {item.question_id for item in attempt.items}
    assert pool_ids() == set()  # the round is open: nothing is public

    frozen.move(hours=2)
    assert pool_ids() == asked  # closed, the contest's last round: its review shows them


def test_nothing_is_public_while_the_contest_review_waits_for_a_later_round(
        frozen, make_questions, make_round, make_user):
    questions = make_questions(12, topic_key="mot_cua")
    first = make_round(questions=5, closes_in=timedelta(hours=1))
    take_attempt(make_user(), first, correct=5, seconds=60)
    later = make_round(opens_in=timedelta(days=5), closes_in=timedelta(days=6))
    later.topics = "khac"  # it draws none of these questions, but review waits for it
    make_questions(3, topic_key="khac")
    db.session.commit()
    frozen.move(hours=2)
    assert pool_ids() == set()

    first.contest.review_after = "round"
    db.session.commit()
    assert pool_ids() and pool_ids() <= ids(questions)


def test_a_question_a_later_round_can_draw_stays_out(frozen, make_questions):
    national = make_questions(4, topic_key="nq76")
    other = make_questions(4, topic_key="de-an-06")
    contest = add_contest("a", review_after="round")
    shown_in = add_round(contest, "closed")
    mark_shown(shown_in, national + other)
    add_round(contest, "upcoming", topics="nq76")
    db.session.commit()
    assert pool_ids() == ids(other)


def test_a_round_of_another_contest_keeps_its_questions_out(frozen, make_questions):
    shared = make_questions(4, topic_key="nq76")
    mark_shown(add_round(add_contest("xong"), "closed"), shared)
    db.session.commit()
    assert pool_ids() == ids(shared)

    add_round(add_contest("dang-mo"), "open")  # every topic of the national bank
    db.session.commit()
    assert pool_ids() == set()


def test_a_draft_round_counts_as_a_future_round(frozen, make_questions):
    questions = make_questions(4)
    contest = add_contest("a", review_after="round")
    mark_shown(add_round(contest, "closed"), questions)
    add_round(contest, "draft")
    db.session.commit()
    assert pool_ids() == set()


def test_a_prize_groups_own_topics_keep_their_questions_out(frozen, make_questions):
    citizens = make_questions(3, topic_key="de-an-06")
    staff = make_questions(3, topic_key="nq76")
    contest = add_contest("a", review_after="round")
    mark_shown(add_round(contest, "closed"), citizens + staff)
    add_round(contest, "upcoming", topics="nq76")
    db.session.add(PrizeGroup(contest_id=contest.id, position=1, name="Bảng B",
                              audiences="citizen", topics="de-an-06"))
    db.session.commit()
    assert pool_ids() == set()


def test_a_retired_or_edited_question_leaves_the_pool(frozen, make_questions):
    kept, hidden, edited = make_questions(3)
    mark_shown(add_round(add_contest("a"), "closed"), [kept, hidden, edited])
    hidden.active = False
    edited.is_current = False  # an edit adds a new version, whose key no review showed
    db.session.add(Question(code=edited.code, version=2, topic=edited.topic, difficulty=1,
                            text="Bản sửa?", explanation="", source_document="", source_part=""))
    db.session.commit()
    assert pool_ids() == {kept.id}


def test_a_question_never_drawn_is_not_public(frozen, make_questions):
    drawn, never = make_questions(2)
    mark_shown(add_round(add_contest("a"), "closed"), [drawn])
    db.session.commit()
    assert pool_ids() == {drawn.id}
