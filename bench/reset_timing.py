"""How long the forgotten-password request takes for an address an account has and
for one no account has: the gap would tell whether an account exists.

    .venv/bin/python -m bench reset_timing [--requests 400] [--database-url URL]

In process (Flask's test client), with production settings except that mail is
kept in memory (``locmem``, sent from the background as in production), the
rate limits and the CSRF check are off (the same for both). Known and unknown
requests alternate, in a random order per pair, so drift hits both alike.
"""
import argparse
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.harness import PASSWORD, PUBLIC_URL, SECRET_KEY, database_url

KNOWN, UNKNOWN = "nguoi-du-thi@example.vn", "khong-co-ai@example.vn"
WARM_UP = 20


def reset_app(url: str):
    from contest import create_app
    from contest.config import Config

    class ResetBenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = url
        SECRET_KEY, PUBLIC_URL = SECRET_KEY, PUBLIC_URL
        MAIL_BACKEND = "locmem"
        RATELIMIT_ENABLED = False
        WTF_CSRF_ENABLED = False

    return create_app(ResetBenchConfig)


def add_known_account() -> None:
    from contest.accounts.models import User
    from contest.extensions import db
    from contest.text import fold
    from contest.units.models import Unit

    db.drop_all()
    db.create_all()
    unit = Unit(code="U1", name="Sở Nội vụ", name_folded=fold("Sở Nội vụ"), kind="agency")
    db.session.add(unit)
    db.session.flush()
    user = User(full_name="Người dự thi", date_of_birth=date(1990, 1, 1), gender="nam",
                phone="0912000001", email=KNOWN, audience="cbccvc", unit_id=unit.id)
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()


def timed_answer(client, address: str) -> float:
    started = time.perf_counter()
    response = client.post("/quen-mat-khau", data={"email": address})
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return elapsed


def measure(client, requests: int) -> dict[str, list[float]]:
    times = {KNOWN: [], UNKNOWN: []}
    for _ in range(WARM_UP):
        timed_answer(client, KNOWN), timed_answer(client, UNKNOWN)
    for _ in range(requests):
        pair = [KNOWN, UNKNOWN]
        random.shuffle(pair)
        for address in pair:
            times[address].append(timed_answer(client, address))
    return times


def report(times: dict[str, list[float]]) -> None:
    medians = {address: statistics.median(values) * 1000 for address, values in times.items()}
    for label, address in (("known", KNOWN), ("unknown", UNKNOWN)):
        deciles = statistics.quantiles(times[address], n=10)
        print(f"{label:8} n={len(times[address])} median {medians[address]:.2f} ms, "
              f"p90 {deciles[-1] * 1000:.2f} ms")
    print(f"gap of the medians (known − unknown): {medians[KNOWN] - medians[UNKNOWN]:+.2f} ms")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench reset_timing")
    parser.add_argument("--requests", type=int, default=400, help="of each kind (≥ 200)")
    parser.add_argument("--database-url", default=None, help="default: a SQLite file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        app = reset_app(database_url(args.database_url, Path(workdir)))
        with app.app_context():
            add_known_account()
            report(measure(app.test_client(), max(args.requests, 200)))
