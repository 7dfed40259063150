"""A person downloads their own certificate: after the round closes, with a
submitted attempt; a prize certificate only once they are a published winner.
The PDF's text is read back and its Vietnamese compared letter for letter."""
import re
import unicodedata
from datetime import timedelta
from io import BytesIO

import zxingcpp
from pypdf import PdfReader

from contest import clock
from contest.certificates import documents as document
from contest.certificates.rules import ALPHABET
from contest.config import TestConfig
from contest.extensions import db
from tests.certificates.conftest import CONTEST_NAME, certificates_of, pdf_text, url
from tests.conftest import login
from tests.hostile import FORGED_HOST, forge_host
from tests.images import png, record_decoded_sizes

CODE = re.compile(rf"Mã chứng nhận: ([{ALPHABET}]{{4}}(?:-[{ALPHABET}]{{4}}){{3}})")


def download(client, round_, kind="tham-gia"):
    response = client.get(url(round_, kind))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/pdf"
    return response


def test_participation_certificate_prints_the_name_unit_and_contest_exactly(
        client, round_, nhung, took_part, close):
    took_part(nhung, round_, correct=4, seconds=75)
    close(round_)
    login(client, nhung)
    response = download(client, round_)
    assert "attachment" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    for line in ("Nguyễn Thị Hồng Nhung", "Đơn vị: Xã Ia Grai", CONTEST_NAME,
                 "ỦY BAN NHÂN DÂN TỈNH GIA LAI", "GIẤY CHỨNG NHẬN", "THAM GIA CUỘC THI",
                 "Đã tham gia Đợt 1 của cuộc thi",
                 "Kết quả: 4/5 câu trả lời đúng, thời gian làm bài 1 phút 15 giây"):
        assert line in text.splitlines(), line
    # Issued when first downloaded: 03:00 UTC + 1 day + 5 min is 21/11/2026 in Việt Nam.
    assert "Ngày cấp: 21/11/2026" in text
    assert CODE.search(text)


def test_the_best_attempt_is_the_result_printed(client, round_, nhung, took_part, close):
    took_part(nhung, round_, correct=2, seconds=30)
    took_part(nhung, round_, correct=5, seconds=200)
    close(round_)
    login(client, nhung)
    assert "5/5 câu trả lời đúng, thời gian làm bài 3 phút 20 giây" in pdf_text(
        download(client, round_).data)


def test_the_qr_code_decodes_to_the_public_verification_page(
        client, app, round_, nhung, took_part, close):
    took_part(nhung, round_)
    close(round_)
    login(client, nhung)
    data = download(client, round_).data
    code = CODE.search(pdf_text(data)).group(1)
    page = PdfReader(BytesIO(data)).pages[0]
    decoded = [barcode.text for image in page.images
               for barcode in zxingcpp.read_barcodes(image.image)]
    assert decoded == [f"{TestConfig.PUBLIC_URL}/xac-minh-chung-nhan/{code}"]
    links = [annotation.get_object()["/A"]["/URI"] for annotation in page["/Annots"]]
    assert decoded[0] in links
    client.post("/dang-xuat")
    verified = client.get(decoded[0].removeprefix(TestConfig.PUBLIC_URL))
    assert verified.status_code == 200
    assert "Nguyễn Thị Hồng Nhung" in verified.get_data(as_text=True)


def test_a_forged_host_header_never_reaches_the_qr_code(
        client, round_, nhung, took_part, close, monkeypatch):
    """The address the QR code is drawn from, caught where the PDF is rendered."""
    encoded, render = [], document.render

    def render_noting_the_address(content, verify_url, logo):
        encoded.append(verify_url)
        return render(content, verify_url, logo)

    monkeypatch.setattr(document, "render", render_noting_the_address)
    took_part(nhung, round_)
    close(round_)
    login(client, nhung)
    response = client.get(url(round_), headers=forge_host(client))
    assert response.status_code == 200
    [verify_url] = encoded
    assert verify_url.startswith(f"{TestConfig.PUBLIC_URL}/xac-minh-chung-nhan/")
    assert FORGED_HOST not in verify_url


