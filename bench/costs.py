"""What each request of a whole attempt costs in process (Flask's test client, no
HTTP server), the median over many people: where a rush's CPU goes, request by
request.

    .venv/bin/python -m bench costs [--people N] [--database-url URL]

Each person logs in once and takes two whole attempts (home, start, quiz page, 20
saves, submit, result). Per attempt, the login counts once per two attempts.
Then the round settles (the clock moves past its close and the answer grace) and
each person reads a result page with its review and the practice page once.
"""
import argparse
import json
import re
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from bench.attempt_rush import prepare_database
from bench.contestant import OPTION, START_ACTION
from bench.harness import PASSWORD, bench_app, database_url

TOKEN = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')
ATTEMPTS_PER_LOGIN = 2


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench costs", description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary directory")
    return parser.parse_args(argv)


class Timer:
    def __init__(self):
        self.ms = defaultdict(list)

    def __call__(self, name: str, request):
        started = time.perf_counter()
        response = request()
        self.ms[name].append((time.perf_counter() - started) * 1000)
        return response


def _token(page: bytes) -> str:
    return TOKEN.search(page).group(1).decode()


def one_person(client, phone: str, timer: Timer) -> str:
    page = timer("login page", lambda: client.get("/dang-nhap")).data
    timer("login", lambda: client.post("/dang-nhap", data={
        "csrf_token": _token(page), "identifier": phone, "password": PASSWORD}))
    for _ in range(ATTEMPTS_PER_LOGIN):
        home = timer("home", lambda: client.get("/")).data
        start = START_ACTION.search(home).group(1).decode()
        started = timer("start", lambda: client.post(f"/dot-thi/{start}/bat-dau",
                                                     data={"csrf_token": _token(home)}))
        public_id = started.headers["location"].rstrip("/").split("/")[-1]
        quiz = timer("quiz page", lambda: client.get(f"/bai-thi/{public_id}")).data
        token, positions = _token(quiz), sorted({int(p) for p, _ in OPTION.findall(quiz)})
        for position in positions:
            timer("save", lambda: client.post(
                f"/api/bai-thi/{public_id}/tra-loi", content_type="application/json",
                data=json.dumps({"position": position, "choice": 0}), headers={"X-CSRFToken": token}))
        timer("submit", lambda: client.post(f"/bai-thi/{public_id}/nop",
                                            data={"csrf_token": token, "prediction": 7}))
        timer("result", lambda: client.get(f"/bai-thi/{public_id}/ket-qua"))
    return public_id


def after_the_close(app, people: list[tuple], timer: Timer) -> None:
    """Each person's last result page (answers and explanations shown), a
    practice set and their participation certificate (drawn twice: created,
    then drawn again from the stored record), once the round has settled."""
    from contest import clock
    from contest.contests.models import Round
    from contest.extensions import db

    with app.app_context():
        round_id, closes_at = db.session.query(Round.id, Round.closes_at).order_by(Round.id).first()
    grace = app.config["ANSWER_GRACE_SECONDS"]
    clock.freeze(closes_at + timedelta(seconds=grace + 1))
    try:
        for client, public_id in people:
            for read in ("first", "again"):
                timer(f"result, review shown ({read})",
                      lambda: client.get(f"/bai-thi/{public_id}/ket-qua"))
            timer("practice", lambda: client.get("/luyen-tap"))
            for read in ("first", "again"):
                timer(f"participation certificate ({read})", lambda: client.get(
                    f"/chung-nhan/dot-thi/{round_id}/tham-gia.pdf"))
    finally:
        clock.freeze(None)


def main(argv=None) -> None:
    args = parse(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cchc-costs-"))
    try:
        url = database_url(args.database_url, workdir)
        prepare_database(url, args.people)
        app = bench_app(url)
        app.config["RATELIMIT_ENABLED"] = False
        timer = Timer()
        people = []
        for index in range(args.people):
            client = app.test_client()
            people.append((client, one_person(client, f"09{index:08d}", timer)))
        after_the_close(app, people, timer)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    per_attempt = {"save": 20, "login page": 1 / ATTEMPTS_PER_LOGIN, "login": 1 / ATTEMPTS_PER_LOGIN,
                   "result, review shown (first)": 0, "result, review shown (again)": 0,
                   "practice": 0, "participation certificate (first)": 0,
                   "participation certificate (again)": 0}
    total = 0.0
    print(f"{url.split('://')[0]}, {args.people} people × {ATTEMPTS_PER_LOGIN} attempts")
    print("| request | median ms | p90 ms | per attempt ms |\n|---|---|---|---|")
    for name, values in timer.ms.items():
        ordered, share = sorted(values), per_attempt.get(name, 1)
        median = statistics.median(ordered)
        total += median * share
        print(f"| {name} | {median:.2f} | {ordered[int(len(ordered) * 0.9)]:.2f} | {median * share:.1f} |")
    print(f"A whole attempt, in process: {total:.1f} ms")
