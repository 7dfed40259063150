"""Behind PROXY_COUNT reverse proxies the app sees the person's address from
X-Forwarded-For (per-IP limits, the audit and the winner checks rely on it);
served directly, a forged X-Forwarded-For is ignored."""
import pytest

from contest import _trust_proxies
from tests.conftest import login
from tests.quiz.helpers import start

PERSON, PROXY = "203.0.113.7", "127.0.0.1"


@pytest.mark.parametrize("hops, seen", [(1, PERSON), (0, PROXY)])
def test_the_address_recorded_is_the_persons_only_behind_a_trusted_proxy(
        app, client, contestant, make_questions, make_round, hops, seen):
    make_questions(6)
    round_ = make_round(questions=5)
    app.config["PROXY_COUNT"] = hops
    _trust_proxies(app)
    client.environ_base.update(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=PERSON)
    login(client, contestant)
    assert start(client, round_).started_ip == seen