def test_a_name_typed_with_combining_marks_prints_composed(
        client, round_, person, took_part, close):
    decomposed = unicodedata.normalize("NFD", "Rơ Mah H'Bơr Đinh Thị Thủy")
    user = person(decomposed, unit_name=unicodedata.normalize("NFD", "Phường Diên Hồng"))
    took_part(user, round_)
    close(round_)
    login(client, user)
    text = pdf_text(download(client, round_).data)
    assert "Rơ Mah H'Bơr Đinh Thị Thủy" in text.splitlines()
    assert "Đơn vị: Phường Diên Hồng" in text.splitlines()


def test_every_download_is_the_same_certificate(client, round_, nhung, took_part, close):
    took_part(nhung, round_)
    close(round_)
    login(client, nhung)
    first = CODE.search(pdf_text(download(client, round_).data)).group(1)
    second = CODE.search(pdf_text(download(client, round_).data)).group(1)
    assert first == second
    assert len(certificates_of(nhung)) == 1


def test_the_contest_logo_is_drawn_and_a_broken_one_is_left_out(
        client, round_, nhung, took_part, close):
    from PIL import Image

    png = BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(png, format="PNG")
    round_.contest.logo, round_.contest.logo_type = png.getvalue(), "image/png"
    db.session.commit()
    took_part(nhung, round_)
    close(round_)
    login(client, nhung)
    assert len(PdfReader(BytesIO(download(client, round_).data)).pages[0].images) == 2

    broken = png.getvalue()[:60] + b"\x00" * 40 + png.getvalue()[-12:]  # signature and end kept
    round_.contest.logo = broken
    db.session.commit()
    data = download(client, round_).data
    assert len(PdfReader(BytesIO(data)).pages[0].images) == 1  # the QR code alone
    assert "Nguyễn Thị Hồng Nhung" in pdf_text(data)


def test_a_huge_stored_logo_is_never_decoded_for_a_certificate(
        client, round_, nhung, took_part, close, monkeypatch):
    """A logo stored before uploads were bounded (140 KB, 12000 × 12000 pixels):
    the certificate leaves it out instead of decoding 144 MB on each download."""
    round_.contest.logo, round_.contest.logo_type = png(12_000, 12_000), "image/png"
    db.session.commit()
    took_part(nhung, round_)
    close(round_)
    login(client, nhung)
    decoded = record_decoded_sizes(monkeypatch)
    response = download(client, round_)
    assert response.status_code == 200
    assert len(PdfReader(BytesIO(response.data)).pages[0].images) == 1  # the QR code alone
    assert (12_000, 12_000) not in decoded


def test_no_certificate_while_the_round_is_open(client, round_, nhung, took_part):
    took_part(nhung, round_)
    login(client, nhung)
    response = client.get(url(round_))
    assert response.status_code == 409
    assert "sau khi Đợt 1 kết thúc" in response.get_data(as_text=True)
    assert certificates_of(nhung) == []


def test_no_certificate_while_an_attempt_can_still_submit(client, app, round_, nhung, took_part):
    """Closed, but within the answer grace: the result a certificate states is not
    settled yet."""
    took_part(nhung, round_)
    login(client, nhung)
    clock.freeze(round_.closes_at + timedelta(seconds=app.config["ANSWER_GRACE_SECONDS"]))
    assert client.get(url(round_)).status_code == 409
    clock.freeze(round_.closes_at + timedelta(seconds=app.config["ANSWER_GRACE_SECONDS"] + 1))
    assert client.get(url(round_)).status_code == 200
    assert len(certificates_of(nhung)) == 1


