"""Issue 17, case 12: a contest may give at most one individual prize per person.
Two rounds with the same person on top: with the rule on they take one prize and
the next in order moves up (the console says who was skipped and why); with it
off, two prizes. The rule reads the awards published when a round is decided."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from contest import clock
from contest.audit.models import AuditLog
from contest.contests.models import Contest
from contest.extensions import db
from contest.prizes import services
from contest.prizes.models import Award
from contest.contests.models import PrizeGroup
from contest.rankings.services.results import compute_results
from tests.conftest import login
from tests.contests.helpers import contest_form
from tests.rankings.helpers import take_attempt

HELD = "Không xét giải: đã đạt giải Nhất (Tuần 1); mỗi người một giải trong cuộc thi"


@pytest.fixture
def season(open_round, make_round, make_user):
    """Two rounds of one contest, one prize group (a first and a second prize), an
    organizer and three people: An on top of both rounds, then Bình, then Cường."""
    second = make_round(opens_in=timedelta(days=2), closes_in=timedelta(days=3))
    open_round.name, second.name = "Tuần 1", "Tuần 2"
    db.session.add(PrizeGroup(contest_id=open_round.contest_id, position=1, name="Bảng chung",
                              audiences="cbccvc", first_prizes=1, second_prizes=1,
                              third_prizes=0, consolation_prizes=0))
    people = {key: make_user() for key in ("an", "binh", "cuong")}
    for key, name in (("an", "Lê Văn An"), ("binh", "Trần Thị Bình"), ("cuong", "Phạm Cường")):
        people[key].full_name = name
    db.session.commit()
    return open_round, second, people, make_user(role="organizer")


def play(round_, people):
    clock.freeze(round_.opens_at + timedelta(minutes=1))
    for seconds, key in enumerate(("an", "binh", "cuong"), start=1):
        take_attempt(people[key], round_, correct=5, seconds=seconds, prediction=3)


def close(round_):
    """Past the round's close (the clock never goes back) and its results computed."""
    clock.freeze(max(clock.now(), round_.closes_at + timedelta(seconds=10)))
    compute_results(round_)


def verify_all(round_, organizer):
    for result in services.provisional_winners(round_):
        for winner in result.winners:
            services.verify_winner(round_, winner.row.entry.user_id, organizer)


def decide_and_publish(round_, organizer):
    """Close, verify every provisional winner, publish; returns the awards by name."""
    close(round_)
    verify_all(round_, organizer)
    return {award.full_name: award.prize for award in services.publish_results(round_, organizer)}


def set_rule(client, contest: Contest, on: bool):
    """Through the contest's settings form, as the organizer does."""
    response = client.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(
        name=contest.name, organizer_name=contest.organizer_name, starts_at="", ends_at="",
        one_prize_per_person="y" if on else None))
    assert response.status_code == 302, response.get_data(as_text=True)


def test_with_the_rule_a_winner_of_round_1_is_skipped_in_round_2(client, season):
    first, second, people, organizer = season
    login(client, organizer)
    set_rule(client, first.contest, on=True)
    [row] = AuditLog.query.filter_by(action="contest.update").all()
    assert row.details["before"]["one_prize_per_person"] is False
    assert row.details["after"]["one_prize_per_person"] is True
    play(first, people)
    assert decide_and_publish(first, organizer) == {
        "Lê Văn An": "first", "Trần Thị Bình": "second"}

    play(second, people)
    close(second)
    console = client.get(f"/quan-tri/dot-thi/{second.id}/ket-qua").get_data(as_text=True)
    assert "mỗi người một giải" in console
    assert HELD in console and "Không xét giải: đã đạt giải Nhì (Tuần 1)" in console
    assert decide_and_publish(second, organizer) == {"Phạm Cường": "first"}
    assert db.session.scalar(select(db.func.count()).where(
        Award.user_id == people["an"].id)) == 1

    ranking = client.get(f"/dot-thi/{second.id}/xep-hang").get_data(as_text=True)
    assert ranking.count("Không xét giải</td>") == 2  # An and Bình keep ranks 1 and 2
    assert "người đã đạt giải ở đợt khác" in ranking
    assert "mỗi người tối đa một giải cá nhân trong toàn cuộc thi" in client.get(
        "/the-le").get_data(as_text=True).lower()


def test_without_the_rule_the_same_person_wins_twice(client, season):
    first, second, people, organizer = season
    login(client, organizer)
    set_rule(client, first.contest, on=False)
    play(first, people)
    decide_and_publish(first, organizer)
    play(second, people)
    assert decide_and_publish(second, organizer) == {
        "Lê Văn An": "first", "Trần Thị Bình": "second"}
    assert db.session.scalar(select(db.func.count()).where(
        Award.user_id == people["an"].id)) == 2
    assert "mỗi người tối đa một giải" not in client.get("/the-le").get_data(as_text=True)


def test_a_round_published_later_skips_the_winners_already_published(client, season):
    """Round 2 decided and published before round 1: round 1 passes over its winners
    (the rule reads the awards published when a round is decided)."""
    first, second, people, organizer = season
    first.contest.one_prize_per_person = True
    play(first, people)
    play(second, people)
    assert decide_and_publish(second, organizer) == {
        "Lê Văn An": "first", "Trần Thị Bình": "second"}
    assert decide_and_publish(first, organizer) == {"Phạm Cường": "first"}
    assert Award.query.count() == 3 == len({award.user_id for award in Award.query})


def test_a_winner_verified_before_another_round_was_published_must_be_reverified(
        season):
    """A verified winner who meanwhile took a prize elsewhere is skipped at
    publication; the person who moves up has not been verified: refused."""
    first, second, people, organizer = season
    first.contest.one_prize_per_person = True
    play(first, people)
    play(second, people)
    close(first)
    verify_all(first, organizer)
    decide_and_publish(second, organizer)
    with pytest.raises(services.WinnersNotVerified):
        services.publish_results(first, organizer)
    assert Award.query.filter_by(round_id=first.id).count() == 0
