"""What the rankings benchmark measures over HTTP: the result pages under load
(and cold, every cache expired), the submit of an attempt, and the exports."""
import os
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bench.build import MANAGER_PHONE, ORGANIZER_PHONE, Built
from bench.harness import FORM, ROOT, Session, csrf_from, login, run_each, run_load

COLD_PROBES = 5


@dataclass(frozen=True)
class Page:
    key: str         # JSON key prefix
    label: str
    path: str        # may hold {public_id}
    who: str         # baseline | anonymous | manager | contestant | organizer


def pages(built: Built) -> list[Page]:
    a = built.round_a
    return [
        Page("baseline", "baseline `/page` (bare Flask)", "/page", "baseline"),
        Page("home", "home `/`", "/", "anonymous"),
        Page("ranking", f"public ranking `/dot-thi/{a}/xep-hang`", f"/dot-thi/{a}/xep-hang", "anonymous"),
        Page("unit_ranking", "unit ranking `/xep-hang-don-vi?dot=A&khoi=commune`",
             f"/xep-hang-don-vi?dot={a}&khoi=commune", "anonymous"),
        Page("manager", "unit manager `/don-vi/<code>?dot=A`",
             f"/don-vi/{built.manager_unit_code}?dot={a}", "manager"),
        Page("result", "contestant result `/bai-thi/<id>/ket-qua`", "/bai-thi/{public_id}/ket-qua",
             "contestant"),
        Page("statistics", "question statistics `/quan-tri/cau-hoi/thong-ke`",
             "/quan-tri/cau-hoi/thong-ke", "organizer"),
    ]


def _session_for(page: Page, index: int, built: Built, ports: dict) -> tuple[Session, str]:
    if page.who == "baseline":
        return Session(ports["baseline"]), page.path
    if page.who == "anonymous":
        return Session(ports["app"]), page.path
    if page.who == "contestant":
        phone, public_id = built.result_people[index % len(built.result_people)]
        return login(ports["app"], phone), page.path.format(public_id=public_id)
    phone = MANAGER_PHONE if page.who == "manager" else ORGANIZER_PHONE
    return login(ports["app"], phone), page.path


def get_path(session: Session, path: str, _counter) -> int:
    return session.request("GET", path)[0]


def measure_pages(built: Built, ports: dict, concurrency: int, seconds: float) -> dict:
    """Each page: ``concurrency`` keep-alive sessions back to back for ``seconds``."""
    results = {}
    for page in pages(built):
        sessions = [_session_for(page, i, built, ports) for i in range(concurrency)]
        results[page.key] = run_load(get_path, sessions, seconds)
        print(f"  {page.key}: p95 {results[page.key]['p95_ms']:.1f} ms", flush=True)
    return results


def measure_cold(built: Built, ports: dict, cache_seconds: float) -> dict:
    """Each page on a server whose result caches expire after ``cache_seconds``:
    one request to warm the worker, then probes spaced past the expiry, so each
    probe computes its figures afresh. Median and worst in milliseconds."""
    cold = {}
    for page in pages(built):
        session, path = _session_for(page, 0, built, ports)
        session.request("GET", path)
        times, failed = [], 0
        for _ in range(COLD_PROBES):
            time.sleep(cache_seconds + 0.1)
            started = time.perf_counter()
            status = session.request("GET", path)[0]
            times.append((time.perf_counter() - started) * 1000)
            failed += status != 200
        cold[page.key] = {"median_ms": statistics.median(times), "max_ms": max(times),
                          "errors": failed}
        print(f"  cold {page.key}: {cold[page.key]['median_ms']:.1f} ms"
              + (f", {failed} of {COLD_PROBES} not 200" if failed else ""), flush=True)
    return cold


# --- submitting an attempt ---------------------------------------------------------

