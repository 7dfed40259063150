"""What browsers and proxies may keep: nothing answered to a logged-in person
(pages, JSON, downloads) nor a page carrying a form's CSRF token; public
static files, charts and the logo stay cacheable. HSTS over HTTPS only, and
gunicorn does not announce itself."""
import re
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from contest import _trust_proxies, clock
from contest.rankings.services.results import compute_results
from tests.conftest import login
from tests.quiz.helpers import save, start
from tests.rankings.helpers import take_attempt

ROOT = Path(__file__).resolve().parent.parent
HSTS = "max-age=31536000; includeSubDomains"


def no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


@pytest.fixture
def round_(make_questions, make_round):
    make_questions(6)
    return make_round(questions=3)


def test_a_logged_in_persons_pages_and_answers_are_never_stored(logged_in, round_):
    attempt = start(logged_in, round_)
    for response in (
        logged_in.get(f"/bai-thi/{attempt.public_id}"),
        save(logged_in, attempt, 1, 0),
        logged_in.get("/lich-su"),
        logged_in.get("/ho-so"),
        logged_in.get("/"),
    ):
        assert response.status_code == 200
        assert no_store(response), response.request.path


def test_an_organizers_downloads_are_never_stored(client, make_user, make_unit):
    make_unit()
    login(client, make_user(role="organizer"))
    for url in ("/quan-tri/danh-muc-don-vi/danh-sach.xlsx", "/quan-tri/cau-hoi/ngan-hang.xlsx"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype.endswith("sheet")
        assert no_store(response), url


def test_a_certificate_is_never_stored(logged_in, contestant, round_):
    take_attempt(contestant, round_, correct=2, seconds=40, prediction=1)
    clock.freeze(round_.closes_at + timedelta(minutes=5))
    compute_results(round_)
    response = logged_in.get(f"/chung-nhan/dot-thi/{round_.id}/tham-gia.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert no_store(response)


def test_pages_with_a_form_are_never_stored_even_anonymously(client):
    for url in ("/dang-nhap", "/dang-ky"):
        response = client.get(url)
        assert response.status_code == 200
        assert no_store(response), url


def test_a_visitors_home_page_sets_no_cookie_and_may_be_cached(app, round_):
    home = app.test_client().get("/")
    assert home.status_code == 200 and "Bắt đầu thi" not in home.get_data(as_text=True)
    assert "Set-Cookie" not in home.headers and not no_store(home)


def test_public_things_stay_cacheable(app, logged_in, round_):
    anonymous = app.test_client()
    rules = anonymous.get("/the-le")
    assert rules.status_code == 200 and not no_store(rules)
    page = anonymous.get("/dang-nhap").get_data(as_text=True)
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]+\.css)"', page).group(1)
    for visitor in (anonymous, logged_in):
        asset = visitor.get(stylesheet)
        assert asset.status_code == 200
        assert "immutable" in asset.headers["Cache-Control"] and not no_store(asset)
        chart = visitor.get(f"/bieu-do/dot-thi/{round_.id}/theo-ngay.svg")
        assert chart.status_code == 200
        assert chart.headers["Cache-Control"] == "public, max-age=60"


def test_hsts_only_over_https(app, round_):
    secure = app.test_client().get("/the-le", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == HSTS
    plain = app.test_client().get("/the-le")
    assert "Strict-Transport-Security" not in plain.headers


def test_hsts_behind_a_proxy_that_says_https(app, round_):
    app.config["PROXY_COUNT"] = 1
    _trust_proxies(app)
    response = app.test_client().get("/the-le", headers={"X-Forwarded-Proto": "https",
                                                         "X-Forwarded-For": "203.0.113.5"})
    assert response.headers.get("Strict-Transport-Security") == HSTS


def test_gunicorn_does_not_announce_itself():
    runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    from gunicorn.http.wsgi import Response
    response = Response(SimpleNamespace(version=(1, 1), method="GET", headers=[]), None,
                        SimpleNamespace(keepalive=5))
    response.status = "200 OK"
    response.should_close = lambda: False
    headers = "".join(response.default_headers())
    assert "gunicorn" not in headers.lower()
