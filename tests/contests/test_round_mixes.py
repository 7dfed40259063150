"""A round's mixes per topic and per difficulty: saved and audited, sums and the
bank checked (400, nothing changed), shown on the console, locked after an attempt."""
import re
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from contest.bank.models import Topic
from contest.contests.models import Round
from contest.extensions import db
from tests.contests.helpers import messages, reload, round_form
from tests.quiz.helpers import start


def _bank(make_questions):
    make_questions(6, topic_key="nq76", difficulty=1)
    make_questions(6, topic_key="de-an-06", difficulty=2)
    make_questions(3, topic_key="chi-so", difficulty=3)


def _mixes(topics=None, levels=None) -> dict:
    """The mix inputs as the form posts them (every input, empty when not set)."""
    data = {f"topic_mix-{key}": "" for key in ("nq76", "de-an-06", "chi-so")}
    data.update({f"topic_mix-{key}": str(n) for key, n in (topics or {}).items()})
    data.update({f"difficulty_mix-{level}": "" for level in "123"})
    data.update({f"difficulty_mix-{level}": str(n) for level, n in (levels or {}).items()})
    return data


def _new_round(console, contest, frozen, ticked=(), **mixes):
    opens = frozen.at + timedelta(days=1)
    return console.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi", data={
        **round_form(opens, opens + timedelta(days=7), topics=list(ticked)), **_mixes(**mixes)})


def _rounds() -> int:
    return db.session.scalar(select(func.count(Round.id)))


