"""Extra time for a person (WCAG 2.2.1): an organizer picks a multiple of the round's
limit with a reason, from the person's page; it is audited in the same
transaction, and attempts started afterwards end that much later (never after
the round closes). The rules page says how such attempts are ranked."""
from datetime import timedelta

from contest.audit.models import AuditLog
from contest.extensions import db
from tests.accounts.admin_helpers import URL, accounts_snapshot, audit_rows, readable, reload
from tests.quiz.helpers import start

REASON = "Khuyết tật thị giác, dùng phần mềm đọc màn hình"


def give(client, user, percent, reason=REASON):
    return client.post(f"{URL}/{user.id}/thoi-gian-lam-bai",
                       data={"percent": str(percent), "reason": reason})


def test_an_organizer_gives_extra_time_and_it_is_audited(as_user, make_user):
    console, organizer = as_user("organizer")
    person = make_user()
    response = give(console, person, 150)
    assert response.status_code == 302
    assert reload(person).time_limit_percent == 150
    [entry] = audit_rows("account.extra_time")
    assert entry.actor_id == organizer.id and entry.target_id == str(person.id)
    assert REASON not in str(entry.details)  # a reference: erased with the person's data
    assert readable(entry) == {"reason": REASON,
                             "changes": {"time_limit_percent": {"before": 100, "after": 150}}}

    page = console.get(f"{URL}/{person.id}").get_data(as_text=True)
    assert "Gấp 1,5 lần thời gian quy định" in page
    assert "Thêm thời gian làm bài" in page and REASON in page  # the person's log

    assert give(console, person, 100, "Hết nhu cầu").status_code == 302
    assert reload(person).time_limit_percent is None
    assert len(audit_rows("account.extra_time")) == 2


def test_bad_input_changes_nothing(as_user, make_user):
    console, _ = as_user("organizer")
    person = make_user()
    before = accounts_snapshot()
    for percent, reason in ((150, ""), (150, "   "), (300, REASON), ("abc", REASON),
                            (150, "x" * 501)):
        response = give(console, person, percent, reason)
        assert response.status_code == 400, (percent, reason)
        assert "Chưa thực hiện" in response.get_data(as_text=True)
    assert give(console, person, 100).status_code == 400  # already the standard time
    assert reload(person).time_limit_percent is None
    assert accounts_snapshot() == before
    assert audit_rows("account.extra_time") == []


def test_only_organizers_may_and_staff_accounts_are_the_admins(as_user, make_user):
    person = make_user()
    contestant, _ = as_user("contestant")
    assert give(contestant, person, 150).status_code == 403
    console, _ = as_user("organizer")
    assert give(console, make_user(role="organizer"), 150).status_code == 403
    assert give(console, person, 150).status_code == 302
    assert db.session.query(AuditLog).filter_by(action="account.extra_time").count() == 1


def test_attempts_started_afterwards_get_the_longer_deadline(
        app, frozen, make_questions, make_round, as_user):
    make_questions(6)
    round_ = make_round(questions=3, time_limit=600, closes_in=timedelta(days=1), max_attempts=3)
    client, person = as_user("contestant")
    console, _ = as_user("organizer")

    first = start(client, round_)
    assert first.deadline_at - first.started_at == timedelta(minutes=10)
    give(console, person, 150)
    assert start(client, round_).id == first.id  # the attempt in progress keeps its deadline

    client.post(f"/bai-thi/{first.public_id}/nop", data={"prediction": "1"})
    second = start(client, round_)
    assert second.deadline_at - second.started_at == timedelta(minutes=15)
    page = client.get(f"/bai-thi/{second.public_id}").get_data(as_text=True)
    assert 'data-remaining-ms="900000"' in page and "15:00" in page  # the timer counts to it


def test_the_deadline_is_still_the_close_of_the_round(app, frozen, make_questions, make_round,
                                                      as_user):
    make_questions(6)
    round_ = make_round(questions=3, time_limit=600, closes_in=timedelta(minutes=12))
    client, person = as_user("contestant")
    person.time_limit_percent = 200
    db.session.commit()
    attempt = start(client, round_)
    assert attempt.deadline_at == round_.closes_at


def test_the_rules_page_says_how_such_attempts_rank(client, make_round):
    make_round()
    page = client.get("/the-le").get_data(as_text=True)
    assert "gấp 1,25; 1,5 hoặc 2 lần thời gian quy định" in page
    assert "thời gian làm bài thực tế (không quy đổi)" in page
