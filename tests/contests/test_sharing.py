"""A link to the contest shared in Zalo or Facebook shows its title, dates,
organizer and an image, all with absolute addresses; browsers find a favicon."""
import io
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest
from PIL import Image

from contest import clock
from contest.config import TestConfig
from contest.contests.services import set_logo
from contest.contests.models import Round
from contest.extensions import db
from tests.hostile import FORGED_HOST, forge_host


PUBLIC = TestConfig.PUBLIC_URL


class MetaTags(HTMLParser):
    """``<meta property|name=… content=…>`` and ``<link rel=… href=…>`` of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.meta, self.links = {}, {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("property") or attrs.get("name")] = attrs["content"]
        elif tag == "link":
            self.links.setdefault(attrs.get("rel"), []).append(attrs)


def page_tags(client, url="/") -> MetaTags:
    response = client.get(url)
    assert response.status_code == 200
    return MetaTags(response.get_data(as_text=True))


def local_utc(year, month, day, hour=0):
    """A Vietnam wall-clock time as UTC."""
    return clock.local_to_utc(datetime(year, month, day, hour))


@pytest.fixture
def two_rounds(contest):
    clock.freeze(datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc))
    contest.rounds = [
        Round(number=1, name="Đợt 1", opens_at=local_utc(2026, 12, 1, 8),
              closes_at=local_utc(2026, 12, 8), scheduled_at=clock.now()),
        Round(number=2, name="Đợt 2", opens_at=local_utc(2026, 12, 8, 8),
              closes_at=local_utc(2026, 12, 15, 17), scheduled_at=clock.now()),
    ]
    db.session.commit()
    return contest


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_the_contest_page_carries_open_graph_and_twitter_tags(client, two_rounds):
    meta = page_tags(client).meta
    assert meta["og:title"] == meta["twitter:title"] == "Cuộc thi CCHC tỉnh Gia Lai 2026"
    assert meta["og:type"] == "website"
    assert meta["og:locale"] == "vi_VN"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:url"] == f"{PUBLIC}/"
    # The dates as people read them; a round closing at midnight ends the day before.
    assert meta["og:description"] == (
        "Cuộc thi CCHC tỉnh Gia Lai 2026. Đợt 1: 01/12/2026 – 07/12/2026; "
        "Đợt 2: 08/12/2026 – 15/12/2026. Đơn vị tổ chức: UBND tỉnh Gia Lai.")
    assert meta["og:site_name"] == "UBND tỉnh Gia Lai"


def test_without_a_logo_the_shared_image_is_the_default_1200_by_630_png(client, two_rounds):
    meta = page_tags(client).meta
    image = meta["og:image"]
    assert re.fullmatch(rf"{re.escape(PUBLIC)}/static/img/share\.[0-9a-f]{{12}}\.png", image), image
    assert meta["twitter:image"] == image
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    response = client.get(image.removeprefix(PUBLIC))
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert png_size(response.data) == (1200, 630)


def test_an_uploaded_logo_is_the_shared_image(client, two_rounds, make_user):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 400), (164, 22, 26)).save(buffer, "PNG")
    set_logo(two_rounds, buffer.getvalue(), make_user(role="organizer"))
    meta = page_tags(client).meta
    assert re.fullmatch(rf"{re.escape(PUBLIC)}/cuoc-thi/{two_rounds.id}/logo\?v=\d+", meta["og:image"])
    assert meta["og:image:type"] == "image/png"
    assert "og:image:width" not in meta
    response = client.get(meta["og:image"].removeprefix(PUBLIC))
    assert response.data == buffer.getvalue()


def test_public_url_gives_the_address_people_reach(app, client, two_rounds):
    app.config["PUBLIC_URL"] = "https://thi.cchc.gialai.gov.vn"
    meta = page_tags(client).meta
    assert meta["og:url"] == "https://thi.cchc.gialai.gov.vn/"
    assert meta["og:image"].startswith("https://thi.cchc.gialai.gov.vn/static/img/share.")


def test_a_forged_host_header_never_reaches_the_shared_links(client, two_rounds):
    response = client.get("/", headers=forge_host(client))
    meta = MetaTags(response.get_data(as_text=True)).meta
    assert meta["og:url"] == f"{PUBLIC}/"
    assert meta["og:image"].startswith(f"{PUBLIC}/static/img/share.")
    assert FORGED_HOST not in response.get_data(as_text=True)


def test_a_bare_host_name_as_public_url_is_taken_as_https(monkeypatch):
    from contest.config import _public_url

    monkeypatch.setenv("PUBLIC_URL", "thi.cchc.gialai.gov.vn/")
    assert _public_url() == "https://thi.cchc.gialai.gov.vn"
    monkeypatch.setenv("PUBLIC_URL", "http://127.0.0.1:5000/")
    assert _public_url() == "http://127.0.0.1:5000"


def test_browsers_get_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.data.startswith(b"\x00\x00\x01\x00")  # an ICO file
    links = page_tags(client, "/dang-nhap").links
    svg = next(link["href"] for link in links["icon"] if link.get("type") == "image/svg+xml")
    response = client.get(svg)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data
    touch = client.get(links["apple-touch-icon"][0]["href"])
    assert png_size(touch.data) == (192, 192)
