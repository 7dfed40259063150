"""The requests of a deadline rush (bench/attempt_rush.py: the quiz page and
saving an answer; bench/pages.py: the home page and the submit) run as many SQL
statements for an attempt of 3 questions as for one of 12, and for 1 person in
the round as for 10: no query per question or per person (N+1), which a rush
multiplies by every contestant. Counts, not times."""
from datetime import timedelta

import pytest

from tests.conftest import login
from tests.quiz.helpers import answer_all, correct_choice, start
from tests.queries import count_queries, statements_of


@pytest.fixture
def rounds(frozen, make_questions, make_round):
    """Two open rounds: one of 3 questions an attempt, one of 12."""
    make_questions(15)
    short = make_round(questions=3, closes_in=timedelta(days=1))
    long = make_round(questions=12, closes_in=timedelta(days=1))
    return short, long


def started(app, make_user, round_):
    """A fresh person's client with an attempt started in ``round_``, and the attempt."""
    client = app.test_client()
    login(client, make_user())
    return client, start(client, round_)


def warm_count(client, url) -> int:
    """Statements of ``url`` once warm (the contest and its rounds, read on a
    worker's first request, are then cached, as the benchmark warms its server)."""
    client.get(url)
    return len(statements_of(client, url))


def counted_post(client, url, **kwargs) -> int:
    with count_queries() as statements:
        response = client.post(url, **kwargs)
    assert response.status_code in (200, 302), response.get_data(as_text=True)
    return len(statements)


def test_the_quiz_page_costs_the_same_for_3_or_12_questions(app, make_user, rounds):
    (few, in_short), (many, in_long) = (started(app, make_user, r) for r in rounds)
    assert warm_count(few, f"/bai-thi/{in_short.public_id}") == warm_count(
        many, f"/bai-thi/{in_long.public_id}")


def test_saving_an_answer_costs_the_same_in_an_attempt_of_3_or_12_questions(app, make_user, rounds):
    (few, in_short), (many, in_long) = (started(app, make_user, r) for r in rounds)
    answer_all(few, in_short)
    answer_all(many, in_long)
    again = [counted_post(client, f"/api/bai-thi/{attempt.public_id}/tra-loi",
                          json={"position": 2, "choice": correct_choice(attempt, 2)})
             for client, attempt in ((few, in_short), (many, in_long))]
    assert again[0] == again[1]


def test_submitting_costs_the_same_for_3_or_12_questions(app, make_user, rounds):
    (few, in_short), (many, in_long) = (started(app, make_user, r) for r in rounds)
    answer_all(few, in_short)
    answer_all(many, in_long)
    submits = [counted_post(client, f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "7"})
               for client, attempt in ((few, in_short), (many, in_long))]
    assert submits[0] == submits[1]


def test_the_home_page_costs_the_same_with_1_or_10_people_in_the_round(app, make_user, rounds):
    short, _ = rounds
    watcher, _ = started(app, make_user, short)
    alone = warm_count(watcher, "/")
    for _ in range(9):
        client, attempt = started(app, make_user, short)
        answer_all(client, attempt)
    assert warm_count(watcher, "/") == alone
