"""Gunicorn settings: `gunicorn -c gunicorn.conf.py wsgi:app`. Each one can be
changed from the environment; the defaults are for a 2-core machine.

bind              GUNICORN_BIND, as gunicorn writes it (HOST:PORT or unix:PATH);
                  without it 127.0.0.1:$PORT (PORT default 5000), for a reverse proxy
                  on the same machine.
workers           GUNICORN_WORKERS, else WEB_CONCURRENCY, else 2: processes.
threads           GUNICORN_THREADS, default 4: requests each process serves at once.
worker_class      GUNICORN_WORKER_CLASS, default gthread (threads share a process's
                  connection pool and caches).
timeout           GUNICORN_TIMEOUT, default 30 s: a worker silent that long is
                  killed and replaced (with gthread a slow request alone does not
                  count: the worker's main loop keeps reporting).
graceful_timeout  GUNICORN_GRACEFUL_TIMEOUT, default 30 s: on restart or stop, how
                  long a worker may finish the requests it holds (a quiz being
                  submitted) before it is killed.
keepalive         GUNICORN_KEEPALIVE, default 5 s: how long an idle connection is
                  kept open for the next request.
accesslog         "-": one line per request on stdout.
errorlog          "-": gunicorn's own messages and the app's errors on stderr.
metrics           PROMETHEUS_MULTIPROC_DIR: where the workers write the figures /metrics
                  adds up (emptied at start); without it a new temporary directory.

Gunicorn answers with a `Server: gunicorn` header and has no setting to change it
(benoitc/gunicorn#825): the name comes from `gunicorn.http.wsgi.SERVER`, which this
file blanks (below), so the header is sent empty and names no software. A reverse
proxy in front sends its own (nginx: `server_tokens off`, docs/deploy.md).
"""
import os
import shutil
import tempfile
from pathlib import Path

import gunicorn.http.wsgi

# Workers, threads and worker class: chosen by the measurement in
# docs/benchmarks.md, section Serving.
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4
DEFAULT_WORKER_CLASS = "gthread"


def _int_from_env(*names: str, default: int) -> int:
    """The first of ``names`` set in the environment, as a number; else ``default``."""
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            return int(value)
    return default


bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT') or 5000}"
workers = _int_from_env("GUNICORN_WORKERS", "WEB_CONCURRENCY", default=DEFAULT_WORKERS)
threads = _int_from_env("GUNICORN_THREADS", default=DEFAULT_THREADS)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or DEFAULT_WORKER_CLASS
timeout = _int_from_env("GUNICORN_TIMEOUT", default=30)
graceful_timeout = _int_from_env("GUNICORN_GRACEFUL_TIMEOUT", default=30)
keepalive = _int_from_env("GUNICORN_KEEPALIVE", default=5)
accesslog = "-"
errorlog = "-"
# No control socket (gunicorn 27's `gunicornc`): this project does not use it, and two
# servers of one user on one machine (the app and the benchmark's baseline) would
# share its default path.
control_socket_disable = True
# Read by every response gunicorn makes (HTTP/1 and HTTP/2) for its Server
# header; this file runs in the master before the workers are forked.
gunicorn.http.wsgi.SERVER = ""


def on_starting(server):
    """Without SECRET_KEY or PUBLIC_URL the master stops before forking any worker,
    with one line saying what to set (each worker would otherwise fail on its own)."""
    _prepare_metrics_directory()  # before anything imports prometheus_client
    from contest.config import Config
    from contest.security import exit_for_missing_setting, missing_setting

    missing = missing_setting({"SECRET_KEY": Config.SECRET_KEY, "PUBLIC_URL": Config.PUBLIC_URL})
    if missing:
        exit_for_missing_setting(missing)


# The master that made a temporary metrics directory (a re-executed master inherits
# the directory, not its ownership).
METRICS_DIR_OWNER = "CONTEST_METRICS_DIR_OWNER"


def _prepare_metrics_directory() -> None:
    """The workers write their metrics into one directory, from which a scrape of
    any of them adds up all (prometheus_client's multiprocess mode, contest/metrics.py):
    PROMETHEUS_MULTIPROC_DIR, emptied of an earlier run's files, or else a new
    temporary one, removed on exit. Set before the workers are forked, so they inherit it."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="contest-metrics-")
        os.environ[METRICS_DIR_OWNER] = str(os.getpid())
        return
    Path(directory).mkdir(parents=True, exist_ok=True)
    for left_over in Path(directory).glob("*.db"):
        left_over.unlink()


def child_exit(server, worker):
    """A worker gone (stopped, or killed and replaced): its live gauges (pool use)
    leave the sums; its counters stay counted."""
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    """The temporary metrics directory this master made goes with it (not while a
    new master it started with USR2 still uses it)."""
    if os.environ.get(METRICS_DIR_OWNER) == str(os.getpid()) and not server.reexec_pid:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
