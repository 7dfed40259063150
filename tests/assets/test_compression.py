"""Pages and the JSON API go out compressed to the browsers that accept it
(Brotli first, else gzip); small answers and the spreadsheet exports go out as
they are; caches are told that the body depends on Accept-Encoding."""
import json

import pytest

from tests.assets.helpers import DECODE, get
from tests.conftest import login

CHROMIUM = "gzip, deflate, br, zstd"


@pytest.fixture
def home(make_round):
    make_round()
    return "/"


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_page_is_compressed_for_a_browser_that_accepts_it(client, home, encoding):
    plain = get(client, home)
    response = get(client, home, encoding)
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert int(response.headers["Content-Length"]) == len(response.data) < len(plain.data) / 2
    html = DECODE[encoding](response.data).decode()
    assert html.startswith("<!doctype html>") and "Cuộc thi thử" in html


def test_brotli_is_chosen_when_the_browser_offers_it_among_others(client, home):
    assert get(client, home, CHROMIUM).headers["Content-Encoding"] == "br"


@pytest.mark.parametrize("accept_encoding", [None, "identity"])
def test_a_page_is_plain_for_a_client_that_does_not_accept_compression(client, home, accept_encoding):
    response = get(client, home, accept_encoding)
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.get_data(as_text=True).startswith("<!doctype html>")


def test_a_large_json_answer_is_compressed(client, make_unit):
    for number in range(20):
        make_unit(name=f"Xã Thử Nghiệm {number}", kind="commune")
    response = get(client, "/api/don-vi?q=xa thu nghiem", CHROMIUM)
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "no-store"
    assert len(json.loads(DECODE["br"](response.data))["units"]) == 20


def test_a_tiny_json_answer_is_not_compressed(client):
    response = get(client, "/api/don-vi?q=khong-co-don-vi-nay", CHROMIUM)
    assert "Content-Encoding" not in response.headers
    assert response.get_json() == {"units": []}


def test_a_spreadsheet_export_is_sent_as_it_is(client, make_user):
    login(client, make_user(role="organizer"))
    response = get(client, "/quan-tri/danh-muc-don-vi/danh-sach.xlsx", CHROMIUM)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert response.data[:2] == b"PK"  # the xlsx itself, a zip
