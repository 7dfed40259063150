"""The figures an operator's Prometheus reads at ``/metrics`` (prometheus_client):
every instrument the app updates as it works, declared here once.

What is computed when Prometheus asks (attempts in progress, export jobs, the
RQ queues) is in ``contest.monitoring.metrics``; the endpoint, closed to the
public, is ``contest.monitoring.exporter``; the alerts are in docs/deploy.md,
"Metrics and alerts".

Under gunicorn the workers are separate processes: ``gunicorn.conf.py`` gives
them one ``PROMETHEUS_MULTIPROC_DIR``, where each writes its values and from
which any worker's scrape adds them all up (prometheus_client's multiprocess
mode, chosen when prometheus_client is first imported). Without it (``scripts/run``,
the tests) the values live in the process.
"""
from prometheus_client import Counter, Gauge, Histogram, disable_created_metrics
from sqlalchemy import event
from sqlalchemy.engine import Engine

disable_created_metrics()  # no "<name>_created" series beside each (as in multiprocess mode)

# Seconds; the goals (docs/benchmarks.md) are 250 ms at p99 for an answer save and
# 300 ms for starting an attempt and for the quiz page, so both are bucket bounds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75,
                   1.0, 2.5, 5.0, 10.0)

REQUEST_SECONDS = Histogram(
    "contest_http_request_duration_seconds",
    "Time the app took to answer a request, by Flask endpoint, method and status class.",
    ["endpoint", "method", "status"], buckets=LATENCY_BUCKETS)
ANSWERS_ACKNOWLEDGED = Counter(
    "contest_answers_acknowledged",
    "Answer saves (an answer or the prediction) committed and acknowledged with 200.")
CACHE_LOOKUPS = Counter(
    "contest_cache_lookups",
    "Lookups of the result pages' cached figures (contest.caching.cached_figures).",
    ["result"])
# Each worker writes its own pool's figures; a scrape sums the live workers'.
POOL_CHECKED_OUT = Gauge(
    "contest_db_pool_checked_out", "Database connections in use (taken from the pool).",
    ["database"], multiprocess_mode="livesum")
POOL_SIZE = Gauge(
    "contest_db_pool_size", "Connections each pool keeps open (before its overflow), summed.",
    ["database"], multiprocess_mode="livesum")

_CACHE_HIT = CACHE_LOOKUPS.labels(result="hit")
_CACHE_MISS = CACHE_LOOKUPS.labels(result="miss")


def count_cache_lookup(hit: bool) -> None:
    (_CACHE_HIT if hit else _CACHE_MISS).inc()


def watch_pool(engine: Engine, database: str) -> None:
    """Keep ``POOL_CHECKED_OUT`` and ``POOL_SIZE`` for ``engine`` ("primary" or
    "replica"); called once for each engine an app creates."""
    size = getattr(engine.pool, "size", None)  # QueuePool; SQLite's in-memory pools have none
    if callable(size):
        POOL_SIZE.labels(database=database).set(size())
    in_use = POOL_CHECKED_OUT.labels(database=database)
    event.listen(engine, "checkout", lambda *_: in_use.inc())
    event.listen(engine, "checkin", lambda *_: in_use.dec())
    # A detached connection is never checked in again.
    event.listen(engine, "detach", lambda *_: in_use.dec())
