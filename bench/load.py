"""The deadline rush: N contestants taking whole attempts at once against the app
under its own gunicorn settings, beside a bare upsert app on the same database.

    .venv/bin/python -m bench load --contestants N --seconds S [--database-url URL]

1. A fresh database: the shipped bank, one open round (20 questions, 1,000
   attempts allowed), N contestant accounts spread over 250 loopback addresses.
2. Saturation, in the same run: C connections send saves back to back for a few
   seconds, first to the bare app's ``POST /upsert`` (one row upserted and
   committed), then to the real ``POST /api/bai-thi/<id>/tra-loi``:
   ``save_ratio`` = real saves per second ÷ bare upserts per second.
3. The rush: every contestant logs in, then takes whole attempts until S seconds
   have passed (home, start, quiz page, 20 answers each after a think time,
   submit, result). Every acknowledged save goes into a ledger.
4. The ledger is checked against the database: an acknowledged answer that is not
   what the database holds is a lost answer.

The load generator is one asyncio process (its CPU share is printed). Only
127.0.0.x is touched; every loop is bounded in time.
"""
import argparse
import asyncio
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from bench import cpu, rush_report
from bench.aioclient import JSON, Person
from bench.baseline_app import create_rows_table
from bench.contestant import Contestant, Stop, Tally, timed
from bench.harness import (bench_app, database_url, free_port, serve, server_env,
                           serving_settings, stop)

SOURCES = 250  # loopback addresses 127.0.0.2 … 127.0.0.251
WARM_UP_SECONDS = 2  # before each saturation phase, not counted


def add_crowd_arguments(parser, contestants: int, seconds: float, arrival: float) -> None:
    """The options every rush shares (``load``, ``faults``, ``cluster``)."""
    parser.add_argument("--contestants", type=int, default=contestants,
                        help=f"N (default {contestants})")
    parser.add_argument("--seconds", type=float, default=seconds,
                        help=f"S: the rush (default {seconds:.0f})")
    parser.add_argument("--think", type=float, nargs=2, default=(0.2, 1.0), metavar=("MIN", "MAX"),
                        help="seconds before each answer, uniform (default 0.2 1.0)")
    parser.add_argument("--arrival", type=float, default=arrival,
                        help=f"seconds over which the contestants arrive (default {arrival:.0f})")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--seed", type=int, default=20261205)


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench load", description=__doc__.split("\n")[0])
    add_crowd_arguments(parser, contestants=500, seconds=60, arrival=20)
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary directory")
    parser.add_argument("--connections", type=int, default=64,
                        help="C: connections of the saturation phase (default 64, at most N: "
                             "each saver is one of the contestants)")
    parser.add_argument("--saturation-seconds", type=float, default=10)
    args = parser.parse_args(argv)
    args.connections = min(args.connections, args.contestants)
    return args


def source_of(index: int) -> str:
    return f"127.0.0.{2 + index % SOURCES}"


def phone_of(index: int) -> str:
    return f"09{index:08d}"


def prepare(url: str, contestants: int) -> None:
    from bench.attempt_rush import prepare_database
    prepare_database(url, contestants)
    create_rows_table(url)


async def saturate(send, connections: int, seconds: float) -> dict:
    """``connections`` senders back to back for ``seconds``: requests/s and latencies."""
    tally = Tally()
    stop_at = time.time() + seconds

    async def sender(index):
        counter = 0
        while time.time() < stop_at:
            counter += 1
            try:
                await send(index, counter, tally)
            except Stop:
                await asyncio.sleep(0.1)

    began = time.time()
    await asyncio.gather(*(sender(i) for i in range(connections)))
    return rush_report.summary(tally, time.time() - began)


