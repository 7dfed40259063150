"""The lifecycle of a round: draft → scheduled → open → closed → published, each
transition allowed only from its state; a refused one changes nothing (409)."""
from datetime import timedelta

import pytest

from contest import clock
from contest.admin.services import lifecycle
from contest.extensions import db
from contest.quiz.models import Attempt
from tests.contests.helpers import local, messages, reload
from tests.quiz.helpers import start

ROUND_COLUMNS = ("scheduled_at", "opens_at", "closes_at", "results_computed_at", "results_published_at")


def snapshot(round_) -> tuple:
    round_ = reload(round_)
    return tuple(getattr(round_, name) for name in ROUND_COLUMNS)


def url(round_, action: str) -> str:
    return f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/{action}"


@pytest.fixture
def bank(make_questions):
    return make_questions(10)


@pytest.fixture
def draft(frozen, bank, make_round):
    return make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=8), scheduled=False)


def refused(console, round_, action, data=None, message="", status=409):
    before = snapshot(round_)
    response = console.post(url(round_, action), data=data or {})
    assert response.status_code == status, messages(response)
    assert message in messages(response)
    assert snapshot(round_) == before
    return response


def test_status_follows_the_lifecycle(frozen, bank, make_round):
    round_ = make_round(opens_in=timedelta(hours=1), closes_in=timedelta(hours=2), scheduled=False)
    assert lifecycle.status(round_) == "draft"
    round_.scheduled_at = clock.now()
    assert lifecycle.status(round_) == "scheduled"
    frozen.move(hours=1)
    assert lifecycle.status(round_) == "open"
    frozen.move(hours=1)
    assert lifecycle.status(round_) == "closed"
    round_.results_computed_at = round_.results_published_at = clock.now()
    assert lifecycle.status(round_) == "published"


def test_schedule_a_draft(console, draft, audit):
    page = messages(console.get(f"/quan-tri/cuoc-thi/dot-thi/{draft.id}"))
    assert "Bản nháp" in page and "Công bố lịch" in page
    response = console.post(url(draft, "cong-bo-lich"))
    assert response.status_code == 302
    assert reload(draft).scheduled_at == clock.now()
    [row] = audit("round.schedule")
    assert row.target_id == str(draft.id) and row.details["opens_at"] == draft.opens_at.isoformat()
    refused(console, draft, "cong-bo-lich", message="Chỉ đợt thi ở trạng thái bản nháp")


def test_a_draft_whose_opening_has_passed_cannot_be_scheduled(console, frozen, draft, audit):
    frozen.move(days=2)
    refused(console, draft, "cong-bo-lich", message="đã qua")
    assert audit("round.schedule") == []


def test_a_draft_cannot_be_scheduled_when_the_bank_is_too_small(console, draft):
    draft.questions_per_attempt = 11
    db.session.commit()
    refused(console, draft, "cong-bo-lich", message="chỉ có 10 câu dùng được")


def test_back_to_draft_before_opening(console, draft, audit):
    refused(console, draft, "ve-ban-nhap", message="Chỉ đợt thi đã công bố lịch và chưa mở")
    console.post(url(draft, "cong-bo-lich"))
    assert console.post(url(draft, "ve-ban-nhap")).status_code == 302
    assert reload(draft).scheduled_at is None
    [row] = audit("round.unschedule")
    assert row.details["scheduled_at"] == clock.now().isoformat()


def test_back_to_draft_is_refused_once_open_or_with_an_attempt(console, frozen, bank, make_round,
                                                               player, audit):
    round_ = make_round(opens_in=timedelta(hours=-1), closes_in=timedelta(days=1))
    refused(console, round_, "ve-ban-nhap", message="chưa mở")
    start(player, round_)
    frozen.move(hours=-2)  # before the opening again, but someone has an attempt
    assert lifecycle.status(reload(round_)) == "scheduled"
    refused(console, round_, "ve-ban-nhap", message="Đợt thi đã có lượt thi")
    assert audit("round.unschedule") == []


