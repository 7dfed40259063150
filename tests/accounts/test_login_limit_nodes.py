"""The per-account login limit holds across app processes when REDIS_URL is set
(two gunicorn servers sharing a real Redis, as two nodes); without it each
process counts on its own, as the README says."""
import os
import random

import pytest

from bench.harness import FORM, Session, csrf_from, free_port, serve, server_env, stop
from tests.conftest import require_or_skip

LIMIT = 10  # wrong passwords a minute for one account


def wrong_passwords(ports: list[int], phone: str, tries: int) -> list[int]:
    """``tries`` wrong passwords for one account, each sent to the next server in turn."""
    statuses = []
    for n in range(tries):
        session = Session(ports[n % len(ports)])
        token = csrf_from(session.request("GET", "/dang-nhap")[2])
        statuses.append(session.request(
            "POST", "/dang-nhap", f"csrf_token={token}&identifier={phone}&password=sai", FORM)[0])
        session.connection.close()
    return statuses


def statuses_on_two_servers(database_url: str, make_user, redis_url: str | None) -> list[int]:
    phone = f"09{random.randrange(10**8):08d}"  # no count left in Redis by an earlier run
    make_user(phone=phone)
    env = server_env(database_url)
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    ports = [free_port(), free_port()]
    servers = [serve("wsgi:app", port, 1, env) for port in ports]
    try:
        return wrong_passwords(ports, phone, LIMIT + 2)
    finally:
        stop(servers)


def test_with_redis_two_servers_share_an_accounts_login_limit(database_url, make_user):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        require_or_skip("the shared login limit test needs TEST_REDIS_URL")
    statuses = statuses_on_two_servers(database_url, make_user, url)
    assert statuses[:LIMIT] == [422] * LIMIT
    assert statuses[LIMIT:] == [429, 429]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_without_redis_each_server_counts_on_its_own(database_url, make_user):
    statuses = statuses_on_two_servers(database_url, make_user, None)
    assert statuses == [422] * (LIMIT + 2)
