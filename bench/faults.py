"""Faults during a rush, scripted and repeatable: a gunicorn worker killed with
SIGKILL, PostgreSQL restarted (on a PostgreSQL run), every client cut off the
network for a few seconds (they send their answers again, as the quiz page does).

    .venv/bin/python -m bench faults [--database-url URL] [--contestants N] [--seconds S]

Afterwards: every acknowledged answer is in the database (``lost_answers``), no
answer was saved after its attempt's deadline plus grace (``late_answers``), and
the seconds from each fault until the home page answered 200 again are printed.
"""
import argparse
import asyncio
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from bench import load
from bench.aioclient import ConnectionLost, Person
from bench.harness import bench_app, database_url, free_port, serve, server_env, stop

RECOVERY_LIMIT_S = 10
CUT_OFF_SECONDS = 5


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench faults", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary directory")
    load.add_crowd_arguments(parser, contestants=200, seconds=45, arrival=10)
    return parser.parse_args(argv)


def workers_of(master: int) -> list[int]:
    """The processes whose parent is ``master`` (gunicorn's workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                found.append(int(entry.name))
    return found


def kill_a_worker(master: int) -> str:
    victim = workers_of(master)[0]
    os.kill(victim, signal.SIGKILL)
    return f"SIGKILL to worker {victim}"


def restart_postgresql() -> str:
    version = sorted(os.listdir("/etc/postgresql"), key=float)[-1]
    subprocess.run(["pg_ctlcluster", version, "main", "restart"], check=True)
    return f"pg_ctlcluster {version} main restart"


def cut_clients_off() -> str:
    Person.offline_until = time.time() + CUT_OFF_SECONDS
    return f"every client offline for {CUT_OFF_SECONDS} s"


async def until_answering(port: int, since: float) -> float:
    """Seconds from ``since`` until the home page (which reads the database) answers
    200 again, probed every 0.1 s."""
    probe = Person(port, timeout=2, always_online=True)
    while time.time() - since < 60:
        try:
            status, _, _ = await probe.request("GET", "/")
            if status == 200:
                probe.close()
                return time.time() - since
        except ConnectionLost:
            pass
        await asyncio.sleep(0.1)
    return float("inf")


async def inject(faults: list, port: int, seconds: float, record: list) -> None:
    """Each fault at an even share of the run, then the time until the app is ready."""
    step = seconds / (len(faults) + 1)
    began = time.time()
    for number, (name, action) in enumerate(faults, start=1):
        await asyncio.sleep(max(0.0, began + number * step - time.time()))
        at = time.time()
        said = await asyncio.to_thread(action)
        record.append({"fault": name, "at_s": round(at - began, 1), "how": said,
                       "answers_after_s": round(await until_answering(port, at), 2)})


def late_answers(url: str) -> int:
    """Answers saved after their attempt's deadline plus grace."""
    from sqlalchemy import select

    from contest.extensions import db
    from contest.quiz.models import Attempt, AttemptItem
    from contest.quiz.services.saving import grace

    app = bench_app(url)
    with app.app_context():
        rows = db.session.execute(
            select(AttemptItem.saved_at, Attempt.deadline_at)
            .join(Attempt, Attempt.id == AttemptItem.attempt_id)
            .where(AttemptItem.saved_at.is_not(None))).all()
        return sum(1 for saved_at, deadline in rows if saved_at > deadline + grace())


def main(argv=None) -> None:
    args = parse(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cchc-faults-"))
    url = database_url(args.database_url, workdir)
    load.prepare(url, args.contestants)
    port = free_port()
    server = serve("wsgi:app", port, args.workers, server_env(url))
    faults = [("worker killed", lambda: kill_a_worker(server.pid))]
    if url.startswith("postgresql"):
        faults.append(("PostgreSQL restarted", restart_postgresql))
    faults.append(("clients cut off", cut_clients_off))
    record: list = []
    try:
        tally, _, elapsed = asyncio.run(load.rush(
            port, args, inject(faults, port, args.seconds, record)))
    finally:
        stop([server])
    lost, late = load.lost_answers(url, tally.ledger), late_answers(url)
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n{args.contestants} contestants × {elapsed:.0f} s, {url.split('://')[0]}:")
    print("| fault | at s | how | home page 200 again after s |\n|---|---|---|---|")
    for row in record:
        print(f"| {row['fault']} | {row['at_s']} | {row['how']} | {row['answers_after_s']} |")
    print(f"Requests sent again at once on a new connection: {Person.resent}.")
    print(f"Failed requests (retried or logged in again): {dict(tally.errors)}; whole attempts: "
          f"{len(tally.finished_at)}; acknowledged answers {len(tally.ledger)}, lost {lost}, "
          f"saved after deadline plus grace {late}.")
    print(json.dumps({"contestants": args.contestants, "faults": record,
                      "failed_requests": sum(tally.errors.values()), "resent": Person.resent,
                      "attempts": len(tally.finished_at), "acked_answers": len(tally.ledger),
                      "lost_answers": lost, "late_answers": late,
                      "recovered_within_limit": all(r["answers_after_s"] <= RECOVERY_LIMIT_S
                                                    for r in record)}))
