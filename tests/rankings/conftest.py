from datetime import timedelta

import pytest

from contest import clock
from contest.caching import clear_result_caches
from contest.rankings.services.results import compute_results


@pytest.fixture
def open_round(frozen, make_questions, make_round):
    """A round of 5 questions, open since an hour ago, closing in a day."""
    make_questions(10)
    return make_round(questions=5, closes_in=timedelta(days=1), max_attempts=3)


@pytest.fixture
def close_round():
    """Move the clock past the round's close (and the grace) and compute the results."""
    def close(round_):
        clock.freeze(round_.closes_at + timedelta(seconds=10))
        return compute_results(round_)
    return close


@pytest.fixture
def results_cached(app):
    """The app under test with the figures cached as in production."""
    from contest.extensions import cache
    app.config["RESULTS_CACHE_SECONDS"] = 30
    cache.init_app(app, config={"CACHE_TYPE": "SimpleCache"})
    with app.app_context():
        clear_result_caches()
    yield app