def _started_attempt(port: int, phone: str, round_id: int) -> tuple[Session, tuple[str, str]]:
    """Log in, start an attempt in the round, save three answers (untimed)."""
    session = login(port, phone)
    _, _, home = session.request("GET", "/")
    status, location, _ = session.request("POST", f"/dot-thi/{round_id}/bat-dau",
                                          f"csrf_token={csrf_from(home)}", FORM)
    if status != 302 or "/bai-thi/" not in (location or ""):
        raise RuntimeError(f"start for {phone} answered {status} {location}")
    public_id = location.rstrip("/").split("/")[-1]
    _, _, quiz = session.request("GET", f"/bai-thi/{public_id}")
    csrf = csrf_from(quiz)
    for position in (1, 2, 3):
        session.request("POST", f"/api/bai-thi/{public_id}/tra-loi",
                        f'{{"position": {position}, "choice": {position % 2}}}',
                        {"Content-Type": "application/json", "X-CSRFToken": csrf})
    return session, (public_id, csrf)


def submit(session: Session, state, _counter) -> int:
    public_id, csrf = state
    body = f"csrf_token={csrf}&prediction={1000 + len(public_id)}"
    return session.request("POST", f"/bai-thi/{public_id}/nop", body, FORM)[0]


def measure_submits(port: int, phones: list[str], round_id: int, concurrency: int) -> dict:
    """Start one attempt per phone, then time only the submits, ``concurrency`` at a time."""
    with ThreadPoolExecutor(concurrency) as pool:
        jobs = list(pool.map(lambda phone: _started_attempt(port, phone, round_id), phones))
    for session, _ in jobs:
        session.connection.close()  # a fresh connection each, like a phone coming back
    return run_each(submit, jobs, concurrency, ok=(302,))


# --- exports -------------------------------------------------------------------------

def winners_export(port: int, round_id: int, times: int = 3) -> list[float]:
    session = login(port, ORGANIZER_PHONE)
    took = []
    for _ in range(times):
        started = time.perf_counter()
        status, _, data = session.request("GET", f"/quan-tri/dot-thi/{round_id}/xuat/dat-giai.xlsx")
        took.append(time.perf_counter() - started)
        if status != 200 or not data.startswith(b"PK"):
            raise RuntimeError(f"winners export answered {status}")
    return took


# Runs argv[2:] and writes its peak RSS (KiB) to argv[1]. A small process of its
# own: a child's ru_maxrss starts from the high-water mark of the process that
# forked it, so forking the export from this (large) process would count ours.
RSS_WRAPPER = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
               "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN)"
               ".ru_maxrss)); sys.exit(code)")


def _run_measured(command: list[str], env: dict, timeout: float = 1800) -> tuple:
    """(wall seconds, peak RSS in MiB, exit code, stdout, stderr) of a child process,
    the peak from ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` in a small wrapper."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        started = time.perf_counter()
        done = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", RSS_WRAPPER, rss.name, *command],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        wall = time.perf_counter() - started
        peak_kib = int(rss.read() or 0)
    return wall, peak_kib / 1024, done.returncode, done.stdout, done.stderr


FALLBACK = ("import sys, wsgi; from contest.extensions import db; "
            "from contest.contests.models import Round; "
            "from contest.reports.services.exports import write_round_workbook; "
            "app = wsgi.app; ctx = app.app_context(); ctx.push(); "
            "print(write_round_workbook(db.session.get(Round, int(sys.argv[1])), sys.argv[2]))")


def full_export(round_id: int, fmt: str, path: str, env: dict) -> dict:
    """``flask --app wsgi export`` in a child process; falls back to
    ``write_round_workbook`` when the command is not there."""
    command = [str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "export", str(round_id),
               "--format", fmt, "--output", path]
    wall, rss, code, out, err = _run_measured(command, env)
    how = "flask --app wsgi export"
    if code != 0 and "No such command" in err and fmt == "xlsx":
        command = [str(ROOT / ".venv/bin/python"), "-c", FALLBACK, str(round_id), path]
        wall, rss, code, out, err = _run_measured(command, env)
        how = "write_round_workbook"
    if code != 0:
        raise RuntimeError(f"{how} failed: {err[-2000:]}")
    return {"seconds": wall, "peak_rss_mb": rss, "bytes": os.path.getsize(path), "how": how,
            "said": out.strip()}
