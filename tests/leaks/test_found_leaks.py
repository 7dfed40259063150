"""Leaks the hunt's authors found that issue 17's list does not name, as plain
examples on both databases: a key the review or practice shows while another
attempt can still use it.

- Two questions of one fact group ask the same fact (the draw never puts both in
  one attempt for that reason): the explanation of one is the other's key. A
  closed round's review shows it while an open round can draw the sibling.
- A question the organizer withdraws (hides) while attempts in progress hold it:
  no round can draw it any more, so the review shows its key (practice does not:
  it offers active questions only), while those attempts can still answer it
  and have it scored.
Each test also checks the key does show once nothing can use it."""
from datetime import timedelta

from contest import clock
from contest.bank.services.questions import set_active
from contest.extensions import db
from contest.quiz.services import attempts as services
from tests.conftest import login
from tests.practice.helpers import add_contest, add_round
from tests.quiz.helpers import save
from tests.rankings.helpers import take_attempt

EXPLANATION_1 = "Giải thích 1."  # of T-001 (``make_questions``)


def _all_right(user, round_):
    """A full-mark attempt taken an hour after the round opened."""
    return take_attempt(user, round_, correct=round_.questions_per_attempt, seconds=60,
                        prediction=1, at=round_.opens_at + timedelta(hours=1))


def _review_and_practice(client, attempt, question_id) -> tuple[str, int]:
    page = client.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
    checked = client.post("/api/luyen-tap/kiem-tra", json={"question_id": question_id, "choice": 0})
    return page, checked.status_code


def test_a_question_keeps_its_key_while_a_round_can_draw_one_of_the_same_fact(
        frozen, client, make_user, make_questions):
    shown = make_questions(3, topic_key="nq76", group=lambda i: "cung-su-kien" if i == 1 else None)
    make_questions(3, topic_key="mot_cua", group=lambda i: "cung-su-kien" if i == 4 else None)
    contest = add_contest("a", review_after="round")
    closed = add_round(contest, "closed", topics="nq76", questions=3)
    open_ = add_round(contest, "open", topics="mot_cua", questions=3)
    db.session.commit()
    person = make_user()
    attempt = _all_right(person, closed)
    clock.freeze(frozen.at)
    login(client, person)

    page, checked = _review_and_practice(client, attempt, shown[0].id)
    assert EXPLANATION_1 not in page  # T-004, same fact as T-001, is still drawable
    assert checked == 404

    clock.freeze(open_.closes_at + timedelta(minutes=1))
    page, checked = _review_and_practice(client, attempt, shown[0].id)
    assert EXPLANATION_1 in page and checked == 200


def test_a_withdrawn_question_keeps_its_key_while_an_attempt_can_still_answer_it(
        frozen, app, client, make_user, make_questions):
    withdrawn = make_questions(1, topic_key="nq76")[0]
    make_questions(2, topic_key="mot_cua")
    contest = add_contest("a", review_after="round")
    closed = add_round(contest, "closed", topics="nq76", questions=1)
    open_ = add_round(contest, "open", topics="nq76", questions=1)
    db.session.commit()
    reader, holder, organizer = make_user(), make_user(), make_user(role="organizer")
    attempt = _all_right(reader, closed)
    clock.freeze(frozen.at)
    held = services.start_attempt(holder, open_)  # holds T-001 for ten minutes
    set_active(withdrawn.code, False, organizer)  # a flaw found: hidden from new draws
    login(client, reader)
    review = f"/bai-thi/{attempt.public_id}/ket-qua"

    assert EXPLANATION_1 not in client.get(review).get_data(as_text=True)
    holders_client = app.test_client()
    login(holders_client, holder)
    assert save(holders_client, held, 1, 0).status_code == 200  # it still takes an answer

    clock.freeze(held.deadline_at + timedelta(seconds=app.config["ANSWER_GRACE_SECONDS"] + 1))
    assert EXPLANATION_1 in client.get(review).get_data(as_text=True)
