"""A question shown in an attempt is never changed in place."""
from dataclasses import replace

from contest.bank.models import Question
from contest.bank.services.questions import edit_question, question_record
from contest.extensions import db
from contest.quiz.models import Attempt
from tests.quiz.helpers import correct_choice, reload, save, start


def test_editing_a_shown_question_adds_a_version_and_past_attempts_keep_theirs(
        logged_in, make_questions, make_round, make_user):
    make_questions(3)
    round_ = make_round(questions=3)
    attempt = start(logged_in, round_)
    for position in (1, 2, 3):
        save(logged_in, attempt, position, correct_choice(attempt, position))
    logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "1"})
    shown = reload(attempt).items[0].question
    old_text, old_id = shown.text, shown.id

    record = question_record(shown)
    changed = replace(record, question="Nội dung đã sửa?", correct=2)
    new = edit_question(shown.code, changed, make_user(role="organizer"))

    assert (new.version, new.is_current) == (2, True)
    old = db.session.get(Question, old_id)
    assert (old.text, old.is_current, old.version) == (old_text, False, 1)
    attempt = reload(attempt)
    assert attempt.items[0].question.text == old_text
    assert attempt.score == 3
    page = logged_in.get(f"/bai-thi/{attempt.public_id}/ket-qua").get_data(as_text=True)
    assert "<strong>3</strong>/3" in page


def test_editing_an_unshown_question_changes_it_in_place(app, make_questions, make_user):
    question = make_questions(1)[0]
    record = question_record(question)
    edited = edit_question(question.code, replace(record, difficulty=3),
                           make_user(role="organizer"))
    assert (edited.id, edited.version, edited.difficulty) == (question.id, 1, 3)
    assert db.session.query(Question).count() == 1


def test_new_attempts_draw_the_new_version(logged_in, make_questions, make_round, make_user):
    make_questions(3)
    round_ = make_round(questions=3, max_attempts=2)
    first = start(logged_in, round_)
    logged_in.post(f"/bai-thi/{first.public_id}/nop", data={"prediction": "1"})
    question = reload(first).items[0].question
    record = question_record(question)
    edit_question(question.code, replace(record, question="Bản mới?"),
                  make_user(role="organizer"))
    second = start(logged_in, round_)
    texts = {item.question.text for item in reload(second).items}
    assert "Bản mới?" in texts and question.text not in texts
    assert db.session.query(Attempt).count() == 2
