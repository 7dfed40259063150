"""A prize group's own topics: saved and audited, checked against every round
that has not closed, and drawn by the attempts of the group's people."""
from datetime import timedelta

from sqlalchemy import select

from contest.extensions import db
from contest.contests.models import PrizeGroup
from contest.quiz.services.attempts import start_attempt
from tests.contests.helpers import messages


def _group(name, *audiences, topics=()):
    return {"name": name, "audiences": list(audiences), "topics": list(topics), "first": "1",
            "second": "2", "third": "3", "consolation": "5"}


def _groups():
    db.session.expire_all()
    return list(db.session.scalars(select(PrizeGroup).order_by(PrizeGroup.position)))


def test_group_topics_are_saved_audited_and_drawn(console, contest, frozen, make_questions,
                                                  make_round, make_user, audit):
    make_questions(6, topic_key="nq76")
    citizens_set = make_questions(6, topic_key="de-an-06")
    make_questions(6, topic_key="kh_lao_cai", scope="lao_cai")
    round_ = make_round(questions=5)
    url = f"/quan-tri/cuoc-thi/{contest.id}/bang-giai"
    page = messages(console.get(f"{url}/moi"))
    assert "Để trống: dùng chủ đề của đợt thi" in page
    assert 'value="de-an-06"' in page and "kh_lao_cai" not in page

    response = console.post(f"{url}/moi", data=_group("Bảng B – Người dân", "citizen",
                                                      topics=["de-an-06"]))
    assert response.status_code == 302
    [group] = _groups()
    assert group.topics == "de-an-06"
    [created] = audit("prize_group.create")
    assert created.details["topics"] == ["de-an-06"]

    citizen = make_user()
    citizen.audience = "citizen"
    db.session.commit()
    for _ in range(3):
        attempt = start_attempt(citizen, round_)
        assert {item.question_id for item in attempt.items} <= {q.id for q in citizens_set}
        assert len(attempt.items) == 5
        db.session.delete(attempt)
        db.session.commit()

    response = console.post(f"{url}/{group.id}", data=_group("Bảng B – Người dân", "citizen",
                                                             topics=["nq76", "de-an-06"]))
    assert response.status_code == 302 and _groups()[0].topics == "de-an-06,nq76"
    [updated] = audit("prize_group.update")
    assert (updated.details["before"], updated.details["after"]) == (
        {"topics": ["de-an-06"]}, {"topics": ["de-an-06", "nq76"]})
    assert console.post(f"{url}/{group.id}", data=_group(
        "Bảng B – Người dân", "citizen")).status_code == 302
    assert _groups()[0].topics == ""


def test_topics_too_small_for_a_round_not_closed_are_refused(console, contest, frozen,
                                                             make_questions, make_round, audit):
    make_questions(6, topic_key="nq76")
    make_questions(3, topic_key="chi-so")
    make_round(opens_in=timedelta(days=-3), closes_in=timedelta(days=-2), questions=5)  # closed
    url = f"/quan-tri/cuoc-thi/{contest.id}/bang-giai/moi"
    assert console.post(url, data=_group("Bảng A", "cbccvc", topics=["chi-so"])).status_code == 302

    make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=2), questions=5,
               scheduled=False)  # a draft may still be scheduled
    response = console.post(url, data=_group("Bảng B", "citizen", topics=["chi-so"]))
    assert response.status_code == 400
    assert ("Đợt thử: Ngân hàng câu hỏi chỉ có 3 câu dùng được trong các chủ đề của đợt thi, "
            "đợt thi cần 5 câu.") in messages(response)
    response = console.post(url, data=_group("Bảng B", "citizen", topics=["kh_lao_cai"]))
    assert response.status_code == 400
    assert "Vui lòng chọn một giá trị trong danh sách." in messages(response)
    assert [g.name for g in _groups()] == ["Bảng A"] and len(audit("prize_group.create")) == 1
