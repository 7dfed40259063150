"""The result and history pages offer a person's certificates once they exist."""
from tests.certificates.conftest import url
from tests.conftest import login

PARTICIPATION_LINK = "Tải giấy chứng nhận tham gia (PDF)"
PRIZE_LINK = "Tải giấy chứng nhận đạt giải (PDF)"


def test_links_appear_when_the_round_closes_and_the_prize_when_published(
        client, round_, nhung, took_part, close, publish):
    attempt = took_part(nhung, round_, correct=5)
    login(client, nhung)
    result_page = f"/bai-thi/{attempt.public_id}/ket-qua"
    for page in (result_page, "/lich-su"):
        assert "Giấy chứng nhận" not in client.get(page).get_data(as_text=True)

    close(round_)
    for page in (result_page, "/lich-su"):
        text = client.get(page).get_data(as_text=True)
        assert PARTICIPATION_LINK in text and PRIZE_LINK not in text
        assert url(round_) in text

    publish(round_)
    text = client.get("/lich-su").get_data(as_text=True)
    assert PARTICIPATION_LINK in text and PRIZE_LINK in text
    assert url(round_, "dat-giai") in text

