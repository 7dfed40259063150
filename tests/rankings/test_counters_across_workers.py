"""Without Redis each worker has its own cache: the home page's counters must
still read the same from every worker (they are counted from the database then,
from the unit figures kept at submit)."""
from datetime import timedelta

import pytest

from contest import create_app
from contest.config import TestConfig
from contest.contests.queries.contests import current_contest
from contest.rankings.queries import public
from tests.rankings.helpers import take_attempt


def _worker(database_url):
    """An app process as gunicorn starts it without REDIS_URL: its own in-process cache."""
    return create_app(type("Worker", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "CACHE_TYPE": "SimpleCache",
        "RESULTS_CACHE_SECONDS": 30}))


def _counters(worker) -> tuple:
    with worker.test_request_context("/"):
        participation, _ = public.contest_participation(current_contest())
        return public.registered_count(), participation.participants, participation.attempts


@pytest.mark.commits
def test_two_workers_without_redis_show_the_same_counts(database_url, frozen, make_questions,
                                                         make_round, make_user):
    make_questions(10)
    round_ = make_round(questions=5, closes_in=timedelta(days=1))
    take_attempt(make_user(), round_, correct=3, seconds=10, prediction=1)
    for role in ("unit_manager", "organizer", "admin"):  # staff: not registered contestants
        make_user(role=role)
    first, second = _worker(database_url), _worker(database_url)
    assert _counters(first) == _counters(second) == (1, 1, 1)
    take_attempt(make_user(), round_, correct=4, seconds=10, prediction=1)  # another worker's
    assert _counters(first) == _counters(second) == (2, 2, 2)
    for worker in (first, second):
        with worker.app_context():
            from contest.extensions import db
            db.engine.dispose()
