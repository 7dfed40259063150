"""Case 4 of issue 17: a round whose keys may have been shown is never extended
(reopened), and no worker keeps deciding from what another worker changed."""
from datetime import timedelta

import pytest

from contest import clock, create_app
from contest.config import TestConfig
from contest.contests.models import Round
from contest.extensions import db
from tests.conftest import CSRFClient, login
from tests.contests.helpers import local, messages, reload, round_form
from tests.keys.helpers import HELD_BACK, keys_on, practice_offers, result_page, submitted
from tests.practice.helpers import add_contest, add_round

SHOWN = "đã được công bố"


def extend(console, round_):
    return console.post(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/gia-han", data={
        "closes_at": local(clock.now() + timedelta(days=1)), "reason": "Mất điện diện rộng"})


def reviewed(new_player, frozen, round_) -> None:
    """A contestant takes ``round_``; two hours later their review shows the keys."""
    player = new_player()
    attempt = submitted(player, round_)
    frozen.move(hours=2)
    assert keys_on(result_page(player, attempt), attempt) == 5


def refused(console, audit, round_, message: str) -> None:
    """The extension is refused with ``message`` (409) and changes nothing."""
    before = reload(round_).closes_at
    response = extend(console, round_)
    assert response.status_code == 409
    assert message in messages(response)
    assert reload(round_).closes_at == before and audit("round.extend") == []


def test_a_round_whose_answers_were_shown_is_not_extended(console, frozen, make_questions,
                                                          make_round, new_player, audit):
    make_questions(10)
    round_ = make_round(closes_in=timedelta(hours=1))
    reviewed(new_player, frozen, round_)

    refused(console, audit, round_,
            f"Không thể gia hạn: đáp án và giải thích của {round_.name} {SHOWN}")
    assert new_player().post(f"/dot-thi/{round_.id}/bat-dau").status_code != 302


def test_a_round_is_not_reopened_once_another_round_showed_its_questions(
        console, frozen, make_questions, new_player, audit):
    """Contest A reviews after its end date, weeks away; contest B's review has
    shown the keys of questions A's closed round can draw."""
    make_questions(10)
    a = add_contest("a")
    a.ends_at = clock.now() + timedelta(weeks=3)
    a_round = add_round(a, "open", questions=5)
    b_round = add_round(add_contest("b", review_after="round"), "open", questions=5)
    a_round.closes_at = b_round.closes_at = clock.now() + timedelta(hours=1)
    b_round.name = "Đợt B"
    db.session.commit()
    reviewed(new_player, frozen, b_round)

    refused(console, audit, a_round, f"{SHOWN} sau Đợt B (Cuộc thi b)")


def test_a_round_whose_review_waits_may_still_be_extended(console, frozen, make_questions,
                                                          make_round, new_player, audit):
    """Nothing shown yet (the contest's review waits for its next round): an
    outage may still be made good."""
    make_questions(10)
    round_ = make_round(closes_in=timedelta(hours=1))
    make_round(opens_in=timedelta(days=3), closes_in=timedelta(days=4))
    submitted(new_player(), round_)
    frozen.move(hours=2)

    assert extend(console, round_).status_code == 302
    assert reload(round_).closes_at == clock.now() + timedelta(days=1)
    assert len(audit("round.extend")) == 1


@pytest.fixture
def workers(app, database_url):
    """Two app instances on the test database, each with its own in-process
    cache: two gunicorn workers without Redis."""
    config = type("WorkerConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "CACHE_TYPE": "SimpleCache",
        "RESULTS_CACHE_SECONDS": 30})
    apps = [create_app(config) for _ in range(2)]
    for worker in apps:
        worker.test_client_class = CSRFClient
    yield apps
    for worker in apps:
        with worker.app_context():
            db.engine.dispose()


def test_a_worker_decides_afresh_after_another_worker_adds_a_round(
        frozen, make_questions, make_round, make_user, workers):
    make_questions(10)
    round_ = make_round(closes_in=timedelta(hours=1))
    round_.contest.review_after = "round"
    db.session.commit()
    first, second = workers
    player = second.test_client()
    login(player, make_user())
    attempt = submitted(player, round_)
    frozen.move(hours=2)
    assert keys_on(result_page(player, attempt), attempt) == 5  # and the second worker caches
    assert practice_offers(player, attempt)

    organizer = first.test_client()
    login(organizer, make_user(role="organizer"))
    opens = clock.now() + timedelta(days=1)
    created = organizer.post(f"/quan-tri/cuoc-thi/{round_.contest_id}/dot-thi/moi",
                             data=round_form(opens, opens + timedelta(days=7), number="2"))
    assert created.status_code == 302, messages(created)
    assert db.session.query(Round).count() == 2

    page = result_page(player, attempt)
    assert keys_on(page, attempt) == 0 and HELD_BACK in page
    assert not practice_offers(player, attempt)