def test_close_early_needs_confirmation_and_cuts_attempts(console, frozen, bank, make_round, player,
                                                          audit):
    round_ = make_round(closes_in=timedelta(days=1), time_limit=1200)
    attempt = start(player, round_)
    refused(console, round_, "dong-som", message="Vui lòng đánh dấu ô xác nhận", status=400)
    frozen.move(minutes=5)
    assert console.post(url(round_, "dong-som"), data={"confirm": "y"}).status_code == 302
    round_ = reload(round_)
    assert round_.closes_at == clock.now() and lifecycle.status(round_) == "closed"
    assert db.session.get(Attempt, attempt.id).deadline_at == clock.now()
    [row] = audit("round.close_early")
    assert row.details["after"] == clock.now().isoformat() and row.details["attempts_cut"] == 1
    refused(console, round_, "dong-som", {"confirm": "y"}, "Chỉ có thể đóng sớm đợt thi đang mở")


def test_close_early_is_refused_before_opening(console, draft):
    refused(console, draft, "dong-som", {"confirm": "y"}, "Chỉ có thể đóng sớm đợt thi đang mở")
    console.post(url(draft, "cong-bo-lich"))
    refused(console, draft, "dong-som", {"confirm": "y"}, "Chỉ có thể đóng sớm đợt thi đang mở")


def test_extend_an_open_round_with_a_reason(console, frozen, bank, make_round, audit):
    round_ = make_round(closes_in=timedelta(days=1))
    later = round_.closes_at + timedelta(days=2)
    refused(console, round_, "gia-han", {"closes_at": local(later), "reason": ""},
            "Vui lòng ghi lý do gia hạn.", status=400)
    refused(console, round_, "gia-han", {"closes_at": local(round_.closes_at - timedelta(hours=1)),
                                         "reason": "Mạng chập chờn"}, "Giờ đóng mới phải sau")
    response = console.post(url(round_, "gia-han"), data={"closes_at": local(later),
                                                          "reason": "Mất điện diện rộng"})
    assert response.status_code == 302
    assert reload(round_).closes_at == later
    [row] = audit("round.extend")
    assert row.details["reason"] == "Mất điện diện rộng"
    assert row.details["after"] == later.isoformat()
    assert row.details["before"] == (later - timedelta(days=2)).isoformat()


def test_extend_a_closed_round_until_results_are_computed(console, frozen, bank, make_round, audit):
    round_ = make_round(opens_in=timedelta(days=-2), closes_in=timedelta(hours=-1))
    later = clock.now() + timedelta(days=1)
    assert console.post(url(round_, "gia-han"), data={"closes_at": local(later),
                                                      "reason": "Nhiều xã mất mạng"}).status_code == 302
    assert lifecycle.status(reload(round_)) == "open"
    round_ = reload(round_)
    round_.closes_at = clock.now() - timedelta(minutes=1)
    round_.results_computed_at = clock.now()
    db.session.commit()
    refused(console, round_, "gia-han", {"closes_at": local(later + timedelta(days=1)),
                                         "reason": "Thêm thời gian"}, "Kết quả đợt thi đã được tính")
    assert len(audit("round.extend")) == 1


def test_extend_is_refused_for_drafts_and_scheduled_rounds(console, draft):
    data = {"closes_at": local(draft.closes_at + timedelta(days=1)), "reason": "Thử"}
    refused(console, draft, "gia-han", data, "Chỉ có thể gia hạn đợt thi đang mở hoặc đã kết thúc")
    console.post(url(draft, "cong-bo-lich"))
    refused(console, draft, "gia-han", data, "Chỉ có thể gia hạn đợt thi đang mở hoặc đã kết thúc")


def test_extend_cannot_overlap_the_next_round(console, frozen, bank, make_round):
    round_ = make_round(closes_in=timedelta(days=1))
    make_round(opens_in=timedelta(days=2), closes_in=timedelta(days=9))
    refused(console, round_, "gia-han", {"closes_at": local(round_.closes_at + timedelta(days=3)),
                                         "reason": "Gia hạn"}, "Thời gian trùng với")


def test_the_round_page_links_to_the_results_console(console, frozen, bank, make_round):
    round_ = make_round(opens_in=timedelta(days=-2), closes_in=timedelta(hours=-1))
    page = messages(console.get(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}"))
    assert "Đã kết thúc" in page and f"/quan-tri/dot-thi/{round_.id}/ket-qua" in page
