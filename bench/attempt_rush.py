"""Deadline-rush benchmark: the endpoints a contestant hits during an attempt,
against a bare Flask baseline served the same way in the same run.

    .venv/bin/python bench/attempt_rush.py [--users 64] [--seconds 15] [--workers 2]

Both apps run under gunicorn (gthread, same workers and threads) on 127.0.0.1;
the load comes from this process (threads, keep-alive connections, one logged-in
person per connection). Reported: requests/s and latency percentiles, and each
endpoint's throughput as a ratio of the baseline's. SQLite file database unless
BENCH_DATABASE_URL is set (e.g. a local PostgreSQL). Only loopback is touched,
every loop is bounded in time.
"""
import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-password-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(url: str, users: int) -> None:
    """Schema, the question bank, one open round and ``users`` contestants."""
    from datetime import date, timedelta

    from contest import create_app
    from contest.accounts.models import User
    from contest.bank.loader import load_records
    from contest.bank.records import read_topic_file, topic_files
    from contest.bank.validate import NO_MINIMUMS, check_directory
    from contest.clock import now
    from contest.config import Config
    from contest.contests.models import Contest, Round
    from contest.extensions import db
    from contest.units.services import upsert_unit
    from werkzeug.security import generate_password_hash

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = url
        SECRET_KEY = "bench"

    app = create_app(BenchConfig)
    with app.app_context():
        db.drop_all()
        db.create_all()
        records, _ = check_directory(ROOT / "question_bank", NO_MINIMUMS)
        titles = {f.topic: f.title for f in map(read_topic_file, topic_files(ROOT / "question_bank"))}
        load_records(records, titles)
        unit = upsert_unit("SNV", "Sở Nội vụ", "agency", 100)
        contest = Contest(slug="bench", name="Bench", organizer_name="BTC", rules="-")
        contest.rounds = [Round(number=1, name="Đợt 1", opens_at=now() - timedelta(hours=1),
                                closes_at=now() + timedelta(days=1), max_attempts=1000)]
        db.session.add(contest)
        db.session.flush()
        password_hash = generate_password_hash(PASSWORD)
        for i in range(users):
            db.session.add(User(full_name=f"Bench {i}", date_of_birth=date(1990, 1, 1), gender="nam",
                                phone=f"09{i:08d}", audience="cbccvc", unit_id=unit.id,
                                password_hash=password_hash))
        db.session.commit()


def serve(app_path: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--threads", "4", "--worker-class", "gthread", "--log-level", "warning", app_path],
        cwd=ROOT, env=env,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app_path} did not start")


class Session:
    """One keep-alive connection with its cookies, as one person's browser."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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


def login_and_start(port: int, index: int) -> tuple[Session, str, str]:
    session = Session(port)
    _, _, page = session.request("GET", "/dang-nhap")
    body = f"csrf_token={csrf_from(page)}&identifier=09{index:08d}&password={PASSWORD}"
    status, _, _ = session.request("POST", "/dang-nhap", body,
                                   {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 302, status
    _, _, home = session.request("GET", "/")
    round_id = re.search(rb'action="/dot-thi/(\d+)/bat-dau"', home).group(1).decode()
    status, location, _ = session.request(
        "POST", f"/dot-thi/{round_id}/bat-dau", f"csrf_token={csrf_from(home)}",
        {"Content-Type": "application/x-www-form-urlencoded"})
    public_id = location.rstrip("/").split("/")[-1]
    _, _, quiz = session.request("GET", f"/bai-thi/{public_id}")
    return session, public_id, csrf_from(quiz)


def run_load(make_request, sessions, seconds: float) -> dict:
    """Every session sends requests back to back until time is up."""
    latencies, errors = [], []
    stop = time.time() + seconds
    lock = threading.Lock()

    def worker(session, state):
        mine, failed = [], 0
        counter = 0
        while time.time() < stop:
            counter += 1
            started = time.perf_counter()
            try:
                status = make_request(session, state, counter)
            except (OSError, http.client.HTTPException) as error:
                print("request failed:", error, file=sys.stderr)
                status = 0
                session.connection.close()
            mine.append(time.perf_counter() - started)
            failed += status != 200
        with lock:
            latencies.extend(mine)
            errors.append(failed)

    for session, _ in sessions:
        session.connection.close()  # idle keep-alive connections may have been dropped
    threads = [threading.Thread(target=worker, args=s) for s in sessions]
    began = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - began
    latencies.sort()
    return {
        "requests": len(latencies), "errors": sum(errors), "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000,
    }


def save_answer(session, state, counter):
    public_id, csrf = state
    body = json.dumps({"position": 1 + counter % 20, "choice": counter % 4})
    status, _, _ = session.request("POST", f"/api/bai-thi/{public_id}/tra-loi", body,
                                   {"Content-Type": "application/json", "X-CSRFToken": csrf})
    return status


def quiz_page(session, state, _counter):
    status, _, _ = session.request("GET", f"/bai-thi/{state[0]}")
    return status


def baseline_save(session, _state, counter):
    body = json.dumps({"position": 1 + counter % 20, "choice": counter % 4})
    status, _, _ = session.request("POST", "/save", body, {"Content-Type": "application/json"})
    return status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.db'}"
    from contest.config import normalize_database_url
    url = normalize_database_url(url)
    prepare_database(url, args.users)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench", "PYTHONPATH": str(ROOT)}
    app_port, base_port = free_port(), free_port()
    processes = [serve("wsgi:app", app_port, args.workers, env),
                 serve("bench.baseline_app:app", base_port, args.workers, env)]
    try:
        people = [login_and_start(app_port, i) for i in range(args.users)]
        app_sessions = [(s, (pid, csrf)) for s, pid, csrf in people]
        base_sessions = [(Session(base_port), None) for _ in range(args.users)]
        results = {
            "baseline POST (bare Flask)": run_load(baseline_save, base_sessions, args.seconds),
            "POST /api/bai-thi/<id>/tra-loi (save an answer)": run_load(save_answer, app_sessions, args.seconds),
            "GET /bai-thi/<id> (quiz page, 20 questions)": run_load(quiz_page, app_sessions, args.seconds),
        }
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
    baseline = results["baseline POST (bare Flask)"]["rps"]
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite (WAL)"
    print(f"{args.users} concurrent people, {args.seconds:.0f} s each, gunicorn {args.workers} "
          f"workers × 4 threads, {database}")
    print("| endpoint | requests | errors | req/s | × baseline | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['requests']} | {r['errors']} | {r['rps']:.0f} | {r['rps'] / baseline:.2f} "
              f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} |")


if __name__ == "__main__":
    main()
