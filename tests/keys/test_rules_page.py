"""The rules page says when answers are shown, why some wait, and that a round
whose answers are out is not extended."""
from contest.extensions import db


def test_the_rules_page_says_when_answers_are_shown(client, make_round):
    round_ = make_round()
    page = client.get("/the-le").get_data(as_text=True)
    assert "Khi nào công bố đáp án và giải thích" in page
    assert "sau khi toàn bộ cuộc thi kết thúc" in page
    assert "có thể rút một câu hỏi của lượt thi đó" in page
    assert "cùng lúc cho tất cả các câu" in page
    assert "không được gia hạn hay mở lại" in page

    round_.contest.review_after = "round"
    db.session.commit()
    assert "sau khi từng đợt thi kết thúc" in client.get("/the-le").get_data(as_text=True)