def test_no_participation_certificate_without_a_submitted_attempt(
        client, round_, nhung, person, took_part, close):
    other = person("Trần Văn Bình", unit_name="Xã Ia Hrú")
    took_part(other, round_)
    close(round_)
    login(client, nhung)
    response = client.get(url(round_))
    assert response.status_code == 404
    assert "chưa có lượt thi đã nộp" in response.get_data(as_text=True)
    assert certificates_of(nhung) == []


def test_a_person_only_ever_gets_their_own_certificate(
        client, round_, nhung, person, took_part, close):
    """The URL names a round, never a person: whoever asks gets their own."""
    binh = person("Trần Văn Bình", unit_name="Xã Ia Hrú")
    took_part(nhung, round_)
    took_part(binh, round_)
    close(round_)
    login(client, nhung)
    download(client, round_)
    client.post("/dang-xuat")
    login(client, binh)
    text = pdf_text(download(client, round_).data)
    assert "Trần Văn Bình" in text and "Nguyễn Thị Hồng Nhung" not in text
    assert "Xã Ia Hrú" in text and "Xã Ia Grai" not in text


def test_anonymous_visitors_are_sent_to_log_in(client, round_, nhung, took_part, close):
    took_part(nhung, round_)
    close(round_)
    response = client.get(url(round_))
    assert response.status_code == 302
    assert "/dang-nhap" in response.headers["Location"]


def test_unknown_kinds_and_rounds_are_not_found(client, round_, nhung, took_part, close):
    took_part(nhung, round_)
    close(round_)
    login(client, nhung)
    assert client.get(url(round_, "ban-sao")).status_code == 404
    assert client.get(f"/chung-nhan/dot-thi/{round_.id + 99}/tham-gia.pdf").status_code == 404


def test_prize_certificate_only_for_published_winners(
        client, round_, nhung, person, took_part, close, publish):
    runner_up = person("Lê Thị Mai", unit_name="Xã Ia Hrú")
    took_part(nhung, round_, correct=5, seconds=60)
    took_part(runner_up, round_, correct=1, seconds=60)
    close(round_)
    login(client, nhung)
    before = client.get(url(round_, "dat-giai"))
    assert before.status_code == 409
    assert "chưa được công bố" in before.get_data(as_text=True)

    awards = publish(round_)
    assert {award.user_id for award in awards} == {nhung.id, runner_up.id}
    text = pdf_text(download(client, round_, "dat-giai").data)
    assert "ĐẠT GIẢI" in text.splitlines()
    assert "Đã đạt Giải Nhất" in text.splitlines()
    assert "tại Đợt 1 của cuộc thi" in text.splitlines()
    assert "Kết quả: 5/5 câu trả lời đúng, thời gian làm bài 1 phút 0 giây, xếp hạng 1" in text


def test_a_participant_who_won_nothing_gets_no_prize_certificate(
        client, round_, nhung, person, took_part, close, publish):
    from contest.contests.models import PrizeGroup

    db.session.add(PrizeGroup(contest_id=round_.contest_id, position=1, name="Bảng A – CBCCVC",
                              audiences="cbccvc", first_prizes=1, second_prizes=0,
                              third_prizes=0, consolation_prizes=0))
    db.session.commit()
    winner = person("Lê Thị Mai", unit_name="Xã Ia Hrú")
    took_part(winner, round_, correct=5, seconds=60)
    took_part(nhung, round_, correct=3, seconds=60)
    close(round_)
    publish(round_)
    login(client, nhung)
    response = client.get(url(round_, "dat-giai"))
    assert response.status_code == 404
    assert "không có tên trong danh sách đạt giải" in response.get_data(as_text=True)
    download(client, round_, "tham-gia")  # taking part is still certified
    client.post("/dang-xuat")
    login(client, winner)
    text = pdf_text(download(client, round_, "dat-giai").data)
    assert "Đã đạt Giải Nhất — Bảng A – CBCCVC" in text.splitlines()
