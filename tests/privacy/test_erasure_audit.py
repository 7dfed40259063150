"""Deleting a person's data erases what the audit log says about them: a phone or
e-mail changed on /ho-so, the name and phone typed in the deletion request, the
address they acted from. Who did what and when stays; the values read "(đã xóa)".
Both deletion paths: a request carried out, and ``flask privacy anonymise``."""
import json
import re
from io import BytesIO

from flask_migrate import downgrade, upgrade
from openpyxl import load_workbook
from sqlalchemy import select, text

from contest import create_app
from contest.audit import personal
from contest.audit.models import AuditLog
from contest.config import TestConfig
from contest.extensions import db
from contest.masking import masked_phone
from contest.privacy.models import DeletionRequest
from tests.accounts.test_password_reset import outbox
from tests.accounts.test_profile import details, reloaded
from tests.conftest import login
from tests.migration_rows import AT, insert_person

REQUESTS = "/quan-tri/du-lieu-ca-nhan/yeu-cau-xoa"
EMAIL_LINK = re.compile(r"https?://[^/\s]+(/ho-so/xac-nhan-email/\S+)")
PHONES = ("0987111222", "0987333444")
EMAILS = ("hanh.moi@example.vn", "hanh.2026@example.vn")
ERASED = "(đã xóa)"


def change_on_profile(client, person, **changes) -> None:
    """Change details on /ho-so as the person; a new e-mail confirmed through the
    link mailed to it, when the page asks for that."""
    sent = len(outbox())
    response = client.post("/ho-so", data=details(reloaded(person), **changes))
    assert response.status_code == 302
    for message in outbox()[sent:]:
        link = EMAIL_LINK.search(message.body)
        if link:
            assert client.post(link.group(1)).status_code == 302


def leave_a_trail(client, person) -> list[str]:
    """The issue's steps: two phone and e-mail changes, then a request for deletion
    with the name and phone typed in the reason. Every personal value involved."""
    old_phone, old_email, name = person.phone, person.email, person.full_name
    login(client, person)
    for phone, email in zip(PHONES, EMAILS):
        change_on_profile(client, person, phone=phone, email=email)
    assert (reloaded(person).phone, reloaded(person).email) == (PHONES[-1], EMAILS[-1])
    reason = f"Tôi là {name}, số điện thoại {PHONES[-1]}, xin xóa dữ liệu"
    response = client.post("/ho-so/du-lieu-ca-nhan/yeu-cau-xoa", data={"confirm": "y", "reason": reason})
    assert response.status_code == 302
    client.post("/dang-xuat")
    phones = [old_phone, *PHONES]
    return [*phones, *map(masked_phone, phones), old_email, *EMAILS, name]


def what_the_organizer_reads(console, person_id: int) -> dict[str, str]:
    workbook = load_workbook(BytesIO(console.get("/quan-tri/nhat-ky/nhat-ky.xlsx").data))
    cells = [str(value) for row in workbook.active.iter_rows(values_only=True) for value in row]
    return {
        "account page": console.get(f"/quan-tri/tai-khoan/{person_id}").get_data(as_text=True),
        "audit log": console.get(f"/quan-tri/nhat-ky/?about={person_id}").get_data(as_text=True),
        "nhat-ky.xlsx": "\n".join(cells),
        "requests page": console.get(REQUESTS).get_data(as_text=True),
    }


def what_the_database_keeps() -> str:
    """Every value of every row of audit_log and deletion_requests, as text."""
    db.session.expire_all()
    rows = [*db.session.execute(select(AuditLog.__table__)),
            *db.session.execute(select(DeletionRequest.__table__))]
    return "\n".join(str(value) for row in rows for value in row)


def assert_nothing_left(console, person_id: int, values: list[str]) -> None:
    read = what_the_organizer_reads(console, person_id)
    for where, text in read.items():
        assert [value for value in values if value in text] == [], where
    assert ERASED in read["account page"] and ERASED in read["audit log"]
    assert ERASED in read["nhat-ky.xlsx"]
    stored = what_the_database_keeps()
    assert [value for value in values if value in stored] == []
    own_rows = db.session.scalars(select(AuditLog).where(AuditLog.actor_id == person_id)).all()
    assert own_rows and all(row.ip is None for row in own_rows)


def who_did_what_when() -> list[tuple]:
    db.session.expire_all()
    return db.session.execute(select(AuditLog.id, AuditLog.at, AuditLog.actor_id, AuditLog.action,
                                     AuditLog.target_type, AuditLog.target_id)
                              .order_by(AuditLog.id)).all()


