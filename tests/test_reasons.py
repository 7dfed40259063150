"""Every action that takes a reason checks it the same way (``contest.reasons``):
an empty reason is refused with the action's own message, one over 500
characters with "Lý do tối đa 500 ký tự.", both as 400 with nothing recorded;
and a service called without its form applies the same rule and messages."""
from datetime import timedelta

import pytest

from contest import clock
from contest.accounts.services import extra_time
from contest.accounts.services import management
from contest.audit.models import AuditLog
from contest.admin.services import lifecycle
from contest.extensions import db
from contest.privacy.services import requests as privacy
from contest.privacy.models import DeletionRequest
from contest.prizes import services as prizes
from contest.reasons import TOO_LONG, ReasonRequired
from tests.conftest import login

TOO_LONG_TEXT = "x" * 501
ACCOUNTS = "/quan-tri/tai-khoan"


@pytest.fixture
def organizer_client(client, make_user):
    organizer = make_user(role="organizer")
    login(client, organizer)
    client.organizer = organizer
    return client


@pytest.fixture
def actions(frozen, make_user, make_questions, make_round):
    """(url, the other fields, the message for an empty reason or None: optional)."""
    make_questions(5)
    target, locked, round_ = make_user(), make_user(), make_round(closes_in=timedelta(days=1))
    locked.locked_at = clock.now()  # the unlock form is on a locked person's page only
    db.session.commit()
    later = (round_.closes_at + timedelta(days=2)).strftime("%d/%m/%Y %H:%M")
    return {
        "lock": (f"{ACCOUNTS}/{target.id}/khoa", {}, management.LOCK_REASON_MISSING),
        "unlock": (f"{ACCOUNTS}/{locked.id}/mo-khoa", {}, None),
        "correct": (f"{ACCOUNTS}/{target.id}/sua", {
            "full_name": "Tên mới", "date_of_birth": "01/01/1990", "unit_id": str(target.unit_id),
        }, management.CORRECTION_REASON_MISSING),
        "extra_time": (f"{ACCOUNTS}/{target.id}/thoi-gian-lam-bai", {"percent": "150"},
                       extra_time.EXTRA_TIME_REASON_MISSING),
        "extend": (f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/gia-han", {"closes_at": later},
                   lifecycle.EXTEND_REASON_MISSING),
        "disqualify": (f"/quan-tri/dot-thi/{round_.id}/loai/{target.id}", {},
                       prizes.DISQUALIFY_REASON_MISSING),
    }


def audit_count() -> int:
    return db.session.query(AuditLog).count()


@pytest.mark.parametrize("action", ["lock", "unlock", "correct", "extra_time", "extend", "disqualify"])
def test_every_action_refuses_a_reason_over_500_characters_alike(organizer_client, actions, action):
    url, fields, _ = actions[action]
    before = audit_count()
    response = organizer_client.post(url, data={**fields, "reason": TOO_LONG_TEXT})
    assert response.status_code == 400
    assert TOO_LONG in response.get_data(as_text=True)
    assert audit_count() == before


@pytest.mark.parametrize("action", ["lock", "correct", "extra_time", "extend", "disqualify"])
def test_every_action_needing_a_reason_refuses_a_blank_one_with_its_message(
        organizer_client, actions, action):
    url, fields, missing = actions[action]
    before = audit_count()
    response = organizer_client.post(url, data={**fields, "reason": " \u200b\n "})
    assert response.status_code == 400
    assert missing in response.get_data(as_text=True)
    assert audit_count() == before


def test_a_deletion_request_refuses_a_reason_over_500_characters(client, contestant):
    login(client, contestant)
    response = client.post("/ho-so/du-lieu-ca-nhan/yeu-cau-xoa",
                           data={"confirm": "y", "reason": TOO_LONG_TEXT})
    assert response.status_code == 400 and TOO_LONG in response.get_data(as_text=True)
    assert db.session.query(DeletionRequest).count() == 0


def test_services_apply_the_forms_rule_and_messages(frozen, make_user, make_questions, make_round):
    """Called without a form (a CLI, a job), a service refuses as the page does."""
    organizer, target = make_user(role="organizer"), make_user()
    make_questions(5)
    round_ = make_round(closes_in=timedelta(days=1))
    later = round_.closes_at + timedelta(days=2)
    calls = {
        lifecycle.EXTEND_REASON_MISSING: lambda reason: lifecycle.extend(round_, later, reason, organizer),
        prizes.DISQUALIFY_REASON_MISSING: lambda reason: prizes.disqualify_winner(
            round_, target.id, reason, organizer),
        management.LOCK_REASON_MISSING: lambda reason: management.lock(target, reason, organizer),
        extra_time.EXTRA_TIME_REASON_MISSING: lambda reason: extra_time.set_time_limit_percent(
            target, 150, reason, organizer),
    }
    for missing, call in calls.items():
        with pytest.raises(ReasonRequired) as blank:
            call("  ")
        assert blank.value.message == missing
        with pytest.raises(ReasonRequired) as long:
            call(TOO_LONG_TEXT)
        assert long.value.message == TOO_LONG
    with pytest.raises(ReasonRequired) as long:
        privacy.request_deletion(target, TOO_LONG_TEXT)
    assert long.value.message == TOO_LONG
