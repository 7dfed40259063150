"""What the app tells Prometheus, beside the instruments of ``contest.metrics``:
the hooks that time every request and count the acknowledged answers, and the
figures read from the database (and RQ) when Prometheus asks.

Requests are labelled by Flask endpoint (``quiz.save``), never by URL, so a
label holds a few dozen values however many attempts there are.
"""
from time import perf_counter

from flask import Flask, current_app, g, request
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import load_only

from contest.clock import now
from contest.extensions import db
from contest.metrics import ANSWERS_ACKNOWLEDGED, REQUEST_SECONDS, watch_pool
from contest.quiz.models import IN_PROGRESS, Attempt
from contest.replica import replica_engine
from contest.reports.models import ExportJob

# The answer save: a 200 from it is sent only after its unit of work committed
# (``UnitOfWorkApp.dispatch_request`` commits before the after-request hooks run).
ACKNOWLEDGING_ENDPOINTS = frozenset({"quiz.save"})
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "none"  # a URL no route matches (404, 405)
_STARTED = "_metrics_started"


def install(app: Flask) -> None:
    """Time every request from the first before-request hook to the last
    after-request one, and watch the database pools."""
    app.before_request_funcs.setdefault(None, []).insert(0, _start_clock)
    app.after_request_funcs.setdefault(None, []).insert(0, _observe)  # run last
    with app.app_context():
        watch_pool(db.engine, "primary")
        if replica_engine() is not None:
            watch_pool(replica_engine(), "replica")


def _start_clock() -> None:
    setattr(g, _STARTED, perf_counter())


def _observe(response):
    started = g.pop(_STARTED, None)
    if started is None:
        return response
    endpoint = request.endpoint or UNMATCHED
    method = request.method if request.method in METHODS else "other"
    REQUEST_SECONDS.labels(endpoint, method, f"{response.status_code // 100}xx").observe(
        perf_counter() - started)
    if response.status_code == 200 and endpoint in ACKNOWLEDGING_ENDPOINTS:
        ANSWERS_ACKNOWLEDGED.inc()
    return response


class DatabaseFigures:
    """Read at each scrape (cheap, indexed counts), in a savepoint of the
    scrape's unit of work: attempts being answered and the export jobs waiting or running. A
    database that does not answer leaves them out of that scrape (their absence
    is the alert), with a warning logged."""

    def collect(self):
        try:
            with db.session.begin_nested():  # a failure undoes only this read
                in_progress = db.session.execute(_ATTEMPTS_IN_PROGRESS,
                                                 {"at": now()}).scalar_one()
                jobs = db.session.scalars(_OPEN_EXPORT_JOBS).all()
        except SQLAlchemyError as error:
            current_app.logger.warning("metrics: database figures unread (%s)", type(error).__name__)
            return
        yield GaugeMetricFamily("contest_attempts_in_progress",
                                "Attempts started whose time has not run out.", value=in_progress)
        yield from export_job_figures(jobs, now())


_ATTEMPTS_IN_PROGRESS = (select(func.count()).select_from(Attempt)
                         .where(Attempt.status == IN_PROGRESS,
                                Attempt.deadline_at > bindparam("at")))
_OPEN_EXPORT_JOBS = (select(ExportJob).where(ExportJob.status.in_(("queued", "running")))
                     .options(load_only(ExportJob.status, ExportJob.created_at,
                                        ExportJob.heartbeat_at)))


def export_job_figures(jobs, at):
    """Export jobs by state ("queued", "running", and "stale": either, its worker
    gone by the model's own rule, ``ExportJob.stale``) and the age of the oldest
    one queued."""
    states = {"queued": 0, "running": 0, "stale": 0}
    oldest_queued = 0.0
    for job in jobs:
        state = "stale" if job.stale else job.status
        states[state] += 1
        if state == "queued":
            oldest_queued = max(oldest_queued, (at - job.created_at).total_seconds())
    family = GaugeMetricFamily("contest_export_jobs", "Export jobs not finished, by state.",
                               labels=["state"])
    for state, count in states.items():
        family.add_metric([state], count)
    yield family
    yield GaugeMetricFamily("contest_export_jobs_oldest_queued_seconds",
                            "Age of the oldest export job waiting to start (0: none).",
                            value=oldest_queued)


class QueueFigures:
    """With RQ installed and ``REDIS_URL`` set: the jobs waiting in each RQ queue."""

    def collect(self):
        config = current_app.config
        url = config.get("REDIS_URL") or config.get("CACHE_REDIS_URL")
        try:
            from redis import Redis
            from redis.exceptions import RedisError
            from rq import Queue
        except ImportError:
            return
        if not url:
            return
        try:
            with Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1) as redis:
                queues = [(queue.name, queue.count) for queue in Queue.all(connection=redis)]
        except RedisError as error:
            current_app.logger.warning("metrics: RQ queues unread (%s)", type(error).__name__)
            return
        family = GaugeMetricFamily("contest_rq_queue_jobs", "Jobs waiting in each RQ queue.",
                                   labels=["queue"])
        for name, count in queues:
            family.add_metric([name], count)
        yield family


SCRAPE_TIME_COLLECTORS = (DatabaseFigures(), QueueFigures())
