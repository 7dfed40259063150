"""Background tasks (full exports, e-mail): off the request, after it commits.

With ``JOBS_BACKEND = "rq"`` (the default when ``REDIS_URL`` is set) a task is
put on the Redis queue ``contest`` with RQ, and a worker process (``flask --app
wsgi jobs worker``, under systemd: docs/deploy.md) runs it, so a web worker
never builds a file or talks to an SMTP server, and a task that fails is tried
again (``RETRY_INTERVALS``). Without Redis (the ``scripts/run`` demo) the task
runs on a daemon thread of the web process, as before; ``"inline"`` runs it in
the request (after its commit).

A task is named by its dotted path (``contest.mailer.deliver``) and runs in an
app context and a unit of work of its own. RQ stores only that name and the
arguments (ids and strings), never an object of the request.
"""
import logging
import threading
from importlib import import_module

import click
from flask import Flask, current_app
from redis import Redis, RedisError
from rq import Queue, Retry, SimpleWorker, Worker, get_current_job

from contest.extensions import db
from contest.transactions import after_commit, unit_of_work

log = logging.getLogger(__name__)
QUEUE_NAME = "contest"
RETRIES = 3
RETRY_INTERVALS = [10, 30, 60]  # seconds; JOBS_RETRY_INTERVALS overrides (the tests: [0])
TIMEOUT = 3600  # seconds; a full export of 200,000 rows takes well under a minute


def enqueue(task, *args, retries: int = RETRIES, description: str | None = None,
            inline: bool = False) -> None:
    """Run ``task(*args)`` off the request once its unit of work has committed
    (never for a change that was undone). ``task``: a module-level function or
    its dotted name; ``description`` names the thread or the RQ job; ``inline``
    (a test setting) runs it right after the commit, whatever the backend."""
    app = current_app._get_current_object()
    name = task if isinstance(task, str) else f"{task.__module__}.{task.__qualname__}"
    backend = "inline" if inline else app.config["JOBS_BACKEND"]
    after_commit(lambda: _dispatch(app, backend, name, args, retries, description))


def _dispatch(app: Flask, backend: str, name: str, args: tuple, retries: int,
              description: str | None) -> None:
    if backend == "rq":
        retry = Retry(max=retries, interval=_intervals(app)) if retries else None
        try:
            queue(app).enqueue(perform, name, *args, retry=retry, description=description or name,
                               job_timeout=app.config.get("JOBS_TIMEOUT", TIMEOUT))
        except RedisError:  # committed already: the page answers; an export shows as lost later
            log.exception("background task %s could not be queued", name)
    elif backend == "inline":
        _run_logged(app, name, args)
    else:
        threading.Thread(target=_run_logged, args=(app, name, args), name=description or name,
                         daemon=True).start()


def queue(app: Flask) -> Queue:
    """The app's RQ queue, on ``REDIS_URL`` (one connection pool per app)."""
    connection = app.extensions.get("jobs_redis")
    if connection is None:
        connection = app.extensions["jobs_redis"] = Redis.from_url(app.config["REDIS_URL"])
    return Queue(QUEUE_NAME, connection=connection)


def perform(name: str, *args) -> None:
    """What the RQ worker runs: the task in a fresh app context of the worker's
    app. A failure is logged, then raised so that RQ retries it."""
    app = current_app._get_current_object()
    with app.app_context():
        try:
            with unit_of_work():
                _task(name)(*args)
        except Exception:
            log.exception("background task %s failed", name)
            raise
        finally:
            db.session.remove()


def on_queue() -> bool:
    """True inside a task the RQ worker runs."""
    return get_current_job() is not None


def will_retry() -> bool:
    """True inside an RQ job that RQ will run again if it raises."""
    job = get_current_job()
    return job is not None and bool(job.retries_left)


def worker(app: Flask, worker_class: type[Worker] | None = None) -> Worker:
    """A worker on the app's queue; run it inside an app context of ``app``."""
    return (worker_class or AppWorker)([QUEUE_NAME], connection=queue(app).connection)


class AppWorker(Worker):
    """RQ's worker, which runs each job in a child process (memory returned
    after a large export, a stuck job killed): the child starts with no pooled
    database connection of its parent's (SQLAlchemy's rule after a fork)."""

    def main_work_horse(self, job, queue):
        for engine in db.engines.values():
            engine.dispose(close=False)
        super().main_work_horse(job, queue)


def _intervals(app: Flask) -> list[int]:
    return list(app.config.get("JOBS_RETRY_INTERVALS", RETRY_INTERVALS))


def _task(name: str):
    module, _, function = name.rpartition(".")
    return getattr(import_module(module), function)


def _run_logged(app: Flask, name: str, args: tuple) -> None:
    """In-process: as ``perform``, but a failure ends here (logged, never shown)."""
    with app.app_context():
        try:
            perform(name, *args)
        except Exception:  # already logged by perform
            pass


@click.group("jobs")
def jobs_cli():
    """The background task queue (RQ on REDIS_URL)."""


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@click.option("--no-fork", is_flag=True, help="Run each task in this process (SimpleWorker).")
def worker_command(burst: bool, no_fork: bool):
    """Run the tasks of the queue (under systemd: deploy/contest-worker.service)."""
    app = current_app._get_current_object()
    if not app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL chưa được đặt: không có hàng đợi nào để chạy.")
    worker(app, SimpleWorker if no_fork else None).work(burst=burst, with_scheduler=True)


@jobs_cli.command("info")
def info_command():
    """How many tasks wait, run, wait for a retry or failed; the workers."""
    waiting = queue(current_app._get_current_object())
    click.echo(f"queue {QUEUE_NAME}: {waiting.count} waiting, "
               f"{waiting.started_job_registry.count} running, "
               f"{waiting.scheduled_job_registry.count} to retry, "
               f"{waiting.failed_job_registry.count} failed")
    for each in Worker.all(queue=waiting):
        click.echo(f"worker {each.name}: {each.get_state()}")
