"""A forgotten password: a single-use link, valid 30 minutes, mailed through SMTP;
the page never tells whether an account has the address."""
import asyncio
import email
import re
import socket
import threading
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from flask import current_app

from contest import create_app
from contest.accounts.models import User
from contest.audit.models import AuditLog
from contest.config import TestConfig
from contest.extensions import db
from tests.conftest import PASSWORD, CSRFClient
from tests.hostile import FORGED_HOST, forge_host
from tests.queries import count_queries

NEW_PASSWORD = "mat-khau-moi-456"
LINK = re.compile(r"https?://\S+/dat-lai-mat-khau/\S+")


def outbox() -> list:
    return getattr(current_app.extensions["mailman"], "outbox", [])


def link_in(body: str) -> str:
    return "/" + LINK.search(body).group(0).split("/", 3)[3]


def ask_for_link(client, address: str):
    return client.post("/quen-mat-khau", data={"email": address})


def login_works(client, user, password) -> bool:
    response = client.post("/dang-nhap", data={"identifier": user.phone, "password": password})
    if response.status_code == 302:
        client.post("/dang-xuat")
    return response.status_code == 302


def set_password(client, link: str, password: str = NEW_PASSWORD):
    return client.post(link, data={"password": password, "password_confirm": password})


@pytest.fixture
def user(make_user):
    return make_user(email="hoa@example.vn")


def mailed_link(client, user) -> str:
    assert ask_for_link(client, user.email).status_code == 302
    return link_in(outbox()[-1].body)


def test_the_mailed_link_sets_a_new_password(client, user):
    response = ask_for_link(client, "  HOA@Example.vn ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/quen-mat-khau/da-gui"
    assert "Nếu email bạn nhập là email của một tài khoản" in client.get("/quen-mat-khau/da-gui").get_data(as_text=True)
    [message] = outbox()
    assert message.to == ["hoa@example.vn"]
    assert "Đặt lại mật khẩu" in message.subject
    assert user.full_name in message.body and "30 phút" in message.body
    link = link_in(message.body)

    page = client.get(link)
    assert page.status_code == 200 and "Đặt mật khẩu mới" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    done = set_password(client, link)
    assert done.status_code == 302 and done.headers["Location"] == "/dang-nhap"
    assert login_works(client, user, NEW_PASSWORD)
    assert not login_works(client, user, PASSWORD)
    assert db.session.query(AuditLog).filter_by(action="account.reset_password_email").count() == 1


def test_the_answer_is_the_same_whether_or_not_an_account_exists(client, user, make_user):
    make_user(email=None)
    known, unknown = ask_for_link(client, user.email), ask_for_link(client, "ai-do@example.vn")
    assert (known.status_code, known.headers["Location"], known.get_data()) == (
        unknown.status_code, unknown.headers["Location"], unknown.get_data())
    assert [message.to for message in outbox()] == [["hoa@example.vn"]]


def test_a_forged_host_header_never_reaches_the_mailed_link(client, user):
    response = client.post("/quen-mat-khau", data={"email": user.email,
                                                   "csrf_token": client.csrf_token()},
                           headers=forge_host(client))
    assert response.status_code == 302
    [message] = outbox()
    assert FORGED_HOST not in message.body
    assert f"{TestConfig.PUBLIC_URL}/dat-lai-mat-khau/" in message.body


@pytest.mark.commits
def test_the_request_does_the_same_work_for_a_known_and_an_unknown_address(app, user):
    """The lookup, the token and the mail happen after the answer, off the request:
    the request runs the same statements (none on accounts) and answers the same."""
    other = app_with(app, MAIL_SEND_INLINE=False)
    with other.app_context():
        client = other.test_client()
        ask_for_link(client, "truoc-do@example.vn")  # the session as it stays, before counting
        known, known_work = answer_and_statements(client, user.email)
        unknown, unknown_work = answer_and_statements(client, "ai-do@example.vn")
        wait_for_mail_threads()
        assert known_work == unknown_work
        assert not [statement for statement in known_work if "users" in statement]
        assert (known.status_code, known.headers.to_wsgi_list(), known.get_data()) == (
            unknown.status_code, unknown.headers.to_wsgi_list(), unknown.get_data())
        # The known address still gets its link, from the background.
        [message] = outbox()
        assert message.to == ["hoa@example.vn"] and link_in(message.body)
        db.session.remove()


def answer_and_statements(client, address: str):
    """The answer to a link request and the SQL run on the request's own thread."""
    with count_queries() as statements:
        response = ask_for_link(client, address)
    return response, statements


def wait_for_mail_threads() -> None:
    for thread in threading.enumerate():
        if thread.name == "mail":
            thread.join(10)


def test_a_link_works_once_and_the_earlier_links_die_with_it(client, user):
    first, second = mailed_link(client, user), mailed_link(client, user)
    assert set_password(client, second).status_code == 302
    for used in (second, first):
        again = set_password(client, used, "mat-khau-thu-ba-789")
        assert again.status_code == 400
        assert "đã được dùng" in again.get_data(as_text=True)
        assert client.get(used).status_code == 400
    assert login_works(client, user, NEW_PASSWORD)


def test_a_link_lasts_30_minutes(client, user, frozen):
    link = mailed_link(client, user)
    frozen.move(minutes=29)
    assert client.get(link).status_code == 200
    frozen.move(minutes=2)
    expired = set_password(client, link)
    assert expired.status_code == 400 and "đã hết hạn" in expired.get_data(as_text=True)
    assert login_works(client, user, PASSWORD)


@pytest.mark.parametrize("tamper", [
    lambda link: link[:-2] + ("AA" if not link.endswith("AA") else "BB"),
    lambda link: "/dat-lai-mat-khau/khong-phai-ma",
])
def test_a_forged_link_is_refused(client, user, tamper):
    response = set_password(client, tamper(mailed_link(client, user)))
    assert response.status_code == 400
    assert "Vui lòng yêu cầu một đường dẫn mới" in response.get_data(as_text=True)
    assert login_works(client, user, PASSWORD)


def test_a_short_new_password_is_refused_and_the_link_still_works(client, user):
    link = mailed_link(client, user)
    refused = set_password(client, link, "ngan")
    assert refused.status_code == 422 and "từ 8 đến 128 ký tự" in refused.get_data(as_text=True)
    mismatch = client.post(link, data={"password": NEW_PASSWORD, "password_confirm": "khac-han-1"})
    assert mismatch.status_code == 422 and "không khớp" in mismatch.get_data(as_text=True)
    assert login_works(client, user, PASSWORD)
    assert set_password(client, link).status_code == 302


def test_a_locked_account_gets_no_link(client, user, frozen):
    user.locked_at = frozen.at
    db.session.commit()
    assert ask_for_link(client, user.email).status_code == 302
    assert outbox() == []


def test_a_malformed_address_is_refused_in_vietnamese(client):
    response = ask_for_link(client, "khong-phai-email")
    assert response.status_code == 422
    assert "Email không hợp lệ" in response.get_data(as_text=True)
    assert outbox() == []


def test_without_an_email_the_page_says_who_resets_it(client):
    html = client.get("/quen-mat-khau").get_data(as_text=True)
    assert "Tài khoản không có email?" in html
    assert "lãnh đạo đơn vị" in html and "Ban Tổ chức" in html


def test_the_login_page_links_the_reset_and_does_not_force_the_email_keyboard(client):
    html = client.get("/dang-nhap").get_data(as_text=True)
    assert 'href="/quen-mat-khau"' in html
    tag = re.search(r'<input[^>]*id="identifier"[^>]*>', html).group(0)
    attributes = dict(re.findall(r'([a-z-]+)="([^"]*)"', tag))
    assert attributes["type"] == "text"
    assert attributes["autocomplete"] == "username"
    assert attributes.get("inputmode", "text") not in ("email", "tel", "numeric")


# --- other settings: mail not configured, rate limit, a real SMTP server --------

def app_with(app, **settings):
    """The app of ``app``'s database with other settings (the request's own context)."""
    config = type("Config", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], **settings})
    other = create_app(config)
    other.test_client_class = CSRFClient
    return other


