"""Creating and editing a contest; the rules page; the logo."""
import struct
import zlib
from datetime import datetime, timezone

from sqlalchemy import select

from contest.contests.models import Contest
from contest.extensions import db
from tests.contests.helpers import contest_form, messages, reload


def test_create_contest_stores_utc_and_is_audited(console, audit):
    response = console.post("/quan-tri/cuoc-thi/moi", data=contest_form())
    assert response.status_code == 302
    contest = db.session.scalar(select(Contest))
    assert contest.name == "Cuộc thi CCHC tỉnh Gia Lai 2026"
    assert contest.slug == "cuoc-thi-cchc-tinh-gia-lai-2026"
    # 08:00 in Vietnam is 01:00 UTC.
    assert contest.starts_at == datetime(2026, 12, 1, 1, 0, tzinfo=timezone.utc)
    assert (contest.unit_min_rate, contest.prizes_exclude_staff, contest.review_after) == (50, True, "contest")
    [row] = audit("contest.create")
    assert row.target_id == str(contest.id) and row.details["organizer_name"] == "UBND tỉnh Gia Lai"


def test_end_before_start_is_refused_and_nothing_changes(console, contest, audit):
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(
        name="Tên mới", starts_at="10/12/2026 08:00", ends_at="09/12/2026 08:00"))
    assert response.status_code == 400
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu." in messages(response)
    contest = reload(contest)
    assert contest.name == "Cuộc thi CCHC tỉnh Gia Lai 2026" and contest.ends_at is None
    assert audit("contest.update") == []
    response = console.post("/quan-tri/cuoc-thi/moi", data=contest_form(ends_at="30/11/2026 08:00"))
    assert response.status_code == 400
    assert db.session.scalar(select(db.func.count(Contest.id))) == 1


def test_malformed_values_are_refused_in_vietnamese(console, contest):
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(
        starts_at="ngày mai", unit_min_rate="150", review_after="never", organizer_name=""))
    page = messages(response)
    assert response.status_code == 400
    assert "Thời gian không hợp lệ" in page and "từ 0 đến 100" in page
    assert "Vui lòng chọn một giá trị trong danh sách." in page
    assert "Vui lòng nhập tên cơ quan tổ chức." in page
    assert reload(contest).organizer_name == "UBND tỉnh Gia Lai"


def test_edit_is_audited_with_before_and_after(console, contest, audit):
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(
        review_after="round", unit_min_rate="", prizes_exclude_staff=None))
    assert response.status_code == 302
    contest = reload(contest)
    assert (contest.review_after, contest.unit_min_rate, contest.prizes_exclude_staff) == ("round", None, False)
    [row] = audit("contest.update")
    assert row.details["before"]["review_after"] == "contest"
    assert row.details["after"]["review_after"] == "round"
    assert row.details["after"]["prizes_exclude_staff"] is False


def test_the_edit_page_explains_the_review_choice(console, contest):
    page = messages(console.get(f"/quan-tri/cuoc-thi/{contest.id}"))
    assert "Sau khi toàn bộ cuộc thi kết thúc" in page and "Sau khi từng đợt thi kết thúc" in page
    assert "chỉ hiện khi không còn đợt thi chưa kết thúc nào" in page
    assert "không gia hạn được" in page


def test_rules_are_markdown_and_sanitised_on_the_public_page(console, client, contest, make_round):
    make_round()
    rules = ("## Đối tượng dự thi\n\n**Cán bộ** và người dân.\n\n<script>alert('x')</script>\n\n"
             '<img src="x" onerror="alert(1)">\n\n[liên hệ](javascript:alert(1))')
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(rules=rules))
    assert response.status_code == 302
    for url in ("/the-le", "/"):
        page = messages(client.get(url))
        assert "<h2>Đối tượng dự thi</h2>" in page and "<strong>Cán bộ</strong>" in page
        assert "<script>alert" not in page and "onerror" not in page
        assert "href=\"javascript:" not in page


def test_rules_page_is_404_without_a_contest(client):
    assert client.get("/the-le").status_code == 404


def _png(width=2, height=2) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _upload(console, contest, data: bytes, name="logo.png"):
    from io import BytesIO
    return console.post(f"/quan-tri/cuoc-thi/{contest.id}/logo",
                        data={"logo": (BytesIO(data), name)}, content_type="multipart/form-data")


def test_png_logo_is_stored_served_and_shown_on_every_page(console, client, contest, make_round, audit):
    make_round()
    png = _png()
    assert _upload(console, contest, png).status_code == 302
    contest = reload(contest)
    assert contest.logo == png and contest.logo_type == "image/png"
    version = str(int(contest.logo_updated_at.timestamp()))
    response = client.get(f"/cuoc-thi/{contest.id}/logo?v={version}")
    assert response.status_code == 200 and response.data == png
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response.headers["Cache-Control"]
    home = messages(client.get("/"))
    assert f"/cuoc-thi/{contest.id}/logo?v={version}" in home and "UBND tỉnh Gia Lai" in home
    [row] = audit("contest.logo")
    assert row.details["after_type"] == "image/png" and row.details["before_type"] is None


def test_a_text_file_named_png_is_refused(console, contest, audit):
    response = _upload(console, contest, b"<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "không phải ảnh PNG hoặc JPEG" in messages(response)
    # The settings form on the same page still shows the stored values.
    assert 'value="Cuộc thi CCHC tỉnh Gia Lai 2026"' in messages(response)
    assert reload(contest).logo is None and audit("contest.logo") == []


def test_a_logo_over_512_kb_is_refused(console, contest):
    big = _png()[:-12] + b"\x00" * (512 * 1024) + _png()[-12:]
    response = _upload(console, contest, big)
    assert response.status_code == 400 and "tối đa 512 KB" in messages(response)
    assert reload(contest).logo is None


def test_jpeg_logo_is_accepted(console, contest):
    from io import BytesIO
    from PIL import Image
    buffer = BytesIO()  # a real JPEG: one whose pixels no decoder reads is refused now
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "JPEG")
    jpeg = buffer.getvalue()
    assert _upload(console, contest, jpeg, "logo.jpg").status_code == 302
    assert reload(contest).logo_type == "image/jpeg"


def test_no_logo_is_404(client, contest):
    assert client.get(f"/cuoc-thi/{contest.id}/logo").status_code == 404
    assert client.get("/cuoc-thi/999/logo").status_code == 404


def test_branding_shows_in_the_footer(client, contest, make_round):
    contest.contact_line = "Điện thoại 0269 3822 222"
    db.session.commit()
    make_round()
    page = messages(client.get("/dang-nhap"))
    assert "UBND tỉnh Gia Lai" in page and "Điện thoại 0269 3822 222" in page
