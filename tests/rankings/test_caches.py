"""Result figures are cached for a short time, say when they were read, and one
function clears them; with REDIS_URL the cache is shared by every app node."""
import os
from datetime import datetime, timedelta, timezone

import pytest

from contest import clock, create_app
from contest.config import TestConfig
from contest.caching import cached_figures, clear_result_caches, results_changed
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


def test_a_marked_change_clears_the_figures_only_once_committed(results_cached):
    from contest.extensions import db

    def figures(value):
        return cached_figures("marked", lambda: value)[0]

    assert figures(1) == 1
    results_changed()
    assert figures(2) == 1, "a mark alone clears nothing"
    db.session.rollback()
    db.session.commit()
    assert figures(3) == 1, "a rolled-back mark is gone"
    results_changed()
    db.session.close()
    db.session.commit()
    assert figures(4) == 1, "so is one whose session closed uncommitted"
    results_changed()
    db.session.commit()
    assert figures(5) == 5


def test_a_timeout_of_zero_turns_the_cache_off():
    app = cache_app(CACHE_TYPE="SimpleCache", RESULTS_CACHE_SECONDS=0)
    with app.app_context():
        assert cached_figures("off", lambda: 1)[0] == 1
        assert cached_figures("off", lambda: 2)[0] == 2


def test_the_place_shows_the_moment_the_round_settles_though_figures_are_cached(
        results_cached, open_round, make_user):
    """A round settles with no write that could clear a cache: what may be shown
    is part of the cache key, so the sealed standing is not served after."""
    from contest.contests.rules.disclosure import settled_at
    from contest.rankings.queries.public import my_standing
    from tests.rankings.helpers import take_attempt

    leader, me = make_user(), make_user()
    take_attempt(leader, open_round, correct=5, seconds=10, prediction=2)
    take_attempt(me, open_round, correct=5, seconds=30, prediction=2)
    sealed = my_standing(me, open_round)
    assert sealed.round_place is None and sealed.round_shown_from == settled_at(open_round)
    clock.freeze(settled_at(open_round))  # the last moment an attempt could still write
    assert my_standing(me, open_round).round_place is None
    clock.freeze(settled_at(open_round) + timedelta(milliseconds=1))
    assert my_standing(me, open_round).round_place.rank == 2


def test_moving_a_rounds_close_moves_its_review_time_though_figures_are_cached(
        results_cached, open_round, make_user):
    from datetime import timedelta

    from contest.quiz.rules.keys import review_moment
    from contest.admin.services.rounds import RoundSettings, update_round

    organizer = make_user(role="organizer")
    open_round.scheduled_at = None  # a draft: its times may still be edited
    before = review_moment(open_round)
    settings = RoundSettings.of(open_round)
    later = settings.closes_at + timedelta(days=1)
    update_round(open_round, RoundSettings(**{**settings.__dict__, "closes_at": later}), organizer)
    grace = timedelta(seconds=results_cached.config["ANSWER_GRACE_SECONDS"])
    assert review_moment(open_round) == later + grace != before


def test_a_cached_unit_page_is_still_checked_for_each_viewer(
        results_cached, client, open_round, make_unit, make_user):
    from tests.conftest import login

    mine, other = make_unit(name="Xã Của Tôi", kind="commune"), make_unit(name="Xã Bên Cạnh",
                                                                          kind="commune")
    login(client, make_user(role="organizer"))
    assert "Xã Bên Cạnh" in client.get(f"/don-vi/{other.code}").get_data(as_text=True)
    client.post("/dang-xuat")
    login(client, make_user(role="unit_manager", unit=mine))
    assert client.get(f"/don-vi/{other.code}").status_code == 403, "the cache never skips the check"
    own = client.get(f"/don-vi/{mine.code}").get_data(as_text=True)
    assert "Xã Của Tôi" in own and "Xã Bên Cạnh" not in own
    assert client.get(f"/don-vi/{mine.code}?dot=999999").status_code == 404


def test_the_cached_unit_ranking_keeps_each_bloc_and_round_apart(
        results_cached, client, open_round, make_unit):
    make_unit(name="Sở Thử Nghiệm", kind="agency")
    make_unit(name="Phường Thử Nghiệm", kind="commune")
    communes = client.get("/xep-hang-don-vi?khoi=commune").get_data(as_text=True)
    agencies = client.get("/xep-hang-don-vi?khoi=agency").get_data(as_text=True)
    assert "Phường Thử Nghiệm" in communes and "Sở Thử Nghiệm" not in communes
    assert "Sở Thử Nghiệm" in agencies and "Phường Thử Nghiệm" not in agencies
    assert client.get("/xep-hang-don-vi?khoi=commune&dot=999999").status_code == 404
    assert client.get("/xep-hang-don-vi?khoi=nowhere").status_code == 404


@pytest.mark.parametrize("dot", ["²", "١", "1x"])
def test_a_round_asked_with_other_digits_is_not_a_server_error(
        results_cached, client, open_round, make_unit, make_user, dot):
    from tests.conftest import login

    unit = make_unit(name="Xã Của Tôi", kind="commune")
    assert client.get(f"/xep-hang-don-vi?dot={dot}").status_code == 200  # the default round
    login(client, make_user(role="unit_manager", unit=unit))
    assert client.get(f"/don-vi/{unit.code}?dot={dot}").status_code == 200
