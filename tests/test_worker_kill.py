"""A gunicorn worker killed with SIGKILL in the middle of people's attempts loses
no acknowledged answer, and the app goes on answering (a small, fast version of
``python -m bench faults``), on SQLite and PostgreSQL."""
import time

import pytest
from sqlalchemy import select

from bench.faults import kill_a_worker
from bench.harness import FORM, Session, csrf_from, free_port, login, serve, server_env, stop
from contest.extensions import db
from contest.quiz.models import Attempt, AttemptItem
from tests.conftest import PASSWORD

PEOPLE, POSITIONS = 4, 5
RETRY_FOR_S = 10


def start_attempt(session: Session) -> tuple[str, str]:
    _, _, home = session.request("GET", "/")
    round_id = home.split(b'action="/dot-thi/')[1].split(b"/")[0].decode()
    status, location, _ = session.request("POST", f"/dot-thi/{round_id}/bat-dau",
                                          f"csrf_token={csrf_from(home)}", FORM)
    assert status == 302
    public_id = location.rstrip("/").split("/")[-1]
    return public_id, csrf_from(session.request("GET", f"/bai-thi/{public_id}")[2])


def save_until_acknowledged(port: int, session: Session, public_id: str, token: str,
                            position: int, choice: int) -> None:
    """Send the answer again after a failure, as the quiz page does."""
    give_up = time.time() + RETRY_FOR_S
    while True:
        try:
            status, _, _ = session.request(
                "POST", f"/api/bai-thi/{public_id}/tra-loi",
                f'{{"position": {position}, "choice": {choice}}}',
                {"Content-Type": "application/json", "X-CSRFToken": token})
            if status == 200:
                return
            assert status >= 500, f"refused with {status}"
        except OSError:
            session.connection.close()
        assert time.time() < give_up, "the app did not come back"
        time.sleep(0.2)


@pytest.mark.commits
def test_a_killed_worker_loses_no_acknowledged_answer(app, database_url, make_questions,
                                                     make_round, make_user):
    make_questions(12)
    make_round(questions=POSITIONS, time_limit=600)
    people = [make_user() for _ in range(PEOPLE)]
    port = free_port()
    server = serve("wsgi:app", port, 2, server_env(database_url))
    try:
        sessions = [login(port, person.phone, PASSWORD) for person in people]
        attempts = [start_attempt(session) for session in sessions]
        ledger = {}
        for position in range(1, POSITIONS + 1):
            if position == 3:
                kill_a_worker(server.pid)
            for session, (public_id, token) in zip(sessions, attempts):
                choice = (position + len(ledger)) % 4
                save_until_acknowledged(port, session, public_id, token, position, choice)
                ledger[(public_id, position)] = choice
    finally:
        stop([server])
    db.session.rollback()
    held = {(public_id, position): order.split(",").index(str(chosen))
            for public_id, position, order, chosen in db.session.execute(
                select(Attempt.public_id, AttemptItem.position, AttemptItem.option_order,
                       AttemptItem.chosen_option_id)
                .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
                .where(AttemptItem.chosen_option_id.is_not(None)))}
    assert held == ledger
