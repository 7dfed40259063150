"""A new e-mail on /ho-so is used once its mailbox confirms it; the page answers the
same whether or not the address is another account's."""
import re

import pytest

from contest.audit.models import AuditLog
from contest.extensions import db
from contest.privacy.services.anonymise import anonymise_user
from tests.accounts.test_password_reset import app_with, outbox
from tests.accounts.test_profile import details, reloaded
from tests.conftest import login

LINK = re.compile(r"https?://\S+/ho-so/xac-nhan-email/\S+")
CSRF_TOKEN = re.compile(r'value="[^"]+\.[^"]+\.[^"]+"')  # signed, timed: differs per page
SENT = "Đã gửi thư xác nhận tới {}; email mới được dùng sau khi bạn bấm vào đường link trong thư."


@pytest.fixture
def other(make_user):
    return make_user(phone="0912000099", email="taken@example.vn")


def ask_for(client, user, email):
    """Submit the profile with a new e-mail; the page it leads to."""
    response = client.post("/ho-so", data=details(user, email=email))
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def mailed_link(app, message) -> str:
    """The path of the link in ``message``, checked to be on PUBLIC_URL."""
    link = LINK.search(message.body).group(0)
    assert link.startswith(app.config["PUBLIC_URL"] + "/")
    return link[len(app.config["PUBLIC_URL"]):]


def test_another_accounts_email_gets_the_same_answer_as_a_fresh_one(logged_in, contestant, other):
    taken_page = ask_for(logged_in, contestant, "TAKEN@example.vn")
    fresh_page = ask_for(logged_in, contestant, "moi@example.vn")
    assert SENT.format("taken@example.vn") in taken_page and SENT.format("moi@example.vn") in fresh_page
    assert CSRF_TOKEN.sub("", taken_page.replace("taken@", "moi@")) == CSRF_TOKEN.sub("", fresh_page)
    assert "đã được dùng" not in taken_page
    assert reloaded(contestant).email is None  # nothing used before the link is followed
    assert db.session.query(AuditLog).filter_by(action="account.profile").count() == 0


def test_the_owner_of_a_used_address_is_told_so_and_gets_no_link(logged_in, contestant, other):
    ask_for(logged_in, contestant, "taken@example.vn")
    [message] = outbox()
    assert message.to == ["taken@example.vn"]
    assert "đã gắn với một tài khoản dự thi khác" in message.body and "Ban Tổ chức" in message.body
    assert not LINK.search(message.body) and contestant.full_name not in message.body


def test_the_mailed_link_applies_the_change_with_its_audit_row(app, client, logged_in, contestant):
    ask_for(logged_in, contestant, "Moi@Example.vn")
    [message] = outbox()
    assert message.to == ["moi@example.vn"] and contestant.full_name not in message.body
    link = mailed_link(app, message)
    assert "moi@example.vn" in client.get(link).get_data(as_text=True)
    assert reloaded(contestant).email is None  # opening the page changes nothing
    response = client.post(link)
    assert response.status_code == 302
    assert "Đã đổi email của tài khoản thành moi@example.vn" in client.get("/ho-so").get_data(as_text=True)
    assert reloaded(contestant).email == "moi@example.vn"
    entry = db.session.query(AuditLog).filter_by(action="account.profile").one()
    assert entry.actor_id == contestant.id and "email" in entry.details["changes"]
    used = client.post(link)
    assert used.status_code == 400 and "đã được dùng" in used.get_data(as_text=True)


@pytest.mark.parametrize("tamper", [
    lambda link: link[:-2] + ("AA" if not link.endswith("AA") else "BB"),
    lambda link: "/ho-so/xac-nhan-email/khong-phai-ma",
])
def test_a_forged_link_is_refused(app, client, logged_in, contestant, tamper):
    ask_for(logged_in, contestant, "moi@example.vn")
    response = client.post(tamper(mailed_link(app, outbox()[-1])))
    assert response.status_code == 400
    assert "Đường dẫn xác nhận email không hợp lệ" in response.get_data(as_text=True)
    assert reloaded(contestant).email is None


def test_a_link_lasts_24_hours(app, client, logged_in, contestant, frozen):
    ask_for(logged_in, contestant, "moi@example.vn")
    link = mailed_link(app, outbox()[-1])
    frozen.move(hours=23)
    assert client.get(link).status_code == 200
    frozen.move(hours=2)
    expired = client.post(link)
    assert expired.status_code == 400 and "đã hết hạn" in expired.get_data(as_text=True)
    assert reloaded(contestant).email is None


def test_an_address_taken_before_the_link_is_followed_is_not_applied(app, client, logged_in,
                                                                     contestant, make_user):
    ask_for(logged_in, contestant, "moi@example.vn")
    link = mailed_link(app, outbox()[-1])
    make_user(email="moi@example.vn")
    response = client.post(link)
    assert response.status_code == 409
    assert "đã được dùng cho một tài khoản khác" in response.get_data(as_text=True)
    assert reloaded(contestant).email is None


def test_removing_ones_email_applies_at_once(client, make_user):
    user = make_user(email="cu@example.vn")
    login(client, user)
    assert "Đã lưu thông tin" in ask_for(client, user, "")
    assert reloaded(user).email is None and outbox() == []


def test_other_details_save_at_once_while_the_email_waits(logged_in, contestant):
    response = logged_in.post("/ho-so", data=details(contestant, phone="0987654321",
                                                     email="moi@example.vn"))
    page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã lưu thông tin" in page and SENT.format("moi@example.vn") in page
    user = reloaded(contestant)
    assert (user.phone, user.email) == ("0987654321", None)


def test_without_mail_configured_a_new_email_is_refused_and_nothing_changes(app, logged_in,
                                                                            contestant):
    app.config["MAIL_BACKEND"] = "dummy"
    response = logged_in.post("/ho-so", data=details(contestant, phone="0987654321",
                                                     email="moi@example.vn"))
    assert response.status_code == 422
    assert "không gửi được thư xác nhận" in response.get_data(as_text=True)
    user = reloaded(contestant)
    assert (user.phone, user.email) == ("0912000001", None)


@pytest.mark.commits
def test_one_account_mails_at_most_five_new_addresses_an_hour(app, contestant):
    """The page would otherwise mail any address typed, as often as asked."""
    with app_with(app, RATELIMIT_ENABLED=True).app_context() as context:
        client = context.app.test_client()
        login(client, contestant)
        for number in range(5):
            assert client.post("/ho-so", data=details(contestant, email=f"moi{number}@example.vn")
                               ).status_code == 302
        assert client.post("/ho-so", data=details(contestant, email="moi5@example.vn")
                           ).status_code == 429
        assert client.post("/ho-so", data=details(contestant, full_name="Tên Mới")).status_code == 302
        assert [message.to for message in outbox()] == [[f"moi{n}@example.vn"] for n in range(5)]


def test_a_link_for_an_account_anonymised_since_is_refused(app, logged_in, contestant):
    ask_for(logged_in, contestant, "moi@example.vn")
    link = mailed_link(app, outbox()[-1])
    anonymise_user(reloaded(contestant))
    db.session.commit()
    refused = app.test_client().post(link)
    assert refused.status_code == 400
    assert "Đường dẫn xác nhận email không hợp lệ" in refused.get_data(as_text=True)
    assert reloaded(contestant).email is None
