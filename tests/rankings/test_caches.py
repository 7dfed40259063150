"""Result figures are cached for a short time, say when they were read, and one
function clears them; with REDIS_URL the cache is shared by every app node."""
import os
from datetime import datetime, timedelta, timezone

import pytest

from contest import clock, create_app
from contest.config import TestConfig
from contest.rankings.caches import cached_figures, clear_result_caches
from tests.conftest import require_or_skip


def cache_app(**settings):
    config = type("CacheConfig", (TestConfig,), {"RESULTS_CACHE_SECONDS": 30, **settings})
    return create_app(config)


BACKENDS = [pytest.param({"CACHE_TYPE": "SimpleCache"}, id="in-process"),
            pytest.param("redis", id="redis")]


@pytest.mark.parametrize("settings", BACKENDS)
def test_figures_are_reused_until_cleared(settings):
    if settings == "redis":
        url = os.environ.get("TEST_REDIS_URL")
        if not url:
            require_or_skip("the Redis cache test needs TEST_REDIS_URL")
        settings = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url,
                    "CACHE_KEY_PREFIX": "cchc-test:"}
    app = cache_app(**settings)
    start = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)
    clock.freeze(start)
    with app.app_context():
        clear_result_caches()
        calls = []
        first = cached_figures("demo", lambda: calls.append(1) or 41)
        clock.freeze(start + timedelta(seconds=5))
        again = cached_figures("demo", lambda: calls.append(1) or 42)
        assert first == again == (41, start)
        assert calls == [1]
        clear_result_caches()
        assert cached_figures("demo", lambda: 43)[0] == 43
        clear_result_caches()
    clock.freeze(None)


def test_a_timeout_of_zero_turns_the_cache_off():
    app = cache_app(CACHE_TYPE="SimpleCache", RESULTS_CACHE_SECONDS=0)
    with app.app_context():
        assert cached_figures("off", lambda: 1)[0] == 1
        assert cached_figures("off", lambda: 2)[0] == 2
