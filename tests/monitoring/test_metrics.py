"""/metrics: closed to the public, and each figure moves with what it counts;
under gunicorn, every worker's figures add up."""
import http.client
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from redis import Redis
from sqlalchemy import create_engine

from bench.faults import workers_of
from bench.harness import free_port, serve, server_env, stop
from contest import create_app
from contest.caching import cached_figures
from contest.clock import now
from contest.config import TestConfig
from contest.extensions import cache, db
from contest.metrics import watch_pool
from contest.monitoring.metrics import export_job_figures
from contest.reports.models import ExportJob
from tests.conftest import require_or_skip
from tests.quiz.helpers import save, start

TOKEN = "metrics-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REQUESTS = "contest_http_request_duration_seconds_count"
PUBLIC_ADDRESS = {"REMOTE_ADDR": "203.0.113.7"}


def samples(text: str) -> dict:
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def value(figures: dict, name: str, **labels) -> float:
    return figures.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
def scrape(app, client):
    app.config["METRICS_TOKEN"] = TOKEN

    def read() -> dict:
        response = client.get("/metrics", headers=AUTH)
        assert response.status_code == 200
        return samples(response.get_data(as_text=True))
    return read


# --- who may read it ---------------------------------------------------------------

@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}])
def test_without_the_token_it_does_not_exist(app, client, headers):
    app.config["METRICS_TOKEN"] = TOKEN
    response = client.get("/metrics", headers=headers, environ_base=PUBLIC_ADDRESS)
    assert response.status_code == 404
    assert "contest_" not in response.get_data(as_text=True)


def test_without_a_token_configured_nobody_reads_it(app, client):
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


def test_the_token_gives_the_text_format_without_a_cookie(scrape, client):
    response = client.get("/metrics", headers=AUTH, environ_base=PUBLIC_ADDRESS)
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert "# TYPE contest_http_request_duration_seconds histogram" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def own_app(**settings):
    """An app of its own (``PROXY_COUNT`` and the limiter are read when it is built),
    on an in-memory database unless ``SQLALCHEMY_DATABASE_URI`` is given."""
    app = create_app(type("Config", (TestConfig,), {"METRICS_ALLOW_LOCALHOST": True, **settings}))
    with app.app_context():
        db.create_all()
    return app


