"""Races: simultaneous starts must not break the attempt limit (file database,
real threads, one request each)."""
import threading

import pytest

from contest.extensions import db
from contest.quiz.models import Attempt
from tests.conftest import login
from tests.quiz.helpers import start

pytestmark = pytest.mark.commits  # requests on threads of their own
THREADS = 8


def _start_concurrently(app, user, round_id):
    clients = []
    for _ in range(THREADS):
        client = app.test_client()
        login(client, user)
        clients.append(client)
    barrier = threading.Barrier(THREADS)
    statuses = []

    def run(client):
        with app.app_context():
            barrier.wait()
            statuses.append(client.post(f"/dot-thi/{round_id}/bat-dau").status_code)

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.expire_all()
    return statuses


@pytest.fixture
def round_(make_questions, make_round):
    make_questions(10)
    return make_round(questions=4, max_attempts=3)


def test_simultaneous_starts_create_one_attempt(app, contestant, round_):
    statuses = _start_concurrently(app, contestant, round_.id)
    assert statuses == [302] * THREADS
    assert db.session.query(Attempt).filter_by(user_id=contestant.id).count() == 1


def test_simultaneous_starts_respect_the_attempt_limit(app, client, contestant, round_):
    login(client, contestant)
    for _ in range(2):
        attempt = start(client, round_)
        client.post(f"/bai-thi/{attempt.public_id}/nop", data={"prediction": "1"})
    statuses = _start_concurrently(app, contestant, round_.id)
    attempts = db.session.query(Attempt).filter_by(user_id=contestant.id).all()
    assert len(attempts) == 3
    assert sorted(a.number for a in attempts) == [1, 2, 3]
    assert set(statuses) == {302}  # all got the one new attempt in progress
    current = start(client, round_)
    client.post(f"/bai-thi/{current.public_id}/nop", data={"prediction": "1"})
    statuses = _start_concurrently(app, contestant, round_.id)
    assert set(statuses) == {409}
    assert db.session.query(Attempt).filter_by(user_id=contestant.id).count() == 3
