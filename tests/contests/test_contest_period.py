"""One rule for a contest's dates: every round lies within the contest's period,
and the rules page, the home page's summary and the QR poster show the same one."""
import io
from datetime import datetime

from pypdf import PdfReader
from sqlalchemy import func, select

from contest import clock
from contest.contests.models import Round
from contest.extensions import db
from tests.contests.helpers import contest_form, messages, reload, round_form


def _at(*parts) -> datetime:
    return clock.local_to_utc(datetime(*parts))


def _with_period(contest, first=(2026, 12, 1, 8), last=(2026, 12, 31, 17)):
    contest.starts_at, contest.ends_at = _at(*first), _at(*last)
    db.session.commit()
    return contest


def _round(contest, number=1, opens=(2026, 12, 1, 8), closes=(2026, 12, 8), scheduled=True):
    round_ = Round(contest_id=contest.id, number=number, name=f"Đợt {number}",
                   opens_at=_at(*opens), closes_at=_at(*closes),
                   scheduled_at=clock.now() if scheduled else None)
    db.session.add(round_)
    db.session.commit()
    return round_


def test_a_round_opening_before_the_contest_starts_is_refused(console, contest, frozen,
                                                                make_questions, audit):
    make_questions(10)
    _with_period(contest)
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(
        _at(2026, 11, 30, 8), _at(2026, 12, 7, 17)))
    assert response.status_code == 400
    page = messages(response)
    assert "trước khi cuộc thi bắt đầu" in page and "01/12/2026 08:00 – 31/12/2026 17:00" in page
    assert db.session.scalar(select(func.count(Round.id))) == 0 and audit("round.create") == []


def test_a_round_closing_after_the_contest_ends_is_refused(console, contest, frozen,
                                                             make_questions):
    make_questions(10)
    _with_period(contest)
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(
        _at(2026, 12, 28, 8), _at(2027, 1, 4, 17)))
    assert response.status_code == 400
    assert "sau khi cuộc thi kết thúc" in messages(response)
    inside = console.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(
        _at(2026, 12, 24, 8), _at(2026, 12, 31, 17)))
    assert inside.status_code == 302


def test_a_contest_without_dates_bounds_no_round(console, contest, frozen, make_questions):
    make_questions(10)
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(
        _at(2026, 11, 30, 8), _at(2027, 1, 4, 17)))
    assert response.status_code == 302


def test_narrowing_the_contest_period_past_a_round_is_refused_naming_it(console, contest, audit):
    _with_period(contest)
    _round(contest, 1)
    _round(contest, 2, opens=(2026, 12, 20, 8), closes=(2026, 12, 27, 17), scheduled=False)
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(
        name="Tên mới", ends_at="25/12/2026 17:00"))
    assert response.status_code == 400
    assert "Đợt 2 (20/12/2026 08:00 – 27/12/2026 17:00) nằm ngoài thời gian cuộc thi mới" \
        in messages(response)
    contest = reload(contest)
    assert contest.ends_at == _at(2026, 12, 31, 17) and contest.name != "Tên mới"
    assert audit("contest.update") == []
    later_start = console.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(
        starts_at="02/12/2026 08:00"))
    assert later_start.status_code == 400 and "Đợt 1 (01/12/2026 08:00" in messages(later_start)


def test_widening_the_contest_period_is_saved(console, contest):
    _with_period(contest)
    _round(contest, 1)
    response = console.post(f"/quan-tri/cuoc-thi/{contest.id}", data=contest_form(
        starts_at="15/11/2026 08:00", ends_at="15/01/2027 17:00"))
    assert response.status_code == 302
    assert reload(contest).ends_at == _at(2027, 1, 15, 17)


def test_extending_a_round_past_the_contest_end_is_refused(console, contest, frozen):
    _with_period(contest, first=(2026, 11, 1, 8), last=(2026, 11, 30, 17))
    round_ = _round(contest, 1, opens=(2026, 11, 19, 8), closes=(2026, 11, 26, 17))
    response = console.post(f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/gia-han", data={
        "closes_at": "02/12/2026 17:00", "reason": "Mất điện"})
    assert response.status_code == 409
    assert "sau khi cuộc thi kết thúc" in messages(response)
    assert reload(round_).closes_at == _at(2026, 11, 26, 17)


def _poster_text(console, contest) -> str:
    data = console.get(f"/quan-tri/cuoc-thi/{contest.id}/ap-phich.pdf").data
    return " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def test_rules_page_summary_and_poster_show_the_same_period(console, client, contest):
    """The contest runs 01/12–31/12; its only round 05/12–12/12: every page says
    01/12/2026 – 31/12/2026, the rules page lists the round with its own times."""
    _with_period(contest)
    _round(contest, 1, opens=(2026, 12, 5, 8), closes=(2026, 12, 12, 17))
    period = "01/12/2026 – 31/12/2026"
    rules = client.get("/the-le").get_data(as_text=True)
    assert f"Thời gian: <strong>{period}</strong>" in rules
    assert "Đợt 1: mở 05/12/2026 08:00, đóng 12/12/2026 17:00." in rules
    home = client.get("/").get_data(as_text=True)
    assert "từ ngày 01/12/2026 đến ngày 31/12/2026" in home
    assert f"Thời gian: {period}" in _poster_text(console, contest)


def test_without_contest_dates_the_pages_show_the_rounds_span(console, client, contest):
    _round(contest, 1, opens=(2026, 12, 5, 8), closes=(2026, 12, 12, 17))
    rules = client.get("/the-le").get_data(as_text=True)
    assert "Thời gian: <strong>05/12/2026 – 12/12/2026</strong>" in rules
    assert "Thời gian: 05/12/2026 – 12/12/2026" in _poster_text(console, contest)

