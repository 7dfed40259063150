"""The tables kept current at each submit hold exactly what a rebuild from the
attempts gives, whatever the order and mix of submissions (timeouts included)."""
import random
from datetime import timedelta

from sqlalchemy import select

from contest import clock
from contest.extensions import db
from contest.quiz import services
from contest.rankings.models import (
    ContestEntry, QuestionTally, RoundEntry, UnitContestStat, UnitRoundStat,
)
from contest.rankings.rebuild import rebuild_contest, rebuild_round
from tests.rankings.helpers import take_attempt

TABLES = {
    RoundEntry: ("round_id", "user_id", "attempt_id", "unit_id", "score", "duration_ms", "attempts"),
    ContestEntry: ("contest_id", "user_id", "unit_id", "score_sum", "duration_sum", "rounds",
                   "attempts"),
    UnitRoundStat: ("round_id", "unit_id", "participants", "attempts", "score_sum"),
    UnitContestStat: ("contest_id", "unit_id", "participants", "attempts", "score_sum"),
    QuestionTally: ("round_id", "question_id", "total", "score", "drawn", "correct"),
}


def snapshot():
    db.session.expire_all()
    return {model.__name__: sorted(tuple(getattr(row, c) for c in columns)
                                   for row in db.session.scalars(select(model)))
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