def test_a_request_carried_out_erases_the_old_phones_emails_and_reason(client, make_user, app):
    person = make_user(email="hanh.cu@example.vn")
    person.full_name = "Lê Thị Hạnh"
    db.session.commit()
    values = leave_a_trail(client, person)
    organizer = make_user(role="organizer")
    login(client, organizer)
    before = what_the_organizer_reads(client, person.id)
    for page in ("account page", "audit log"):  # the history still reads, until deletion
        assert masked_phone("0912000001") in before[page], page
    assert "Lê Thị Hạnh" in before["requests page"] and ERASED not in before["audit log"]
    request, log = db.session.scalar(select(DeletionRequest)), who_did_what_when()
    assert client.post(f"{REQUESTS}/{request.id}/thuc-hien", data={"confirm": "y"}).status_code == 302
    assert_nothing_left(client, person.id, values)
    assert who_did_what_when()[:len(log)] == log


def test_anonymising_a_contest_erases_the_same(client, runner, scenario, frozen):
    an = scenario.people["an"]
    an.email = "an.cu@example.vn"
    db.session.commit()
    values, log = leave_a_trail(client, an), who_did_what_when()
    frozen.move(days=366)
    result = runner.invoke(args=["privacy", "anonymise", "--contest", str(scenario.round.contest_id)])
    assert result.exit_code == 0, result.output
    assert who_did_what_when()[:len(log)] == log
    login(client, scenario.organizer)
    assert_nothing_left(client, an.id, values)


def test_what_an_organizer_typed_about_the_person_is_erased_too(client, make_user):
    person = make_user()
    login(client, person)
    client.post("/ho-so/du-lieu-ca-nhan/yeu-cau-xoa", data={"confirm": "y"})
    client.post("/dang-xuat")
    login(client, make_user(role="organizer"))
    account = f"/quan-tri/tai-khoan/{person.id}"
    typed = {"sua": {"full_name": "Lê Thị Hạnh", "date_of_birth": "17/05/1991",
                     "unit_id": str(person.unit_id), "reason": "Theo CCCD của Lê Thị Hạnh"},
             "thoi-gian-lam-bai": {"percent": "150", "reason": "Chị Hạnh khiếm thị, SĐT 0987555666"},
             "khoa": {"reason": "Lê Thị Hạnh nhờ người thi hộ"}}
    for action, data in typed.items():
        assert client.post(f"{account}/{action}", data=data).status_code == 302
    assert "Chị Hạnh khiếm thị" in client.get(account).get_data(as_text=True)
    request = db.session.scalar(select(DeletionRequest))
    assert client.post(f"{REQUESTS}/{request.id}/thuc-hien", data={"confirm": "y"}).status_code == 302
    assert_nothing_left(client, person.id, ["Người dự thi 1", "Hạnh", "0987555666", "1991-05-17",
                                            "17/05/1991"])


OLD_DETAILS = {
    "account.profile": {"changes": {"phone": {"before": "0912000001", "after": "0987111222"},
                                    "gender": {"before": "nam", "after": "nu"}}},
    "account.lock": {"reason": "Lê Thị Hạnh nhờ người thi hộ"},
    "account.extra_time": {"reason": "Khiếm thị", "changes": {
        "time_limit_percent": {"before": 100, "after": 150}}},
}


def test_the_migration_moves_the_values_already_in_the_log(empty_database_url):
    app = create_app(type("MigrationConfig", (TestConfig,),
                          {"SQLALCHEMY_DATABASE_URI": empty_database_url}))
    with app.app_context():
        upgrade(revision="0012")
        _old_log()
        upgrade()
        stored = db.session.scalars(select(AuditLog).order_by(AuditLog.id)).all()
        assert [value for value in ("0912000001", "0987111222", "Hạnh", "Khiếm thị")
                if value in json.dumps([row.details for row in stored], ensure_ascii=False)] == []
        assert stored[0].details["changes"]["gender"] == {"before": "nam", "after": "nu"}
        assert personal.resolved([row.details for row in stored]) == list(OLD_DETAILS.values())
        personal.erase_about([1])
        assert personal.resolved([stored[1].details]) == [{"reason": personal.ERASED}]
        db.session.rollback()
        downgrade(revision="0012")
        assert [json.loads(details) if isinstance(details, str) else details for details in
                db.session.execute(text("SELECT details FROM audit_log ORDER BY id")).scalars()
                ] == list(OLD_DETAILS.values())
        db.session.remove()
        db.engine.dispose()  # the fixture drops the database (schema) it made


def _old_log() -> None:
    """A person and three audit rows with personal values in clear, as before 0013."""
    insert_person("Người", "0987111222")
    for action, details in OLD_DETAILS.items():
        db.session.execute(text(
            "INSERT INTO audit_log (at, actor_id, action, target_type, target_id, details) "
            "VALUES (:at, 1, :action, 'User', '1', :details)"),
            {"at": AT, "action": action, "details": json.dumps(details, ensure_ascii=False)})
    db.session.commit()
