"""Nobody is locked out by someone else's failures (issue 18): a script failing
from a shared address leaves its colleagues a proof of work, not a 429; a rival
flooding one phone with wrong passwords leaves the owner's known device in,
while the rival's guesses stay refused."""
import hashlib
import random
import re
from itertools import count

import pytest
from flask import current_app

from contest.accounts.services import known_device
from tests.accounts.test_login_limits import LIMIT, post_login, throttled  # noqa: F401 (fixture)
from tests.conftest import PASSWORD

ADDRESS_LIMIT = 300  # failed logins a minute from one address


@pytest.fixture
def quick_failures(monkeypatch):
    """Unknown phones skip the dummy hash: the limits are tested here, not hashing."""
    monkeypatch.setattr("contest.accounts.services.accounts.spend_a_check", lambda password: None)


def flood_address(app, failures=ADDRESS_LIMIT + 5):
    for _ in range(failures):
        post_login(app, f"09{random.randrange(10**8):08d}", "sai")


def solve(page: str) -> dict:
    """What the browser's login-challenge.js sends: the challenge and its answer."""
    challenge = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    bits = int(re.search(r'data-bits="(\d+)"', page).group(1))
    for answer in count():
        digest = hashlib.sha256(f"{challenge}:{answer}".encode()).digest()
        if int.from_bytes(digest, "big") >> (256 - bits) == 0:
            return {"challenge": challenge, "answer": str(answer)}


def test_a_colleague_behind_a_flooded_address_logs_in_after_the_proof_of_work(
        throttled, make_user, quick_failures):
    colleague = make_user()
    flood_address(throttled)
    browser = throttled.test_client()
    page = browser.get("/dang-nhap").get_data(as_text=True)
    assert "Đang xác minh trình duyệt" in page
    response = browser.post("/dang-nhap", data={"identifier": colleague.phone, "password": PASSWORD,
                                                **solve(page)})
    assert response.status_code == 302


def test_from_a_flooded_address_an_unproven_try_is_challenged_without_checking_the_password(
        throttled, make_user, quick_failures):
    colleague = make_user()
    flood_address(throttled)
    right = post_login(throttled, colleague.phone, PASSWORD)
    wrong = post_login(throttled, colleague.phone, "sai")
    assert right.status_code == wrong.status_code == 429  # the answer tells nothing
    assert "xác minh" in right.get_data(as_text=True)


def test_one_proof_of_work_buys_one_try(throttled, make_user, quick_failures):
    colleague = make_user()
    flood_address(throttled)
    browser = throttled.test_client()
    proof = solve(browser.get("/dang-nhap").get_data(as_text=True))
    first = browser.post("/dang-nhap", data={"identifier": colleague.phone, "password": "sai", **proof})
    again = browser.post("/dang-nhap", data={"identifier": colleague.phone, "password": PASSWORD, **proof})
    assert (first.status_code, again.status_code) == (422, 429)


def logged_in_before(app, user):
    """The owner's own browser: logged in once (the known-device cookie), then out."""
    browser = app.test_client()
    assert browser.post("/dang-nhap", data={"identifier": user.phone, "password": PASSWORD}).status_code == 302
    browser.post("/dang-xuat")
    return browser


def test_a_rival_flooding_a_phone_does_not_keep_its_owner_out(throttled, make_user):
    owner = make_user()
    owners_phone = logged_in_before(throttled, owner)
    rival = [post_login(throttled, owner.phone, "sai").status_code for _ in range(LIMIT + 5)]
    assert rival == [422] * LIMIT + [429] * 5
    assert post_login(throttled, owner.phone, PASSWORD).status_code == 429  # the rival cannot guess
    response = owners_phone.post("/dang-nhap", data={"identifier": owner.phone, "password": PASSWORD})
    assert response.status_code == 302


def test_a_known_device_has_its_own_limit_for_the_account(throttled, make_user):
    owner = make_user()
    shared_computer = logged_in_before(throttled, owner)
    tries = [shared_computer.post("/dang-nhap", data={"identifier": owner.phone, "password": "sai"})
             .status_code for _ in range(LIMIT + 1)]
    assert tries == [422] * LIMIT + [429]


def test_a_forged_known_device_cookie_does_not_lift_the_limit(throttled, make_user):
    owner = make_user()
    for _ in range(LIMIT):
        post_login(throttled, owner.phone, "sai")
    forger = throttled.test_client()
    forger.set_cookie(known_device.COOKIE, '{"device": "x", "accounts": [%d]}' % owner.id)
    response = forger.post("/dang-nhap", data={"identifier": owner.phone, "password": PASSWORD})
    assert response.status_code == 429


def test_the_owner_is_told_once_by_email(throttled, make_user):
    owner = make_user(email="chu@example.vn")
    for _ in range(LIMIT * 2):
        post_login(throttled, owner.phone, "sai")
    sent = getattr(current_app.extensions["mailman"], "outbox", [])
    notices = [mail for mail in sent if mail.to == ["chu@example.vn"]]
    assert len(notices) == 1
    assert "thiết bị bạn đã đăng nhập trước đây" in notices[0].body
