"""Rankings, results and exports at scale: a closed round of N attempts built
through the app's own tables and code, then its pages, a submit and the
exports measured against a bare Flask baseline in the same run.

    .venv/bin/python -m bench rankings --attempts N [--database-url URL]
        [--seconds S] [--concurrency C] [--submits M] [--workers W] [--seed SEED]

1. Build: schema, shipped bank, demo units, a contest with round A (closed) and
   round B (open), the accounts; then about 0.3 N people and N submitted attempts
   in round A in bulk (no attempt_items rows except for the measured result
   pages), question tallies, and the app's compute_results, winner review and
   publication. Each step is timed.
2. Submit p95 of M fresh contestants in round B, once before the bulk load
   (empty) and once after.
3. Pages under gunicorn (default RESULTS_CACHE_SECONDS) with C keep-alive
   sessions for S seconds each, and cold (a server whose caches expire after
   1 s, probes spaced past the expiry).
4. Exports: the winners workbook over HTTP, the full export (xlsx, and the CSV
   zip) with ``flask --app wsgi export`` in a child process.
The last line printed is one JSON object.
"""
import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from bench import build, pages, report
from bench.harness import (ROOT, bench_app, database_url, free_port, serve, server_env,
                           serving_settings, stop)

COLD_CACHE_SECONDS = 1


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench rankings", description=__doc__.split("\n")[0])
    parser.add_argument("--attempts", type=int, required=True, help="N: submitted attempts in round A")
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary directory")
    parser.add_argument("--seconds", type=float, default=10, help="S: load per page (default 10)")
    parser.add_argument("--concurrency", type=int, default=4, help="C: concurrent sessions (default 4)")
    parser.add_argument("--submits", type=int, default=200,
                        help="M: submits timed before and after the load (default 200; the app "
                             "allows 300 logins a minute from one IP)")
    parser.add_argument("--workers", type=int,
                        help="gunicorn workers (default: gunicorn.conf.py's, from the environment)")
    parser.add_argument("--seed", type=int, default=20251122)
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory (the SQLite file) for profiling")
    return parser.parse_args(argv)


class Servers:
    """The app (and the baseline) under gunicorn; stopped on leaving the block."""

    def __init__(self, env: dict, workers: int | None, baseline: bool = True):
        self.env, self.workers, self.baseline = env, workers, baseline
        self.processes, self.ports = [], {}

    def __enter__(self):
        try:
            self.ports["app"] = free_port()
            self.processes.append(serve("wsgi:app", self.ports["app"], self.workers, self.env))
            if self.baseline:
                self.ports["baseline"] = free_port()
                self.processes.append(serve("bench.baseline_app:app", self.ports["baseline"],
                                            self.workers, self.env))
        except BaseException:
            stop(self.processes)
            raise
        return self.ports

    def __exit__(self, *_):
        stop(self.processes)


def build_everything(app, args, rng, env) -> tuple:
    """Setup, the empty-round submits, the bulk load and the results."""
    print("Build:", flush=True)
    steps = {}
    with app.app_context():
        built = build.Steps(steps).run("setup", build.setup, args.attempts, 2 * args.submits, rng)
    built.steps.update(steps)
    phones = [build.fresh_phone(i) for i in range(2 * args.submits)]
    print(f"Submits in the empty round B ({args.submits}, {args.concurrency} at a time):", flush=True)
    with Servers(env, args.workers, baseline=False) as ports:
        empty = pages.measure_submits(ports["app"], phones[:args.submits], built.round_b,
                                      args.concurrency)
    print(f"  p95 {empty['p95_ms']:.1f} ms", flush=True)
    print(f"Bulk load of round A ({args.attempts} attempts) and results:", flush=True)
    with app.app_context():
        build.load_round(built, args.attempts, args.concurrency, rng)
        build.finish_round(built)
    built.fresh_phones = phones[args.submits:]
    return built, empty


