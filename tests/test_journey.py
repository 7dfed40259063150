"""The journey of issue 2 through the Flask test client, on the demo data."""
import re

from contest.demo import seed_demo
from contest.extensions import db
from contest.quiz.models import Attempt
from tests.quiz.helpers import correct_choice


def test_register_take_an_attempt_and_see_the_result(client, make_questions):
    seed_demo()
    make_questions(25)
    home = client.get("/").get_data(as_text=True)
    assert "Thể lệ" in home and "Đợt 1" in home and "Đang mở" in home
    assert re.search(r"Mở: <strong>\d{2}/\d{2}/\d{4} 00:00</strong>", home)
    assert "Đăng nhập để dự thi" in home

    units = client.get("/api/don-vi?q=so noi vu").get_json()["units"]
    assert units[0]["name"] == "Sở Nội vụ"
    response = client.post("/dang-ky", data={
        "full_name": "Trần Văn Bình", "date_of_birth": "12/03/1985", "gender": "nam",
        "phone": "0987654321", "email": "", "cccd": "", "audience": "cbccvc",
        "unit_id": str(units[0]["id"]), "password": "binh12345", "password_confirm": "binh12345", "consent": "y",
    })
    assert response.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert "Bắt đầu thi (lượt 1/3)" in home

    round_id = re.search(r'action="/dot-thi/(\d+)/bat-dau"', home).group(1)
    response = client.post(f"/dot-thi/{round_id}/bat-dau")
    quiz_url = response.headers["Location"]
    quiz = client.get(quiz_url).get_data(as_text=True)
    assert quiz.count('class="question"') == 20
    assert "Câu hỏi dự đoán" in quiz
    attempt = db.session.query(Attempt).one()
    for position in range(1, 21):
        answer = client.post(f"/api/bai-thi/{attempt.public_id}/tra-loi",
                             json={"position": position, "choice": correct_choice(attempt, position)})
        assert answer.status_code == 200 and answer.get_json()["ok"] is True
    assert client.post(f"/api/bai-thi/{attempt.public_id}/tra-loi",
                       json={"prediction": 1234}).status_code == 200

    result = client.post(f"{quiz_url}/nop", data={"prediction": "1234"}, follow_redirects=True)
    page = result.get_data(as_text=True)
    assert "<strong>20</strong>/20" in page
    assert "lượt thi 1/3" in page
    assert "Bạn còn <strong>2</strong> lượt thi" in page
    assert "Dự đoán của bạn: <strong>1.234</strong>" in page

    history = client.get("/lich-su").get_data(as_text=True)
    assert "20/20" in history
    home = client.get("/").get_data(as_text=True)
    assert "Bắt đầu thi (lượt 2/3)" in home
    counters = re.findall(r'stat-value">([\d.]+)<', home)
    assert counters == ["1", "1", "1"]  # registered, took part, attempts submitted
