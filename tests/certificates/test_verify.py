"""The public verification page: found by the random code printed on the
certificate, it shows only the name, unit, round, result and kind."""
import re

from contest.certificates.rules import ALPHABET, LENGTH
from tests.certificates.conftest import certificates_of, url
from tests.conftest import login


def issued(client, user, round_, kind="tham-gia"):
    """``user`` downloads their certificate; returns its stored code."""
    login(client, user)
    assert client.get(url(round_, kind)).status_code == 200
    client.post("/dang-xuat")
    return next(c.code for c in certificates_of(user)
                if c.kind == {"tham-gia": "participation", "dat-giai": "prize"}[kind])


def grouped(code: str) -> str:
    return "-".join(re.findall("....", code))


def test_the_page_shows_who_and_what_but_no_personal_data(
        client, round_, nhung, took_part, close):
    took_part(nhung, round_, correct=4, seconds=75)
    close(round_)
    code = issued(client, nhung, round_)
    response = client.get(f"/xac-minh-chung-nhan/{grouped(code)}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for shown in ("Giấy chứng nhận tham gia", "Nguyễn Thị Hồng Nhung", "Xã Ia Grai", "Đợt 1",
                  "4/5 câu trả lời đúng, thời gian làm bài 1 phút 15 giây"):
        assert shown in page, shown
    for personal in ("0905123456", "064187001234", "14/03/1987", "1987"):
        assert personal not in page, personal
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_a_prize_certificate_shows_the_prize(client, round_, nhung, took_part, close, publish):
    took_part(nhung, round_, correct=5, seconds=60)
    close(round_)
    publish(round_)
    page = client.get(f"/xac-minh-chung-nhan/{issued(client, nhung, round_, 'dat-giai')}")
    text = page.get_data(as_text=True)
    assert "Giấy chứng nhận đạt giải" in text and "Giải Nhất" in text


def test_codes_are_random_not_counted(client, round_, nhung, person, took_part, close):
    binh = person("Trần Văn Bình", unit_name="Xã Ia Hrú")
    took_part(nhung, round_)
    took_part(binh, round_)
    close(round_)
    codes = [issued(client, nhung, round_), issued(client, binh, round_)]
    assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)
    assert codes[0] != codes[1]
    assert str(certificates_of(nhung)[0].id) not in codes[0]


def test_an_unknown_code_is_not_found_in_vietnamese(client, round_):
    for code in ("ABCD-EFGH-JKLM-NPQR", "1", "ABCD-EFGH-JKLM-NPQ0", "ABCD" * 5):
        response = client.get(f"/xac-minh-chung-nhan/{code}")
        assert response.status_code == 404, code
        assert "Không tìm thấy giấy chứng nhận có mã này" in response.get_data(as_text=True)


def test_a_typed_code_in_any_case_or_spacing_finds_the_certificate(
        client, round_, nhung, took_part, close):
    took_part(nhung, round_)
    close(round_)
    code = issued(client, nhung, round_)
    form = client.get("/xac-minh-chung-nhan")
    assert form.status_code == 200 and 'name="ma"' in form.get_data(as_text=True)
    typed = " ".join(re.findall("....", code.lower()))
    response = client.get("/xac-minh-chung-nhan", query_string={"ma": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/xac-minh-chung-nhan/{grouped(code)}")
    assert "Nguyễn Thị Hồng Nhung" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_malformed_typed_code_is_refused_with_a_message(client):
    response = client.get("/xac-minh-chung-nhan", query_string={"ma": "abc-0O1I"})
    assert response.status_code == 400
    assert "Mã chứng nhận gồm 16 chữ và số" in response.get_data(as_text=True)
