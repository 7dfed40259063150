"""Per-question statistics on a small example computed by hand.

Ten submitted attempts of four questions A–D (1 = answered correctly):

    attempt  A B C D  score
       1     1 1 1 0    3
       2     1 1 1 0    3
       3     1 1 0 0    2
       4     1 0 1 0    2
       5     0 1 1 0    2
       6     1 0 0 0    1
       7     0 1 0 0    1
       8     0 0 1 1    2
       9     0 0 1 1    2
      10     0 0 0 1    1

Group size: ceil(27% × 10) = 3. Top: the two attempts scoring 3, and one
attempt's worth of the five scoring 2 (each counts 1/5). Bottom: the three
attempts scoring 1 (6, 7, 10).
A: correct 5/10; top 2 + 2/5 = 2.4 of 3 (0.8), bottom 1/3  -> D = 7/15
B: correct 5/10; top 2 + 2/5 = 2.4 of 3 (0.8), bottom 1/3  -> D = 7/15
C: correct 6/10; top 2 + 4/5 = 2.8 of 3, bottom 0/3        -> D = 14/15
D: correct 3/10; top 0 + 2/5 = 0.4 of 3, bottom 1/3        -> D = -1/5, flagged

The tallies are rebuilt from the attempts (the repair path), and the page reads
only the tallies.
"""
from datetime import timedelta

import pytest

from contest.bank.queries.statistics import _stats, group_size, question_statistics
from contest.clock import now
from contest.extensions import db
from contest.quiz.models import Attempt, AttemptItem
from contest.rankings.services.rebuild import rebuild_question_tallies

TABLE = [(1, 1, 1, 0), (1, 1, 1, 0), (1, 1, 0, 0), (1, 0, 1, 0), (0, 1, 1, 0),
         (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 1), (0, 0, 1, 1), (0, 0, 0, 1)]


@pytest.fixture
def example(make_questions, make_round, make_user):
    questions = make_questions(4)
    round_ = make_round(questions=4)
    user = make_user()
    started = now() - timedelta(minutes=30)
    for number, row in enumerate(TABLE, start=1):
        attempt = Attempt(user_id=user.id, round_id=round_.id, number=number, status="submitted",
                          started_at=started, deadline_at=started + timedelta(minutes=20),
                          submitted_at=started + timedelta(minutes=5), total=4, score=sum(row),
                          duration_ms=300_000, finished_by="contestant")
        for position, (question, ok) in enumerate(zip(questions, row), start=1):
            option = question.options[0] if ok else question.options[1]
            attempt.items.append(AttemptItem(
                position=position, question_id=question.id,
                option_order=",".join(str(o.id) for o in question.options),
                chosen_option_id=option.id, is_correct=bool(ok)))
        db.session.add(attempt)
    db.session.commit()
    rebuild_question_tallies(round_)
    db.session.commit()
    return round_, questions


def test_group_size_is_27_percent_rounded_up():
    assert (group_size(0), group_size(1), group_size(10), group_size(100)) == (0, 1, 3, 27)


def test_statistics_match_the_hand_computed_example(example):
    round_, questions = example
    stats = {s.question_id: s for s in question_statistics(round_id=round_.id)}
    a, b, c, d = (stats[q.id] for q in questions)
    assert [s.drawn for s in (a, b, c, d)] == [10, 10, 10, 10]
    assert [s.correct_share for s in (a, b, c, d)] == [0.5, 0.5, 0.6, 0.3]
    assert [s.discrimination for s in (a, b, c)] == pytest.approx([7 / 15, 7 / 15, 14 / 15])
    assert all(s.flags == () for s in (a, b, c))
    assert d.discrimination == pytest.approx(-1 / 5)
    assert d.flags == ("Độ phân biệt âm: người điểm thấp đúng nhiều hơn người điểm cao",)


def test_a_question_almost_nobody_answers_is_flagged():
    stats = _stats((1, "X-001", 1, "?", 20, 3, 6, 1, 6, 1), min_drawn=5)
    assert stats.correct_share == 0.15
    assert stats.flags == ("Rất ít người trả lời đúng",)
    assert _stats((1, "X-001", 1, "?", 4, 0, 2, 0, 2, 0), min_drawn=5).flags == ()


def test_the_statistics_page_shows_the_flag(client, example, make_user):
    from tests.conftest import login
    login(client, make_user(role="organizer"))
    html = client.get("/quan-tri/cau-hoi/thong-ke?flagged=1").get_data(as_text=True)
    assert "<strong>1</strong> câu cần xem lại" in html
    assert "-0,20" in html and "30%" in html