def test_it_is_never_rate_limited():
    limited = own_app(RATELIMIT_ENABLED=True, RATELIMIT_APPLICATION="3 per minute",
                      METRICS_TOKEN=TOKEN).test_client()
    assert all(limited.get("/metrics", headers=AUTH).status_code == 200 for _ in range(10))
    assert [limited.get("/").status_code for _ in range(4)][-1] == 429


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_request_on_this_machine_straight_to_the_app_may_read_it(proxies):
    local = own_app(PROXY_COUNT=proxies).test_client()
    assert local.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200
    assert local.get("/metrics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
    assert local.get("/metrics", environ_base=PUBLIC_ADDRESS).status_code == 404


@pytest.mark.parametrize("forwarded", ["203.0.113.7", "127.0.0.1", "127.0.0.1, 127.0.0.1"])
@pytest.mark.parametrize("proxies", [0, 1])
def test_a_request_through_the_proxy_never_counts_as_local(proxies, forwarded):
    """nginx on the same machine connects from 127.0.0.1 and adds X-Forwarded-For,
    whatever a client wrote there itself."""
    behind_nginx = own_app(PROXY_COUNT=proxies).test_client()
    response = behind_nginx.get("/metrics", headers={"X-Forwarded-For": forwarded},
                                environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert response.status_code == 404
    assert behind_nginx.get("/metrics", headers={"Forwarded": "for=127.0.0.1"},
                            environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 404


# --- what it counts ----------------------------------------------------------------

def test_a_request_is_counted_under_its_endpoint_not_its_url(scrape, client, make_round):
    round_ = make_round()
    before = scrape()
    assert client.get("/").status_code == 200
    client.get(f"/dot-thi/{round_.id}/khong-co")
    client.get("/khong-co-trang-nay")
    after = scrape()
    home = {"endpoint": "site.home", "method": "GET", "status": "2xx"}
    assert value(after, REQUESTS, **home) == value(before, REQUESTS, **home) + 1
    unmatched = {"endpoint": "none", "method": "GET", "status": "4xx"}
    assert value(after, REQUESTS, **unmatched) >= value(before, REQUESTS, **unmatched) + 2
    endpoints = {dict(labels).get("endpoint") for name, labels in after if name == REQUESTS}
    assert not any("/" in endpoint for endpoint in endpoints)


def test_an_acknowledged_answer_is_counted_a_refused_one_is_not(
        scrape, logged_in, make_questions, make_round):
    make_questions(5)
    attempt = start(logged_in, make_round(questions=3))
    before = value(scrape(), "contest_answers_acknowledged_total")
    assert save(logged_in, attempt, 1, 0).status_code == 200
    assert save(logged_in, attempt, 99, 0).status_code == 400
    assert value(scrape(), "contest_answers_acknowledged_total") == before + 1


def test_attempts_in_progress_are_read_at_scrape_time(scrape, logged_in, make_questions,
                                                      make_round):
    make_questions(5)
    before = value(scrape(), "contest_attempts_in_progress")
    start(logged_in, make_round(questions=3))
    assert value(scrape(), "contest_attempts_in_progress") == before + 1


def test_cache_hits_and_misses_are_counted(app, scrape):
    cache.init_app(app, config={"CACHE_TYPE": "SimpleCache"})
    computed = []
    before = scrape()
    with app.test_request_context():
        for _ in range(3):
            cached_figures("metrics-test", lambda: computed.append(1) or 42)
    after = scrape()
    assert len(computed) == 1
    lookups = "contest_cache_lookups_total"
    assert value(after, lookups, result="miss") == value(before, lookups, result="miss") + 1
    assert value(after, lookups, result="hit") == value(before, lookups, result="hit") + 2


def test_the_pool_in_use_and_its_size_are_shown(scrape):
    figures = scrape()
    assert ("contest_db_pool_checked_out", frozenset({("database", "primary")})) in figures
    engine = create_engine("sqlite://")
    watch_pool(engine, "pool-check")
    in_use = {"database": "pool-check"}
    with engine.connect():
        assert value(scrape(), "contest_db_pool_checked_out", **in_use) == 1
    assert value(scrape(), "contest_db_pool_checked_out", **in_use) == 0
    engine.dispose()


def test_export_jobs_by_state_and_the_oldest_waiting():
    at = now()
    jobs = [ExportJob(status="queued", created_at=at - timedelta(seconds=50)),
            ExportJob(status="queued", created_at=at - timedelta(seconds=5)),
            ExportJob(status="queued", created_at=at - timedelta(hours=2)),  # no worker took it
            ExportJob(status="running", created_at=at - timedelta(hours=1),
                      heartbeat_at=at - timedelta(seconds=10)),
            ExportJob(status="running", created_at=at - timedelta(hours=1),
                      heartbeat_at=at - timedelta(minutes=40))]  # its worker died
    figures = {(sample.name, tuple(sample.labels.values())): sample.value
               for family in export_job_figures(jobs, at) for sample in family.samples}
    assert figures[("contest_export_jobs", ("queued",))] == 2
    assert figures[("contest_export_jobs", ("running",))] == 1
    assert figures[("contest_export_jobs", ("stale",))] == 2
    assert figures[("contest_export_jobs_oldest_queued_seconds", ())] == 50


def test_export_jobs_waiting_are_read_from_the_database(scrape, make_round, make_user):
    before = value(scrape(), "contest_export_jobs", state="queued")
    db.session.add(ExportJob(round_id=make_round().id, format="xlsx",
                             requested_by_id=make_user(role="organizer").id))
    db.session.commit()
    assert value(scrape(), "contest_export_jobs", state="queued") == before + 1


def test_the_rq_queues_are_measured(app, scrape):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        require_or_skip("the RQ queue figures need TEST_REDIS_URL")
    rq = pytest.importorskip("rq", reason="RQ is not installed: the app reports no RQ queue")
    app.config["REDIS_URL"] = url
    with Redis.from_url(url) as redis:
        queue = rq.Queue("metrics-check", connection=redis)
        queue.enqueue("contest.clock.now")
        queue.enqueue("contest.clock.now")
        try:
            assert value(scrape(), "contest_rq_queue_jobs", queue="metrics-check") == 2
        finally:
            queue.delete(delete_jobs=True)


# --- under gunicorn: the workers' figures add up -------------------------------------

HEALTHZ = {"endpoint": "health.healthz", "method": "GET", "status": "2xx"}
BURST, MAX_REQUESTS = 16, 400


def get(port: int, path: str, headers=None) -> tuple[int, str]:
    """One request on a connection of its own (the next may reach the other worker)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def workers_that_counted(directory: Path) -> set[str]:
    """The processes that wrote request timings (each worker its own file)."""
    return {path.stem.rpartition("_")[2] for path in directory.glob("histogram_*.db")}


def until(condition, seconds: float = 15) -> bool:
    give_up = time.time() + seconds
    while not condition():
        if time.time() > give_up:
            return False
        time.sleep(0.1)
    return True


def test_figures_add_up_across_gunicorn_workers(tmp_path):
    """On SQLite only: the figures' path is the same on either database, and the
    workers take seconds to start."""
    database_url = f"sqlite:///{tmp_path / 'served.db'}"
    own_app(SQLALCHEMY_DATABASE_URI=database_url)
    directory = tmp_path / "prometheus"
    port = free_port()
    server = serve("wsgi:app", port, 2, server_env(
        database_url, PROMETHEUS_MULTIPROC_DIR=str(directory), METRICS_TOKEN=TOKEN,
        GUNICORN_GRACEFUL_TIMEOUT="1"))
    try:
        # Each worker, once its app is built, keeps its pool's gauges in a file of its own.
        assert until(lambda: len(list(directory.glob("gauge_livesum_*.db"))) == 2)
        sent = 0
        with ThreadPoolExecutor(BURST) as pool:
            while len(workers_that_counted(directory)) < 2:
                assert sent < MAX_REQUESTS, "one worker took every request"
                statuses = list(pool.map(lambda _: get(port, "/healthz")[0], range(BURST)))
                assert statuses == [200] * BURST
                sent += BURST

        def counted() -> float:
            status, text = get(port, "/metrics", AUTH)
            assert status == 200
            return value(samples(text), REQUESTS, **HEALTHZ)
        assert [counted() for _ in range(6)] == [sent] * 6  # whichever worker answers

        victim = workers_of(server.pid)[0]
        assert (directory / f"gauge_livesum_{victim}.db").exists()  # its pool in use
        os.kill(victim, signal.SIGKILL)
        # gunicorn's child_exit hook takes a dead worker's live gauges out of the sums;
        # its counters stay counted.
        assert until(lambda: not (directory / f"gauge_livesum_{victim}.db").exists())
        assert get(port, "/healthz")[0] == 200
        assert counted() == sent + 1
    finally:
        stop([server])
