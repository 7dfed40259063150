"""Two app nodes behind nginx, one PostgreSQL, one Redis: the rush goes through
nginx, one node is killed mid-run, and the contestants go on on the other.

    .venv/bin/python -m bench cluster [--database-url URL] [--redis-url URL]
        [--contestants N] [--seconds S]

Checks: the per-account login limit holds across both nodes (Redis), contestants
finish attempts after the kill (signed-cookie sessions: any node serves anyone),
and no acknowledged answer is lost. Needs Debian's nginx; loopback only.
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
from bench.aioclient import FORM, Person, csrf_token
from bench.faults import workers_of
from bench.harness import database_url, free_port, serve, server_env, stop

NGINX_CONF = """daemon off;
user root;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream app {{
        server 127.0.0.1:{node1} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{node2} max_fails=1 fail_timeout=5s;
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""
LIMIT_PROBES = 12  # wrong passwords for one account, alternating between the nodes


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench cluster", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url",
                        default="postgresql://postgres:postgres@127.0.0.1:5432/contest_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    load.add_crowd_arguments(parser, contestants=200, seconds=40, arrival=10)
    return parser.parse_args(argv)


def start_nginx(workdir: Path, node_ports: list[int]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / folder).mkdir(exist_ok=True)
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=workdir, node1=node_ports[0], node2=node_ports[1],
                                      port=port))
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(workdir)])
    time.sleep(0.5)
    if process.poll() is not None:
        raise RuntimeError((workdir / "error.log").read_text())
    return process, port


def kill_node(master: subprocess.Popen) -> str:
    """The node dies as a machine would: every process at once, SIGKILL."""
    for pid in workers_of(master.pid) + [master.pid]:
        os.kill(pid, signal.SIGKILL)
    master.wait()
    return f"node (gunicorn {master.pid} and its workers) killed with SIGKILL"


async def login_limit_statuses(node_ports: list[int], phone: str) -> list[int]:
    """Wrong passwords for one account sent to each node in turn: the statuses."""
    statuses = []
    for attempt in range(LIMIT_PROBES):
        person = Person(node_ports[attempt % 2], source=f"127.0.1.{attempt + 1}")
        _, _, page = await person.request("GET", "/dang-nhap")
        body = f"csrf_token={csrf_token(page)}&identifier={phone}&password=sai-mat-khau".encode()
        status, _, _ = await person.request("POST", "/dang-nhap", body, FORM)
        statuses.append(status)
        person.close()
    return statuses


def limit_held(statuses: list[int]) -> bool:
    """Ten tries a minute for one account, wherever they land: the 11th is refused."""
    return 429 not in statuses[:10] and all(status == 429 for status in statuses[10:])


async def kill_midway(master, seconds: float, record: dict) -> None:
    await asyncio.sleep(seconds / 2)
    record["killed_at"] = time.time()
    record["how"] = await asyncio.to_thread(kill_node, master)


def main(argv=None) -> None:
    args = parse(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cchc-cluster-"))
    url = database_url(args.database_url, workdir)
    load.prepare(url, args.contestants + 1)
    subprocess.run(["redis-cli", "-u", args.redis_url, "FLUSHDB"], check=True,
                   capture_output=True)
    env = server_env(url, REDIS_URL=args.redis_url, PROXY_COUNT="1")
    node_ports = [free_port(), free_port()]
    nodes = [serve("wsgi:app", port, args.workers, env) for port in node_ports]
    nginx, port = start_nginx(workdir, node_ports)
    record: dict = {}
    try:
        limit = asyncio.run(login_limit_statuses(node_ports, load.phone_of(args.contestants)))
        tally, began, elapsed = asyncio.run(load.rush(port, args,
                                                      kill_midway(nodes[0], args.seconds, record)))
    finally:
        nginx.send_signal(signal.SIGQUIT)
        stop([nginx] + [node for node in nodes if node.poll() is None])
    lost = load.lost_answers(url, tally.ledger)
    shutil.rmtree(workdir, ignore_errors=True)
    after_kill = sum(1 for at in tally.finished_at if at > record["killed_at"])
    print(f"\n{args.contestants} contestants × {elapsed:.0f} s through nginx to 2 nodes; "
          f"{record['how']} at {record['killed_at'] - began:.0f} s.")
    print(f"Login limit across the nodes, statuses of {LIMIT_PROBES} wrong passwords for one "
          f"account, alternating nodes: {limit}")
    print(f"Whole attempts: {len(tally.finished_at)}, of which {after_kill} finished after the "
          f"kill; failed requests {dict(tally.errors)}; acknowledged answers "
          f"{len(tally.ledger)}, lost {lost}.")
    print(json.dumps({"contestants": args.contestants, "attempts": len(tally.finished_at),
                      "attempts_after_kill": after_kill, "login_statuses": limit,
                      "limit_held_across_nodes": limit_held(limit),
                      "failed_requests": sum(tally.errors.values()),
                      "acked_answers": len(tally.ledger), "lost_answers": lost}))
