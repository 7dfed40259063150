"""Page weight and first contentful paint of the contestant pages on a slow phone.

    .venv/bin/python -m bench page_weight [--workers 1] [--kbps 400] [--latency-ms 400]

The demo contest (Gia Lai units, the shipped question bank, an open round) on a
fresh SQLite file, served by gunicorn on 127.0.0.1. Debian's Chromium (Playwright)
at 360×740 opens each contestant page in a new context (a cold cache) under the
DevTools network throttling of a phone: 400 kbps down and up, 400 ms latency.
Reported per page: requests, bytes transferred (the sum of Chromium's
``encodedDataLength``, headers included) and first contentful paint. A table,
then the figures as one JSON line. Only loopback is touched.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/page_weight.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    PASSWORD, bench_app, database_url, free_port, fresh_schema_with_bank, serve, server_env, stop,
)

CONTESTANT_PHONE = "0912345678"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "vi-VN",
         "timezone_id": "Asia/Ho_Chi_Minh"}
FCP_SCRIPT = """() => new Promise(resolve => {
  const found = () => performance.getEntriesByName('first-contentful-paint')[0];
  if (found()) return resolve(found().startTime);
  new PerformanceObserver(() => found() && resolve(found().startTime))
    .observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(null), 15000);
})"""


def prepare_database(url: str) -> None:
    """The demo contest and bank, plus one contestant with a known password."""
    from datetime import date

    from contest.accounts.models import User
    from contest.demo import seed_demo
    from contest.extensions import db
    from contest.units.models import Unit

    app = bench_app(url)
    with app.app_context():
        fresh_schema_with_bank()
        seed_demo()
        unit = db.session.query(Unit).filter_by(kind="commune").first()
        person = User(full_name="Nguyễn Văn An", date_of_birth=date(1990, 5, 1),
                      gender="nam", phone=CONTESTANT_PHONE, audience="cbccvc", unit_id=unit.id)
        person.set_password(PASSWORD)
        db.session.add(person)
        db.session.commit()


def contestant_pages(browser, base: str) -> tuple[dict, list[tuple[str, str, bool]]]:
    """Log in, take one attempt to its result, start a second: the signed-in
    cookies and every page to measure as (name, path, signed_in)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + "/dang-nhap")
    page.fill("#identifier", CONTESTANT_PHONE)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("text=Bắt đầu thi")
    page.fill("#prediction", "100")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("[data-submit]")
    page.wait_for_url("**/ket-qua")
    result = page.url.removeprefix(base)
    page.goto(base + "/")
    page.click("text=Bắt đầu thi")
    page.wait_for_url("**/bai-thi/*")
    quiz = page.url.removeprefix(base)
    cookies = context.storage_state()
    context.close()
    return cookies, [("home", "/", False), ("register", "/dang-ky", False),
                     ("login", "/dang-nhap", False), ("quiz", quiz, True),
                     ("result", result, True), ("history", "/lich-su", True)]


def measure(browser, url: str, cookies: dict | None, kbps: int, latency_ms: int) -> dict:
    """One cold load of ``url`` under throttling: requests over the network (not
    the ``data:`` images of the CSS), bytes, encodings, FCP in ms."""
    context = browser.new_context(**PHONE, storage_state=cookies)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    responses, sizes = {}, {}
    cdp.on("Network.responseReceived",
           lambda event: responses.update({event["requestId"]: event["response"]}))
    cdp.on("Network.loadingFinished",
           lambda event: sizes.update({event["requestId"]: event["encodedDataLength"]}))
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency_ms,
        "downloadThroughput": kbps * 1000 / 8, "uploadThroughput": kbps * 1000 / 8,
    })
    page.goto(url, wait_until="load", timeout=120_000)
    fcp = page.evaluate(FCP_SCRIPT)
    page.wait_for_load_state("networkidle", timeout=120_000)
    context.close()
    fetched = [key for key, response in responses.items()
               if response["url"].startswith("http") and key in sizes]
    return {"requests": len(fetched), "bytes": int(sum(sizes[key] for key in fetched)),
            "fcp_ms": round(fcp) if fcp is not None else None,
            "encodings": sorted({_content_encoding(responses[key]["headers"]) for key in fetched})}


def _content_encoding(headers: dict) -> str:
    return next((value for name, value in headers.items() if name.lower() == "content-encoding"), "-")


def print_table(results: dict) -> None:
    print(f"{'page':<10} {'requests':>8} {'bytes':>9} {'KiB':>7} {'FCP ms':>7}  encodings")
    for name, row in results.items():
        print(f"{name:<10} {row['requests']:>8} {row['bytes']:>9} {row['bytes'] / 1024:>7.1f} "
              f"{row['fcp_ms'] if row['fcp_ms'] is not None else '—':>7}  {','.join(row['encodings'])}")


def run(workers: int, kbps: int, latency_ms: int) -> dict:
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="page-weight-"))
    url = database_url(os.environ.get("BENCH_DATABASE_URL"), workdir)
    prepare_database(url)
    port = free_port()
    server = serve("wsgi:app", port, workers, server_env(url))
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
            cookies, pages = contestant_pages(browser, base)
            results = {name: measure(browser, base + path, cookies if signed_in else None, kbps, latency_ms)
                       for name, path, signed_in in pages}
            browser.close()
    finally:
        stop([server])
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench page_weight", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers (default 1)")
    parser.add_argument("--kbps", type=int, default=400, help="down and up throughput (default 400)")
    parser.add_argument("--latency-ms", type=int, default=400, help="added latency (default 400)")
    args = parser.parse_args(argv)
    results = run(args.workers, args.kbps, args.latency_ms)
    print_table(results)
    print(json.dumps({"kbps": args.kbps, "latency_ms": args.latency_ms, "pages": results}))


if __name__ == "__main__":
    main(sys.argv[1:])