@pytest.mark.commits
def test_without_mail_configured_the_page_sends_people_to_the_organizer(app, user):
    other = app_with(app, MAIL_BACKEND="dummy")
    with other.app_context():
        client = other.test_client()
        html = client.get("/quen-mat-khau").get_data(as_text=True)
        assert "chưa gửi được email" in html and 'name="email"' not in html
        assert "Ban Tổ chức" in html
        assert ask_for_link(client, user.email).status_code == 200
        db.session.remove()


@pytest.mark.commits
def test_one_address_gets_at_most_three_links_an_hour(app, user):
    other = app_with(app, RATELIMIT_ENABLED=True)
    with other.app_context():
        client = other.test_client()
        for _ in range(3):
            assert ask_for_link(client, user.email.upper()).status_code == 302
        blocked = ask_for_link(client, user.email)
        assert blocked.status_code == 429
        assert "thao tác quá nhanh" in blocked.get_data(as_text=True)
        assert len(outbox()) == 3
        # The limit is per address (one office NAT): a colleague still gets a link.
        assert ask_for_link(client, "dong-nghiep@example.vn").status_code == 302
        db.session.remove()


class Inbox:
    """aiosmtpd handler: keeps what it receives; holds each message until released."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.release = threading.Event()
        self.received = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 10)
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        self.received.set()
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.hostname, controller.port, inbox
    inbox.release.set()
    controller.stop()


@pytest.mark.commits
def test_the_link_goes_out_through_smtp_without_holding_the_page(app, user, smtp_server):
    host, port, inbox = smtp_server
    other = app_with(app, MAIL_BACKEND="smtp", MAIL_SERVER=host, MAIL_PORT=port,
                     MAIL_USE_TLS=False, MAIL_SEND_INLINE=False,
                     MAIL_DEFAULT_SENDER="thi-cchc@example.vn")
    with other.app_context():
        client = other.test_client()
        assert ask_for_link(client, user.email).status_code == 302
        # The page answered while the SMTP server still held the message.
        assert inbox.messages == []
        inbox.release.set()
        assert inbox.received.wait(10)
        [message] = inbox.messages
        assert (message["To"], message["From"]) == ("hoa@example.vn", "thi-cchc@example.vn")
        assert "Đặt lại mật khẩu" in message["Subject"]
        body = message.get_content()
        assert user.full_name in body
        assert set_password(client, link_in(body)).status_code == 302
        db.session.remove()
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(NEW_PASSWORD)
