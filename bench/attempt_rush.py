"""Deadline-rush benchmark: the endpoints a contestant hits during an attempt,
against a bare Flask baseline served the same way in the same run.

    .venv/bin/python bench/attempt_rush.py [--users 64] [--seconds 15] [--workers 2]
    .venv/bin/python -m bench rush [same options]

Both apps run under the repository's gunicorn.conf.py (same settings) on 127.0.0.1;
the load comes from this process (threads, keep-alive connections, one logged-in
person per connection). Reported: requests/s and latency percentiles, and each
endpoint's throughput as a ratio of the baseline's. SQLite file database unless
BENCH_DATABASE_URL is set (e.g. a local PostgreSQL). Only loopback is touched,
every loop is bounded in time.
"""
import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/attempt_rush.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    FORM, PASSWORD, Session, bench_app, csrf_from, database_url, free_port, fresh_schema_with_bank,
    login, run_load, serve, server_env, serving_settings, stop,
)


def prepare_database(url: str, users: int) -> None:
    """Schema, the question bank, one open round and ``users`` contestants."""
    from datetime import date, timedelta

    from contest.accounts.models import User
    from contest.accounts.rules.hashing import hash_password
    from contest.clock import now
    from contest.contests.models import Contest, Round
    from contest.extensions import db
    from contest.units.services import upsert_unit

    app = bench_app(url)
    with app.app_context():
        fresh_schema_with_bank()
        unit = upsert_unit("SNV", "Sở Nội vụ", "agency", 100)
        contest = Contest(slug="bench", name="Bench", organizer_name="BTC", rules="-")
        contest.rounds = [Round(number=1, name="Đợt 1", opens_at=now() - timedelta(hours=1),
                                closes_at=now() + timedelta(days=1), max_attempts=1000,
                                scheduled_at=now() - timedelta(days=1))]
        db.session.add(contest)
        db.session.flush()
        password_hash = hash_password(PASSWORD)
        for i in range(users):
            db.session.add(User(full_name=f"Bench {i}", date_of_birth=date(1990, 1, 1), gender="nam",
                                phone=f"09{i:08d}", audience="cbccvc", unit_id=unit.id,
                                password_hash=password_hash))
        db.session.commit()


def login_and_start(port: int, index: int) -> tuple[Session, str, str]:
    session = login(port, f"09{index:08d}")
    _, _, home = session.request("GET", "/")
    round_id = re.search(rb'action="/dot-thi/(\d+)/bat-dau"', home).group(1).decode()
    status, location, _ = session.request(
        "POST", f"/dot-thi/{round_id}/bat-dau", f"csrf_token={csrf_from(home)}", FORM)
    public_id = location.rstrip("/").split("/")[-1]
    _, _, quiz = session.request("GET", f"/bai-thi/{public_id}")
    return session, public_id, csrf_from(quiz)


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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench rush")
    parser.add_argument("--users", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int,
                        help="gunicorn workers (default: gunicorn.conf.py's, from the environment)")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    url = database_url(os.environ.get("BENCH_DATABASE_URL"), workdir)
    prepare_database(url, args.users)
    env = server_env(url)
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
        stop(processes)
    baseline = results["baseline POST (bare Flask)"]["rps"]
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite (WAL)"
    print(f"{args.users} concurrent people, {args.seconds:.0f} s each, "
          f"{serving_settings(args.workers)}, {database}")
    print("| endpoint | requests | errors | req/s | × baseline | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['requests']} | {r['errors']} | {r['rps']:.0f} | {r['rps'] / baseline:.2f} "
              f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} |")


if __name__ == "__main__":
    main()
