"""What every benchmark here shares: the app on a bench database, gunicorn
servers on loopback, keep-alive sessions with cookies, the login flow, and
the load loops with their percentile maths.

Only 127.0.0.1 is touched; every loop is bounded in time or in count.
"""
import http.client
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
PASSWORD = "bench-password-1"
SECRET_KEY = "bench"
PUBLIC_URL = "https://thi-cchc.example.gov.vn"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


# --- the app on a bench database ---------------------------------------------

def database_url(url: str | None, workdir: Path) -> str:
    """The SQLAlchemy URL: the one given, else a SQLite file in ``workdir``."""
    from contest.config import normalize_database_url
    return normalize_database_url(url or f"sqlite:///{workdir / 'bench.db'}")


def bench_app(url: str):
    """``contest.create_app`` on ``url`` (a config subclass, as production's)."""
    from contest import create_app
    from contest.config import Config

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = url
        SECRET_KEY = SECRET_KEY
        PUBLIC_URL = PUBLIC_URL

    return create_app(BenchConfig)


def fresh_schema_with_bank() -> None:
    """Drop and create every table, then load the shipped question bank
    (inside an app context)."""
    from contest.bank.formats.records import read_topic_file, topic_files
    from contest.bank.rules.validate import NO_MINIMUMS, check_directory
    from contest.bank.services.loader import load_records
    from contest.extensions import db
    from contest.transactions import unit_of_work

    db.drop_all()
    db.create_all()
    records, _ = check_directory(ROOT / "question_bank", NO_MINIMUMS, whole_bank_rules=False)
    titles = {f.topic: f.title for f in map(read_topic_file, topic_files(ROOT / "question_bank"))}
    with unit_of_work():
        load_records(records, titles)


def server_env(url: str, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET_KEY,
            "PUBLIC_URL": PUBLIC_URL, "PYTHONPATH": str(ROOT), **extra}


# --- servers -------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app_path: str, port: int, workers: int | None, env: dict) -> subprocess.Popen:
    """``app_path`` under the repository's own gunicorn settings (``gunicorn.conf.py``:
    worker class, threads, timeouts from the environment, as in production) on
    127.0.0.1, with ``workers`` processes when given. The access log is written, as in
    production, but to /dev/null."""
    command = [str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"),
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app_path]
    if workers:
        command[3:3] = ["--workers", str(workers)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app_path} did not start")


def serving_settings(workers: int | None) -> str:
    """The gunicorn settings a run uses, as gunicorn.conf.py reads them here."""
    import runpy
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return (f"gunicorn.conf.py: {conf['worker_class']}, {workers or conf['workers']} workers × "
            f"{conf['threads']} threads")


def stop(processes) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- one person's browser --------------------------------------------------------

class Session:
    """One keep-alive connection with its cookies, as one person's browser."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, response.getheader("Location"), data


def csrf_from(html: bytes) -> str:
    return re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1).decode()


def login(port: int, identifier: str, password: str = PASSWORD) -> Session:
    """A session logged in through the login form (GET, CSRF token, POST)."""
    session = Session(port)
    _, _, page = session.request("GET", "/dang-nhap")
    body = f"csrf_token={csrf_from(page)}&identifier={identifier}&password={password}"
    status, _, _ = session.request("POST", "/dang-nhap", body, FORM)
    if status != 302:
        raise RuntimeError(f"login of {identifier} answered {status}")
    return session


# --- load and percentiles ----------------------------------------------------------

def percentile(ordered: list[float], share: float) -> float:
    """Nearest rank on a sorted list (the last value for share 1)."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def summarize(latencies: list[float], errors: int, elapsed: float) -> dict:
    """Requests, errors, requests/s and p50/p95/p99 in milliseconds."""
    ordered = sorted(latencies)
    if not ordered:
        return {"requests": 0, "errors": errors, "rps": 0.0,
                "p50_ms": float("nan"), "p95_ms": float("nan"), "p99_ms": float("nan")}
    return {
        "requests": len(ordered), "errors": errors, "rps": len(ordered) / elapsed,
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": percentile(ordered, 0.95) * 1000,
        "p99_ms": percentile(ordered, 0.99) * 1000,
    }


def _timed(make_request, session, state, counter, ok) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        status = make_request(session, state, counter)
    except (OSError, http.client.HTTPException) as error:
        print("request failed:", error, file=sys.stderr)
        status = 0
        session.connection.close()
    return time.perf_counter() - started, status in ok


def _run_threads(workers) -> float:
    threads = [threading.Thread(target=worker) for worker in workers]
    began = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.time() - began


def run_load(make_request, sessions, seconds: float, ok=(200,)) -> dict:
    """Every (session, state) sends requests back to back until time is up."""
    latencies, errors = [], []
    stop_at = time.time() + seconds
    lock = threading.Lock()

    def worker(session, state):
        mine, failed, counter = [], 0, 0
        while time.time() < stop_at:
            counter += 1
            took, good = _timed(make_request, session, state, counter, ok)
            mine.append(took)
            failed += not good
        with lock:
            latencies.extend(mine)
            errors.append(failed)

    for session, _ in sessions:
        session.connection.close()  # idle keep-alive connections may have been dropped
    elapsed = _run_threads([lambda s=s: worker(*s) for s in sessions])
    return summarize(latencies, sum(errors), elapsed)


def run_each(make_request, jobs, concurrency: int, ok=(200,)) -> dict:
    """Each (session, state) of ``jobs`` sends one request; ``concurrency``
    threads take them from a queue, so at most that many are in flight."""
    pending: queue.Queue = queue.Queue()
    for job in jobs:
        pending.put(job)
    latencies, errors = [], []
    lock = threading.Lock()

    def worker():
        while True:
            try:
                session, state = pending.get_nowait()
            except queue.Empty:
                return
            took, good = _timed(make_request, session, state, 0, ok)
            with lock:
                latencies.append(took)
                errors.append(not good)

    elapsed = _run_threads([worker for _ in range(concurrency)])
    return summarize(latencies, sum(errors), elapsed)
