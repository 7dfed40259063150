"""The organizer downloads a QR poster of the contest (A4, PDF and PNG) for
banners and notice boards; nobody else can."""
import io
from datetime import datetime

import pytest
from PIL import Image
from pypdf import PdfReader

from contest import clock
from contest.config import TestConfig
from contest.contests.documents import poster
from contest.contests.models import Round
from contest.extensions import db
from tests.hostile import FORGED_HOST, forge_host

A4_POINTS = (595.28, 841.89)


@pytest.fixture
def scheduled(contest):
    contest.name = "Cuộc thi trực tuyến tìm hiểu về cải cách hành chính tỉnh Gia Lai năm 2026"
    contest.contact_line = "Văn phòng UBND tỉnh Gia Lai"
    contest.rounds = [
        Round(number=1, name="Đợt 1", opens_at=clock.local_to_utc(datetime(2026, 12, 1, 8)),
              closes_at=clock.local_to_utc(datetime(2026, 12, 8)), scheduled_at=clock.now()),
        Round(number=2, name="Đợt 2", opens_at=clock.local_to_utc(datetime(2026, 12, 8, 8)),
              closes_at=clock.local_to_utc(datetime(2026, 12, 15, 17)), scheduled_at=clock.now()),
    ]
    db.session.commit()
    return contest


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join(reader.pages[0].extract_text().split())


def test_the_pdf_poster_is_an_a4_page_with_the_contest_and_its_link(console, scheduled):
    response = console.get(f"/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename=ap-phich-gia-lai-2026.pdf'
    reader, text = pdf_text(response.data)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=0.5)
    for expected in ("UBND TỈNH GIA LAI", scheduled.name,
                     "Thời gian: 01/12/2026 – 15/12/2026", "Đợt 1: 01/12/2026 – 07/12/2026",
                     "Đợt 2: 08/12/2026 – 15/12/2026",
                     "Quét mã QR để xem thể lệ, đăng ký và dự thi", f"{TestConfig.PUBLIC_URL}/",
                     "Văn phòng UBND tỉnh Gia Lai"):
        assert expected in text, expected
    assert reader.metadata.title == scheduled.name


def test_the_poster_links_the_public_address(app, console, scheduled):
    app.config["PUBLIC_URL"] = "https://thi.cchc.gialai.gov.vn"
    _, text = pdf_text(console.get(f"/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.pdf").data)
    assert "https://thi.cchc.gialai.gov.vn/" in text
    assert "http://localhost" not in text


def test_a_forged_host_header_never_reaches_the_poster_or_its_page(console, scheduled):
    public = f"{TestConfig.PUBLIC_URL}/"
    page = console.get(f"/quan-tri/cuoc-thi/{scheduled.id}", headers=forge_host(console))
    assert page.status_code == 200
    assert f"<strong>{public}</strong>" in page.get_data(as_text=True)
    assert FORGED_HOST not in page.get_data(as_text=True)
    _, text = pdf_text(console.get(f"/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.pdf",
                                   headers=forge_host(console)).data)
    assert public in text and FORGED_HOST not in text


def test_the_png_poster_is_an_a4_picture(console, scheduled):
    response = console.get(f"/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename=ap-phich-gia-lai-2026.png'
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG"
    assert image.width >= 1200
    assert image.height / image.width == pytest.approx(297 / 210, rel=0.005)


def test_the_qr_code_is_drawn_from_the_address_it_encodes():
    matrix = poster.qr_matrix("https://thi.cchc.gialai.gov.vn/")
    assert len(matrix) == len(matrix[0]) >= 21
    finder = [row[:7] for row in matrix[:7]]  # the top-left finder pattern
    assert finder[0] == [True] * 7 and finder[1] == [True] + [False] * 5 + [True]
    assert list(poster.dark_runs([True, True, False, True])) == [(0, 2), (3, 1)]


def test_an_uploaded_logo_is_printed_and_a_broken_one_left_out(console, scheduled):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), (164, 22, 26)).save(buffer, "PNG")
    scheduled.logo, scheduled.logo_type = buffer.getvalue(), "image/png"
    db.session.commit()
    reader, _ = pdf_text(console.get(f"/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.pdf").data)
    assert len(reader.pages[0].images) == 1
    scheduled.logo = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40  # passes no decoder
    db.session.commit()
    response = console.get(f"/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.png")
    assert response.status_code == 200
    reader, text = pdf_text(console.get(f"/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.pdf").data)
    assert len(reader.pages[0].images) == 0 and scheduled.name in text


def test_an_address_longer_than_a_line_is_cut_to_fit():
    width = len  # one unit per character
    assert poster.wrap("Quét mã để dự thi", width, 10) == ["Quét mã để", "dự thi"]
    assert poster.wrap("https://example.vn/abcdefgh", width, 10) == [
        "https://ex", "ample.vn/a", "bcdefgh"]


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_a_contestant_gets_403_and_a_visitor_is_sent_to_log_in(client, player, scheduled, kind):
    url = f"/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.{kind}"
    assert player.get(url).status_code == 403
    response = client.get(url)
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_an_unknown_contest_has_no_poster(console):
    response = console.get("/quan-tri/cuoc-thi/999999/ap-phich.pdf")
    assert response.status_code == 404
    assert "Không tìm thấy cuộc thi." in response.get_data(as_text=True)


def test_the_console_links_both_downloads(console, scheduled):
    html = console.get(f"/quan-tri/cuoc-thi/{scheduled.id}").get_data(as_text=True)
    assert f'href="/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.pdf"' in html
    assert f'href="/quan-tri/cuoc-thi/{scheduled.id}/ap-phich.png"' in html
    assert f"{TestConfig.PUBLIC_URL}/" in html