def test_mixes_are_saved_audited_and_shown(console, contest, frozen, make_questions, audit):
    _bank(make_questions)
    page = messages(console.get(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi"))
    assert 'name="topic_mix-de-an-06"' in page and 'name="difficulty_mix-3"' in page
    response = _new_round(console, contest, frozen, ticked=["chi-so"],
                          topics={"nq76": 3, "de-an-06": 2}, levels={"1": 3, "2": 2})
    assert response.status_code == 302
    round_ = db.session.scalar(select(Round))
    # With a topic mix the round draws from the mix's topics, not the ticked ones.
    assert (round_.topic_mix, round_.difficulty_mix, round_.topics) == (
        {"nq76": 3, "de-an-06": 2}, {"1": 3, "2": 2}, "de-an-06,nq76")
    [row] = audit("round.create")
    assert row.details["topic_mix"] == {"nq76": 3, "de-an-06": 2}
    assert row.details["difficulty_mix"] == {"1": 3, "2": 2}

    titles = {"nq76": "Nghị quyết 76", "de-an-06": "Đề án 06"}
    for topic in db.session.scalars(select(Topic).where(Topic.key.in_(titles))):
        topic.title = titles[topic.key]
    db.session.commit()
    console_page = messages(console.get(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}"))
    assert "Đề án 06: 2 câu; Nghị quyết 76: 3 câu" in console_page  # titles, not keys
    assert "Chủ đề</dt><dd class=\"col-sm-8\">Đề án 06, Nghị quyết 76</dd>" in console_page
    assert "Dễ: 3 câu; Trung bình: 2 câu" in console_page

    edit = f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/sua"
    assert 'value="3"' in re.search(r'<input[^>]*name="topic_mix-nq76"[^>]*>',
                                    messages(console.get(edit))).group(0)
    opens = round_.opens_at
    response = console.post(edit, data={
        **round_form(opens, round_.closes_at, topics=["chi-so"]),
        **_mixes(topics={"nq76": 3, "de-an-06": 2})})
    assert response.status_code == 302
    assert reload(round_).difficulty_mix is None
    [update] = audit("round.update")
    assert update.details == {"before": {"difficulty_mix": {"1": 3, "2": 2}},
                              "after": {"difficulty_mix": None}}


def test_an_attempt_follows_the_saved_mix(console, contest, frozen, make_questions, player):
    _bank(make_questions)
    assert _new_round(console, contest, frozen, topics={"nq76": 2, "chi-so": 3}).status_code == 302
    round_ = db.session.scalar(select(Round))
    round_.scheduled_at, round_.opens_at = frozen.at, frozen.at - timedelta(hours=1)
    db.session.commit()
    attempt = start(player, round_)
    assert Counter(item.question.topic.key for item in attempt.items) == {"nq76": 2, "chi-so": 3}


def test_sums_that_do_not_match_are_refused(console, contest, frozen, make_questions, audit):
    _bank(make_questions)
    response = _new_round(console, contest, frozen, topics={"nq76": 2, "de-an-06": 2})
    assert response.status_code == 400
    assert ("Cơ cấu theo chủ đề cộng lại 4 câu, phải bằng số câu hỏi mỗi lượt (5)."
            in messages(response))
    response = _new_round(console, contest, frozen, levels={"1": 3, "2": 3})
    assert response.status_code == 400
    assert ("Cơ cấu theo độ khó cộng lại 6 câu, phải bằng số câu hỏi mỗi lượt (5)."
            in messages(response))
    response = _new_round(console, contest, frozen, levels={"1": "năm"})
    assert response.status_code == 400
    assert "Số câu phải là số nguyên từ 0 đến 200." in messages(response)
    assert _rounds() == 0 and audit("round.create") == []


def test_a_mix_the_bank_cannot_meet_is_refused_with_its_reason(console, contest, frozen,
                                                               make_questions, make_round, audit):
    _bank(make_questions)
    cases = [
        ({"levels": {"3": 5}}, "Ngân hàng câu hỏi chỉ có 3 câu độ khó 3 dùng được, đợt thi cần 5 câu."),
        ({"topics": {"chi-so": 4, "nq76": 1}},
         "Ngân hàng câu hỏi chỉ có 3 câu dùng được trong chủ đề «chi-so», đợt thi cần 4 câu."),
        # Each line can be met, both at once cannot: nq76 holds only easy questions.
        ({"topics": {"nq76": 3, "de-an-06": 2}, "levels": {"1": 1, "2": 4}},
         "không đáp ứng được cùng lúc cơ cấu theo chủ đề và theo độ khó"),
    ]
    for mixes, message in cases:
        response = _new_round(console, contest, frozen, **mixes)
        assert response.status_code == 400 and message in messages(response), mixes
    assert _rounds() == 0

    draft = make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=2), scheduled=False)
    response = console.post(f"/quan-tri/cuoc-thi/dot-thi/{draft.id}/sua", data={
        **round_form(draft.opens_at, draft.closes_at, name="Đợt thử"), **_mixes(levels={"3": 5})})
    assert response.status_code == 400
    assert reload(draft).difficulty_mix is None and audit("round.update") == []


def test_mixes_are_locked_once_the_round_has_an_attempt(console, frozen, make_questions,
                                                        make_round, player, audit):
    _bank(make_questions)
    round_ = make_round(questions=5)
    round_.topic_mix, round_.topics = {"nq76": 3, "de-an-06": 2}, "de-an-06,nq76"
    round_.difficulty_mix = {"1": 3, "2": 2}
    db.session.commit()
    start(player, round_)
    edit = f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/sua"
    page = messages(console.get(edit))
    assert "disabled" in re.search(r'<input[^>]*name="topic_mix-nq76"[^>]*>', page).group(0)
    assert "disabled" in re.search(r'<input[^>]*name="difficulty_mix-1"[^>]*>', page).group(0)

    # What a browser sends: the disabled inputs are left out.
    browser = {"name": "Tuần 1", "number": str(round_.number), "prediction_kind": "perfect_scorers"}
    for tampered in ({"topic_mix-nq76": "2", "topic_mix-de-an-06": "3"},
                     {"difficulty_mix-1": "5"}, {"topic_mix-chi-so": "5", "topics_shown": "1"}):
        response = console.post(edit, data={**browser, **tampered})
        assert response.status_code == 409, tampered
        assert "không thể thay đổi số câu hỏi mỗi lượt" in messages(response)
    round_ = reload(round_)
    assert (round_.topic_mix, round_.difficulty_mix, round_.name) == (
        {"nq76": 3, "de-an-06": 2}, {"1": 3, "2": 2}, "Đợt thử")
    assert audit("round.update") == []

    assert console.post(edit, data=browser).status_code == 302
    round_ = reload(round_)
    assert (round_.name, round_.topic_mix, round_.difficulty_mix) == (
        "Tuần 1", {"nq76": 3, "de-an-06": 2}, {"1": 3, "2": 2})
