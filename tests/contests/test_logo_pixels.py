"""A logo's pixels are bounded on upload and a small copy stored: a 140 KB PNG
of 12000 × 12000 pixels must not cost every certificate a second and 400 MB."""
import io

import pytest
from PIL import Image

from contest.contests.rules import logo_pixels
from contest.extensions import db
from tests.contests.helpers import messages, reload
from tests.contests.test_contest_settings import _upload
from tests.images import pixel_size, png, record_decoded_sizes


@pytest.fixture(scope="module")
def huge_png():
    return png(12_000, 12_000)


def test_a_logo_declaring_too_many_pixels_is_refused_without_decoding_it(
        console, contest, audit, huge_png, monkeypatch):
    decoded = record_decoded_sizes(monkeypatch)
    assert len(huge_png) < 512 * 1024  # within the byte limit
    response = _upload(console, contest, huge_png)
    assert response.status_code == 400
    assert "Ảnh logo quá lớn: 12000 × 12000 điểm ảnh (tối đa 4.000.000 điểm ảnh" in messages(response)
    assert reload(contest).logo is None and audit("contest.logo") == []
    assert (12_000, 12_000) not in decoded

def test_a_jpeg_cut_short_is_refused(console, contest):
    """Pillow reads the type from the header; the missing end shows when the
    stored copy is decoded, and nothing is stored."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    response = _upload(console, contest, buffer.getvalue()[:-20])
    assert response.status_code == 400 and "Không đọc được ảnh logo" in messages(response)
    assert reload(contest).logo is None


def test_a_large_logo_is_stored_scaled_down(console, client, contest, audit):
    assert _upload(console, contest, png(1_500, 1_000)).status_code == 302
    stored = reload(contest)
    assert pixel_size(stored.logo) == (512, 341)
    response = client.get(f"/cuoc-thi/{contest.id}/logo")
    assert response.status_code == 200 and pixel_size(response.data) == (512, 341)
    [row] = audit("contest.logo")
    assert row.details["after_bytes"] == len(stored.logo)


def test_a_png_whose_pixels_are_broken_is_refused(console, contest):
    broken = png(40, 30)
    broken = broken[:45] + b"\x00" * 20 + broken[-12:]  # header and end kept
    response = _upload(console, contest, broken)
    assert response.status_code == 400 and "Không đọc được ảnh logo" in messages(response)
    assert reload(contest).logo is None


def test_shrink_logos_scales_down_logos_stored_before_the_rule(runner, contest, audit):
    contest.logo, contest.logo_type = png(2_000, 1_000), "image/png"
    db.session.commit()
    result = runner.invoke(args=["shrink-logos"])
    assert f"Cuộc thi {contest.id}: đã thu nhỏ logo." in result.output
    assert pixel_size(reload(contest).logo) == (logo_pixels.STORED_SIDE, 256)
    assert audit("contest.logo")[0].details["shrunk"] is True
    assert "Không có logo nào cần thu nhỏ." in runner.invoke(args=["shrink-logos"]).output
