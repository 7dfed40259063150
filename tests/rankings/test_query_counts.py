"""The pages the rankings benchmark measures (bench/pages.py) run as many SQL
statements for a round of 3 people as for a round of 12: no query per person,
per unit or per question (N+1), which would turn a big round into thousands of
round trips. Counts, not times: the guard holds on any machine."""
from datetime import timedelta

import pytest

from contest.extensions import db
from contest.prizes import services
from contest.contests.models import PrizeGroup
from contest.quiz.models import Attempt
from contest.rankings.services.results import compute_results
from tests.conftest import login
from tests.queries import statements_of
from tests.rankings.helpers import take_attempt

SMALL, LARGE = 3, 12


@pytest.fixture
def rounds(frozen, make_questions, make_round, make_unit, make_user):
    """Two published rounds of the same contest and manager's unit: a small one
    (3 people, 3 questions each) and a large one (12 people over 4 communes,
    6 questions each), each with a first and a second prize verified."""
    make_questions(12)
    small = make_round(questions=3, closes_in=timedelta(days=1), max_attempts=1)
    large = make_round(questions=6, closes_in=timedelta(days=1), max_attempts=1)
    db.session.add(PrizeGroup(contest_id=small.contest_id, position=1, name="Bảng chung",
                              audiences="cbccvc", first_prizes=1, second_prizes=1,
                              third_prizes=0, consolation_prizes=0))
    communes = [make_unit(name=f"Xã Thử {i}", kind="commune") for i in range(4)]
    people = {small.id: [], large.id: []}
    for round_, count in ((small, SMALL), (large, LARGE)):
        for i in range(count):
            person = make_user(unit=communes[i % len(communes)])
            take_attempt(person, round_, correct=i % 4, seconds=10 + i, prediction=i)
            people[round_.id].append(person)
    organizer = make_user(role="organizer")
    manager = make_user(role="unit_manager", unit=communes[0])
    frozen.move(days=2)
    for round_ in (small, large):
        compute_results(round_)
        for result in services.provisional_winners(round_):
            for winner in result.winners:
                services.verify_winner(round_, winner.row.entry.user_id, organizer)
        services.publish_results(round_, organizer)
    return small, large, people, organizer, manager, communes[0]


def counts(client, urls) -> list[int]:
    """Each page's statement count once warm (the contest and its rounds, read on a
    worker's first request, are then cached, as the benchmark warms its server)."""
    for url in urls:
        client.get(url)
    return [len(statements_of(client, url)) for url in urls]


def test_the_public_ranking_costs_the_same_statements_for_3_or_12_people(client, rounds):
    small, large, *_ = rounds
    assert counts(client, [f"/dot-thi/{small.id}/xep-hang"]) == counts(
        client, [f"/dot-thi/{large.id}/xep-hang"])


def test_the_unit_ranking_costs_the_same_for_4_or_12_communes(client, rounds, make_unit):
    _, large, *_ = rounds
    url = f"/xep-hang-don-vi?dot={large.id}&khoi=commune"
    before = counts(client, [url])
    for i in range(8):
        make_unit(name=f"Xã Mới {i}", kind="commune")
    assert "Xã Mới 7" in client.get(url).get_data(as_text=True)
    assert counts(client, [url]) == before


def test_the_unit_managers_page_costs_the_same_for_a_small_or_large_round(client, rounds):
    small, large, _, _, manager, unit = rounds
    login(client, manager)
    small_count, large_count = counts(client, [f"/don-vi/{unit.code}?dot={small.id}",
                                               f"/don-vi/{unit.code}?dot={large.id}"])
    assert small_count == large_count


def test_a_result_page_costs_the_same_for_3_or_6_questions(app, client, rounds):
    small, large, people, *_ = rounds
    first, last = people[small.id][0], people[large.id][-1]
    in_small = db.session.query(Attempt).filter_by(user_id=first.id).one()
    in_large = db.session.query(Attempt).filter_by(user_id=last.id).one()
    login(client, first)
    [small_count] = counts(client, [f"/bai-thi/{in_small.public_id}/ket-qua"])
    other = app.test_client()
    login(other, last)
    assert counts(other, [f"/bai-thi/{in_large.public_id}/ket-qua"]) == [small_count]


def test_the_winners_export_costs_the_same_for_a_small_or_large_round(client, rounds):
    small, large, _, organizer, *_ = rounds
    login(client, organizer)
    small_count, large_count = counts(client, [f"/quan-tri/dot-thi/{small.id}/xuat/dat-giai.xlsx",
                                               f"/quan-tri/dot-thi/{large.id}/xuat/dat-giai.xlsx"])
    assert small_count == large_count


def test_the_question_statistics_cost_the_same_for_3_or_12_questions_drawn(
        client, open_round, make_user):
    """Statistics cover the questions drawn in submitted attempts: one attempt of 5
    questions, then ten more attempts that draw every question of the bank."""
    take_attempt(make_user(), open_round, correct=2, seconds=20, prediction=1)
    login(client, make_user(role="organizer"))
    url = "/quan-tri/cau-hoi/thong-ke"
    few = counts(client, [url])
    shown_before = client.get(url).get_data(as_text=True).count("T-0")
    for i in range(10):
        take_attempt(make_user(), open_round, correct=i % 5, seconds=30 + i, prediction=i)
    assert client.get(url).get_data(as_text=True).count("T-0") > shown_before
    assert counts(client, [url]) == few
