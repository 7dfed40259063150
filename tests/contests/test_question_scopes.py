"""A contest's question scopes: chosen from the bank's scopes, saved and audited;
a round's topic list shows only the topics of those scopes."""
import re
from datetime import timedelta

from contest.quiz.services.attempts import submit_attempt
from tests.contests.helpers import contest_form, messages, reload, round_form
from tests.quiz.helpers import start


def _bank(make_questions):
    make_questions(6, topic_key="nq76")
    make_questions(4, topic_key="kh_gia_lai", scope="gia_lai")
    make_questions(7, topic_key="kh_lao_cai", scope="lao_cai")


def _topic_boxes(page: str) -> set[str]:
    return set(re.findall(r'name="topics"[^>]*value="([^"]+)"', page))


def test_scopes_are_saved_audited_and_narrow_the_round_topics(console, contest, make_questions,
                                                              audit):
    _bank(make_questions)
    url = f"/quan-tri/cuoc-thi/{contest.id}"
    page = messages(console.get(url))
    assert "Toàn quốc (1 chủ đề, 6 câu hỏi đang dùng)" in page
    assert "Tỉnh Gia Lai (1 chủ đề, 4 câu hỏi đang dùng)" in page and "Tỉnh Lào Cai" in page
    assert _topic_boxes(messages(console.get(f"{url}/dot-thi/moi"))) == {"nq76"}

    response = console.post(url, data=contest_form(question_scopes=["gia_lai", "national"]))
    assert response.status_code == 302
    assert reload(contest).question_scopes == "national,gia_lai"
    [row] = audit("contest.update")
    assert row.details["before"]["question_scopes"] == "national"
    assert row.details["after"]["question_scopes"] == "national,gia_lai"

    page = messages(console.get(f"{url}/dot-thi/moi"))
    assert _topic_boxes(page) == {"nq76", "kh_gia_lai"}
    assert "Chủ đề thử (kh_gia_lai) — 4 câu hỏi" in page and "kh_lao_cai" not in page


def test_at_least_one_known_scope_is_required(console, contest, make_questions, audit):
    _bank(make_questions)
    url = f"/quan-tri/cuoc-thi/{contest.id}"
    response = console.post(url, data=contest_form(question_scopes=[], name="Tên mới"))
    assert response.status_code == 400
    assert "Vui lòng chọn ít nhất một phạm vi câu hỏi." in messages(response)
    response = console.post(url, data=contest_form(question_scopes=["national", "ha_noi"]))
    assert response.status_code == 400
    assert "Vui lòng chọn một giá trị trong danh sách." in messages(response)
    contest = reload(contest)
    assert (contest.question_scopes, contest.name) == ("national", "Cuộc thi CCHC tỉnh Gia Lai 2026")
    assert audit("contest.update") == []
    created = console.post("/quan-tri/cuoc-thi/moi", data=contest_form(question_scopes=["lao_cai"]))
    assert created.status_code == 302


def test_a_scope_change_that_starves_a_round_is_refused(console, contest, frozen, make_questions,
                                                        make_round, audit):
    _bank(make_questions)
    make_round(questions=5)  # "Đợt thử", open, needs 5 questions
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}",
                            data=contest_form(question_scopes=["gia_lai"]))
    assert response.status_code == 400
    assert ("Đợt thử: Ngân hàng câu hỏi chỉ có 4 câu dùng được trong các chủ đề của đợt thi, "
            "đợt thi cần 5 câu.") in messages(response)
    assert reload(contest).question_scopes == "national" and audit("contest.update") == []


def test_with_attempts_the_page_warns_and_the_change_applies_to_new_attempts(
        console, contest, frozen, make_questions, make_round, player):
    _bank(make_questions)
    round_ = make_round(questions=5)
    first = start(player, round_)
    assert {item.question.scope for item in first.items} == {"national"}
    page = messages(console.get(f"/quan-tri/cuoc-thi/{contest.id}"))
    assert "chỉ áp dụng cho các lượt thi bắt đầu sau khi lưu" in page

    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(
        question_scopes=["lao_cai"], starts_at="", ends_at=""))  # the round opened in November
    assert response.status_code == 302
    # The attempt already drawn keeps its questions; the next one draws from Lào Cai.
    assert {item.question.scope for item in reload(first).items} == {"national"}
    submit_attempt(first, prediction=1)
    second = start(player, round_)
    assert second.id != first.id
    assert {item.question.scope for item in second.items} == {"lao_cai"}


def test_a_round_topic_outside_the_scopes_is_refused(console, contest, frozen, make_questions):
    _bank(make_questions)
    opens = frozen.at + timedelta(days=1)
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(
        opens, opens + timedelta(days=1), questions_per_attempt="4", topics=["kh_lao_cai"]))
    assert response.status_code == 400
    assert "Vui lòng chọn một giá trị trong danh sách." in messages(response)
    assert contest.rounds == []
