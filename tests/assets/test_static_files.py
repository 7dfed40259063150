"""Static files: linked under a hash of their content, compressed once (Brotli and
gzip beside each file), cached by browsers for a year or more as immutable."""
import re
from pathlib import Path

import pytest
from flask import url_for

from contest import create_app
from contest.assets.static_files import build
from contest.config import TestConfig
from tests.assets.helpers import DECODE, get

STATIC = Path(__file__).resolve().parents[2] / "static"
YEAR = 365 * 24 * 3600
STATIC_LINK = re.compile(r'(?:href|src)="(/static/[^"]+)"')
HASHED = re.compile(r"/static/(?P<stem>.+)\.[0-9a-f]{12}(?P<suffix>\.(?:css|js|svg|png|ico))")


def linked_static_files(client, url: str) -> dict[str, str]:
    """Each static file a page links, by its plain name: {'css/app.css': '/static/css/app.<hash>.css'}."""
    links = STATIC_LINK.findall(client.get(url).get_data(as_text=True))
    named = {}
    for link in links:
        match = HASHED.fullmatch(link)
        assert match, f"{link} carries no content hash"
        named[match["stem"] + match["suffix"]] = link
    return named


def test_pages_link_their_css_and_scripts_by_content_hash(client):
    assert {"css/bootstrap.min.css", "css/app.css"} <= linked_static_files(client, "/dang-nhap").keys()
    assert "js/unit-picker.js" in linked_static_files(client, "/dang-ky")


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_static_file_comes_precompressed_and_cached_for_good(client, encoding):
    url = linked_static_files(client, "/dang-nhap")["css/bootstrap.min.css"]
    response = get(client, url, encoding)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    cache_control = response.headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= YEAR
    assert "immutable" in cache_control
    assert DECODE[encoding](response.data) == (STATIC / "css/bootstrap.min.css").read_bytes()


def test_a_static_file_is_plain_for_a_client_without_compression(client):
    url = linked_static_files(client, "/dang-nhap")["css/app.css"]
    response = get(client, url)
    assert "Content-Encoding" not in response.headers
    assert response.data == (STATIC / "css/app.css").read_bytes()


def test_the_plain_name_still_answers_with_a_short_lifetime(client):
    response = get(client, "/static/css/app.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]


def test_a_changed_file_gets_a_new_name_and_each_version_is_compressed_once(tmp_path):
    source, target = tmp_path / "static", tmp_path / "build"
    (source / "css").mkdir(parents=True)
    stylesheet = source / "css" / "site.css"
    stylesheet.write_text("body { color: #a4161a; }\n" * 50)
    first = build(source, target)["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", first)
    for suffix, decode in ((".br", DECODE["br"]), (".gz", DECODE["gzip"])):
        assert decode((target / (first + suffix)).read_bytes()) == stylesheet.read_bytes()
    written = (target / first).stat().st_mtime_ns
    assert build(source, target)["css/site.css"] == first
    assert (target / first).stat().st_mtime_ns == written  # not made again

    stylesheet.write_text("body { color: #7a0f12; }\n" * 50)
    second = build(source, target)["css/site.css"]
    assert second != first
    assert (target / second).read_bytes() == stylesheet.read_bytes()
    assert (target / first).exists()  # a page already open still finds the old one


def test_without_a_writable_build_folder_the_files_are_served_as_before(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")

    class Config(TestConfig):
        STATIC_BUILD_DIR = str(blocker / "build")  # cannot be made: a file is in the way

    app = create_app(Config)
    with app.test_request_context():
        url = url_for("static", filename="css/app.css")
    assert url == "/static/css/app.css"
    assert app.test_client().get(url).status_code == 200
