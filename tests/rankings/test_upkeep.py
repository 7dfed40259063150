"""The tables kept current at each submit hold exactly what a rebuild from the
attempts gives, whatever the order and mix of submissions (timeouts included)."""
import random
from datetime import timedelta

from sqlalchemy import select

from contest import clock
from contest.extensions import db
from contest.quiz.services import attempts as services
from contest.rankings.models import (ContestEntry, RankBucket, RoundEntry, UnitContestStat,
    UnitRoundStat)
from contest.bank.models import QuestionTally
from contest.rankings.services.rebuild import rebuild_contest, rebuild_round
from tests.rankings.helpers import take_attempt

TABLES = {
    RoundEntry: ("round_id", "user_id", "attempt_id", "unit_id", "score", "duration_ms", "attempts"),
    ContestEntry: ("contest_id", "user_id", "unit_id", "score_sum", "duration_sum", "rounds",
                   "attempts"),
    UnitRoundStat: ("round_id", "unit_id", "participants", "attempts", "score_sum"),
    UnitContestStat: ("contest_id", "unit_id", "participants", "attempts", "score_sum"),
    QuestionTally: ("round_id", "question_id", "total", "score", "drawn", "correct"),
    RankBucket: ("scope", "scope_id", "score", "seconds", "people"),
}


def snapshot():
    db.session.expire_all()
    return {model.__name__: sorted(tuple(getattr(row, c) for c in columns)
                                   for row in db.session.scalars(select(model))
                                   if getattr(row, "people", 1))  # emptied buckets
            for model, columns in TABLES.items()}


def test_kept_figures_equal_a_rebuild(frozen, make_questions, make_round, make_user, make_unit):
    make_questions(12)
    first = make_round(questions=5, closes_in=timedelta(days=2))
    second = make_round(questions=5, closes_in=timedelta(days=2))
    units = [make_unit(name=f"Xã {i}", kind="commune") for i in range(3)]
    people = [make_user(unit=random.Random(i).choice(units)) for i in range(8)]
    rng = random.Random(2026)
    at = frozen.at
    for step in range(30):
        at += timedelta(minutes=1)
        person, round_ = rng.choice(people), rng.choice([first, second])
        if services.attempts_used(person.id, round_.id) >= round_.max_attempts:
            continue
        take_attempt(person, round_, correct=rng.randint(0, 5), seconds=rng.randint(5, 300),
                     prediction=rng.choice([None, rng.randint(0, 9)]), at=at)
    # One attempt left to time out, finished by the overdue sweep.
    late = next(p for p in people if services.attempts_used(p.id, first.id) < 3)
    clock.freeze(at + timedelta(minutes=1))
    services.start_attempt(late, first)
    clock.freeze(at + timedelta(hours=1))
    assert services.finish_overdue() == 1

    kept = snapshot()
    assert kept["RoundEntry"] and kept["QuestionTally"]
    for round_ in (first, second):
        rebuild_round(round_, with_questions=True)
    rebuild_contest(first.contest)
    db.session.commit()
    assert snapshot() == kept


def test_every_place_matches_the_ranking_live_and_final(frozen, make_questions, make_round,
                                                        make_user):
    """Places come from the second buckets plus a count inside the second: the
    same as the position in the ranking, ties within one second included."""
    from contest.rankings.queries.ranking import contest_place, contest_ranking, round_place, round_ranking
    from contest.rankings.services.results import compute_results
    make_questions(10)
    round_ = make_round(questions=5, closes_in=timedelta(hours=3))
    people = [make_user() for _ in range(12)]
    rng = random.Random(7)
    for step, person in enumerate(people * 2):
        if services.attempts_used(person.id, round_.id) >= 3:
            continue
        take_attempt(person, round_, correct=rng.choice([5, 5, 4]), seconds=rng.choice([30, 30.4, 31]),
                     prediction=rng.randint(0, 12), at=frozen.at + timedelta(minutes=step))

    def check():
        order = [row.entry.user_id for row in round_ranking(round_, 1, 100).rows]
        for position, user_id in enumerate(order, start=1):
            place = round_place(round_, user_id)
            assert (place.rank, place.of) == (position, len(order))
        contest_order = [row.entry.user_id for row in contest_ranking(round_.contest, 1, 100).rows]
        for position, user_id in enumerate(contest_order, start=1):
            assert contest_place(round_.contest, user_id).rank == position

    check()
    clock.freeze(round_.closes_at + timedelta(seconds=10))
    compute_results(round_)
    check()