async def saturation(ports: dict, args) -> tuple[dict, dict]:
    bare = [Person(ports["baseline"], source_of(i)) for i in range(args.connections)]

    async def upsert(index, counter, tally):
        body = json.dumps({"key": f"{index}:{counter % 20}", "choice": counter % 4}).encode()
        await timed(bare[index], tally, "upsert", 200, "POST", "/upsert", body, JSON)

    await saturate(upsert, args.connections, WARM_UP_SECONDS)  # every worker and thread started
    baseline = await saturate(upsert, args.connections, args.saturation_seconds)
    rng = random.Random(args.seed)
    savers = [Contestant(Person(ports["app"], source_of(i)), phone_of(i), Tally(), (0, 0), rng)
              for i in range(args.connections)]
    attempts = []
    for saver in savers:
        await saver.log_in()
        attempts.append(await saver.start())

    async def save(index, counter, tally):
        saver, (public_id, token, options) = savers[index], attempts[index]
        position = 1 + counter % len(options)
        saver.tally = tally
        await saver.save(public_id, token, position, counter % options[position])

    await saturate(save, args.connections, WARM_UP_SECONDS)
    real = await saturate(save, args.connections, args.saturation_seconds)
    for saver in savers:
        saver.person.close()
    for person in bare:
        person.close()
    return baseline, real


async def rush(port: int, args, *alongside) -> tuple[Tally, float, float]:
    """Every contestant takes whole attempts until ``args.seconds`` have passed
    (with ``alongside`` coroutines, e.g. the faults, run at the same time)."""
    tally, rng = Tally(), random.Random(args.seed + 1)
    crowd = [Contestant(Person(port, source_of(i)), phone_of(i), tally, tuple(args.think),
                        random.Random(rng.random())) for i in range(args.contestants)]
    began = time.time()
    stop_at = began + args.seconds
    arrivals = [args.arrival * i / len(crowd) for i in range(len(crowd))]
    await asyncio.gather(*(c.run(stop_at, at) for c, at in zip(crowd, arrivals)), *alongside)
    for contestant in crowd:
        contestant.person.close()
    return tally, began, time.time() - began


def lost_answers(url: str, ledger: dict) -> int:
    """Acknowledged saves whose choice the database does not hold."""
    from sqlalchemy import select

    from contest.extensions import db
    from contest.quiz.models import Attempt, AttemptItem

    app = bench_app(url)
    with app.app_context():
        held = {}
        for public_id, position, order, chosen in db.session.execute(
                select(Attempt.public_id, AttemptItem.position, AttemptItem.option_order,
                       AttemptItem.chosen_option_id)
                .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)):
            options = [int(part) for part in order.split(",")]
            held[(public_id, position)] = options.index(chosen) if chosen in options else None
    return sum(1 for key, choice in ledger.items() if held.get(key) != choice)


def main(argv=None) -> None:
    args = parse(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cchc-load-"))
    url = database_url(args.database_url, workdir)
    print(f"{args.contestants} contestants, {args.seconds:.0f} s, think {args.think[0]}–"
          f"{args.think[1]} s, {url.split('://')[0]}, {serving_settings(args.workers)}", flush=True)
    try:
        prepare(url, args.contestants)
        env = server_env(url)
        ports = {"app": free_port(), "baseline": free_port()}
        processes = [serve("wsgi:app", ports["app"], args.workers, env),
                     serve("bench.baseline_app:app", ports["baseline"], args.workers, env)]
        try:
            cpu_before, wall_before = time.process_time(), time.time()
            baseline, real = asyncio.run(saturation(ports, args))
            servers_before, rush_cpu_before = cpu.snapshot(processes[0].pid), time.process_time()
            tally, began, elapsed = asyncio.run(rush(ports["app"], args))
            servers = cpu.used(servers_before, cpu.snapshot(processes[0].pid))
            servers["load generator"] = time.process_time() - rush_cpu_before
            cpu_share = (time.process_time() - cpu_before) / (time.time() - wall_before)
        finally:
            stop(processes)
        lost = lost_answers(url, tally.ledger)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    rush_report.print_report(args, baseline, real, tally, began, elapsed, lost, cpu_share,
                             servers)