def measure(built, args, url, workdir: Path) -> dict:
    env = server_env(url)
    env.pop("RESULTS_CACHE_SECONDS", None)  # the default, as it runs
    print(f"Cold pages (RESULTS_CACHE_SECONDS={COLD_CACHE_SECONDS}, probes "
          f"{COLD_CACHE_SECONDS + 0.1} s apart):", flush=True)
    with Servers({**env, "RESULTS_CACHE_SECONDS": str(COLD_CACHE_SECONDS)}, args.workers) as ports:
        cold = pages.measure_cold(built, ports, COLD_CACHE_SECONDS)
    print(f"Pages ({args.concurrency} sessions × {args.seconds:.0f} s each):", flush=True)
    with Servers(env, args.workers) as ports:
        loaded = pages.measure_pages(built, ports, args.concurrency, args.seconds)
        print(f"Submits in round B after the load ({args.submits}):", flush=True)
        submits = pages.measure_submits(ports["app"], built.fresh_phones, built.round_b,
                                        args.concurrency)
        print(f"  p95 {submits['p95_ms']:.1f} ms", flush=True)
        winners = pages.winners_export(ports["app"], built.round_a)
    print("Full exports (servers stopped):", flush=True)
    full = pages.full_export(built.round_a, "xlsx", str(workdir / "full.xlsx"), env)
    print(f"  xlsx {full['seconds']:.1f} s, {full['peak_rss_mb']:.0f} MiB: {full['said']}", flush=True)
    csv = pages.full_export(built.round_a, "csv", str(workdir / "full.zip"), env)
    print(f"  csv zip {csv['seconds']:.1f} s, {csv['peak_rss_mb']:.0f} MiB", flush=True)
    return dict(cold=cold, loaded=loaded, submits=submits, winners=winners, full=full, csv=csv)


def code_version() -> str:
    """The commit measured, and whether app files had uncommitted changes (read-only git)."""
    def git(*words):
        return subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    changed = [line for line in git("status", "--porcelain", "--", "contest", "templates",
                                    "wsgi.py").splitlines() if line.strip()]
    return git("rev-parse", "--short", "HEAD") + (f"+{len(changed)} changed" if changed else "")


def summarize(args, url, built, empty, m) -> dict:
    summary = {"attempts": args.attempts, "people": built.people.count, "code": code_version(),
               "database": "postgresql" if url.startswith("postgresql") else "sqlite",
               "concurrency": args.concurrency, "seconds": args.seconds, "submits": args.submits}
    for key, r in m["loaded"].items():
        summary[f"{key}_p95_ms"] = r["p95_ms"]
        summary[f"{key}_errors"] = r["errors"]
    for key, c in m["cold"].items():
        summary[f"{key}_cold_ms"] = c["median_ms"]
    summary.update(
        submit_p95_ms=m["submits"]["p95_ms"], submit_errors=m["submits"]["errors"],
        submit_empty_p95_ms=empty["p95_ms"], winners_export_s=max(m["winners"]),
        full_export_s=m["full"]["seconds"], peak_rss_mb=m["full"]["peak_rss_mb"],
        csv_export_s=m["csv"]["seconds"], csv_peak_rss_mb=m["csv"]["peak_rss_mb"],
        compute_results_s=built.steps["compute_results"],
        build_s=sum(built.steps.values()), attempt_items="only the measured result pages' attempts")
    return summary


def main(argv=None) -> None:
    args = parse(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cchc-rankings-"))
    url = database_url(args.database_url, workdir)
    print(f"{args.attempts} attempts, {url.split('://')[0]}, {serving_settings(args.workers)},"
          f" {args.concurrency} sessions, {args.seconds:.0f} s a page, code {code_version()}, "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    started = time.perf_counter()
    try:
        app = bench_app(url)
        rng = np.random.default_rng(args.seed)
        built, empty = build_everything(app, args, rng, server_env(url))
        m = measure(built, args, url, workdir)
    finally:
        if args.keep:
            print(f"Kept {workdir} (database {url})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    summary = summarize(args, url, built, empty, m)
    labels = {page.key: page.label for page in pages.pages(built)}
    submits = {f"submit `POST /bai-thi/<id>/nop`, empty round ({args.submits})": empty,
               f"submit `POST /bai-thi/<id>/nop`, after the load ({args.submits})": m["submits"]}
    table = report.table(m["loaded"], labels, m["cold"], submits, summary["baseline_p95_ms"])
    checks = report.goals(summary, [key for key in labels if key != "baseline"])
    print(f"\nWall time of the whole run: {time.perf_counter() - started:.0f} s; winners export "
          f"{', '.join(f'{s:.2f}' for s in m['winners'])} s; full export by {m['full']['how']}, "
          f"{m['full']['bytes'] / 1e6:.1f} MB xlsx, {m['csv']['bytes'] / 1e6:.1f} MB zip")
    report.print_report(summary, table, checks, built.steps, built.facts)
