"""The live dashboard of a round: figures over time windows, on hand-built
attempts with the clock frozen at 10:00 on 20/11/2026 (Hà Nội time)."""
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from contest.audit.models import AuditLog
from contest.extensions import db
from contest.monitoring import queries as dashboard
from contest.monitoring.queries import DayShare, flag_jumps
from contest.monitoring.models import LoggedError
from tests.conftest import login
from tests.monitoring.conftest import utc

NOW = utc(2026, 11, 20, 3, 0)  # 10:00 local


@pytest.fixture
def people(make_unit, make_user):
    fast, slow, other = (make_unit(name="Xã Nhanh", kind="commune"),
                         make_unit(name="Xã Chậm", kind="commune"), make_unit(name="Sở Tư pháp"))
    return {"f1": make_user(unit=fast), "f2": make_user(unit=fast), "s1": make_user(unit=slow),
            "o1": make_user(unit=other), "a1": make_user(unit=other), "a2": make_user(unit=other),
            "a3": make_user(unit=other)}


@pytest.fixture
def watched(frozen, make_round, people, add_attempt):
    """A round open since 17/11 with attempts on 18/11, 19/11 and today (20/11)."""
    assert frozen.at == NOW
    round_ = make_round(opens_in=-timedelta(days=3))
    other_round = make_round(opens_in=-timedelta(days=3), number=2)
    p = people

    def submit(who, at, full, in_round=round_):
        add_attempt(p[who], in_round, started=at - timedelta(minutes=5), submitted=at,
                    score=5 if full else 3)

    # 18/11 local: 4 submitted, 1 fully correct (25%).
    for who, full in (("o1", True), ("s1", False), ("f1", False), ("f2", False)):
        submit(who, utc(2026, 11, 18, 3, 0), full)
    # 19/11 local: 5 submitted, 2 fully correct (40%), one at 00:30 and one at 23:30 local.
    submit("o1", utc(2026, 11, 18, 17, 30), False)
    for who, full in (("s1", True), ("f1", False), ("f2", False)):
        submit(who, utc(2026, 11, 19, 1, 0), full)
    submit("o1", utc(2026, 11, 19, 16, 30), True)
    # Today: 07:00 local, then the last hour; 6 submitted, 4 fully correct (66.7%).
    submit("o1", utc(2026, 11, 20, 0, 0), True)
    submit("s1", utc(2026, 11, 20, 0, 0), False)
    for who, minute, full in (("f1", 50, True), ("f2", 40, True), ("s1", 30, True), ("f1", 10, False)):
        submit(who, utc(2026, 11, 20, 2, minute), full)
    # In progress now: two before their deadline, one past it (not counted).
    add_attempt(p["a1"], round_, started=NOW - timedelta(minutes=5))
    add_attempt(p["a2"], round_, started=NOW - timedelta(minutes=2))
    add_attempt(p["a3"], round_, started=NOW - timedelta(hours=1))
    # Another round's activity counts for that round only.
    submit("o1", NOW - timedelta(minutes=5), True, in_round=other_round)
    add_attempt(p["o1"], other_round, started=NOW - timedelta(minutes=1))
    return round_


@pytest.fixture
def registrations(people):
    def register(user, at, action="account.register"):
        db.session.add(AuditLog(action=action, actor_id=user.id, target_type="User",
                                target_id=str(user.id), at=at))
    register(people["a1"], utc(2026, 11, 19, 17, 30))   # 00:30 today
    register(people["a2"], utc(2026, 11, 20, 2, 0))     # 09:00 today
    register(people["a3"], utc(2026, 11, 19, 16, 0))    # 23:00 yesterday
    register(people["a2"], utc(2026, 11, 20, 2, 30), action="account.lock")
    db.session.commit()


@pytest.fixture
def logged_errors(app):
    db.session.add_all([
        LoggedError(at=NOW - timedelta(minutes=30), level="ERROR", logger="contest",
                    message="Exception on /bai-thi [POST]\nTraceback (most recent call last):",
                    path="/bai-thi"),
        LoggedError(at=NOW - timedelta(minutes=90), level="ERROR", logger="contest",
                    message="Lỗi cũ hơn một giờ", path="/cu"),
    ])
    db.session.commit()


def test_live_figures_count_each_time_window(watched, registrations, logged_errors):
    figures = dashboard.live_figures(watched)
    assert figures.in_progress == 2
    assert figures.last_hour == 4
    assert figures.today == 6
    assert figures.registered_today == 2
    assert [(u.name, u.submitted) for u in figures.fastest_units] == [("Xã Nhanh", 3), ("Xã Chậm", 1)]
    assert [(e.path, e.first_line) for e in figures.errors] == [("/bai-thi", "Exception on /bai-thi [POST]")]


def test_fully_correct_share_by_local_day_flags_a_jump(watched):
    shares = dashboard.live_figures(watched).shares
    assert [(s.day.strftime("%d/%m"), s.submitted, s.fully_correct, s.jump) for s in shares] == [
        ("18/11", 4, 1, False), ("19/11", 5, 2, False), ("20/11", 6, 4, True)]
    assert [round(s.share, 3) for s in shares] == [0.25, 0.4, 0.667]


def test_a_jump_must_be_more_than_twenty_points():
    def day(number, full):
        return DayShare(day=NOW.date() + timedelta(days=number), submitted=100, fully_correct=full)
    flagged = flag_jumps([day(0, 25), day(1, 45), day(2, 66), day(3, 10), day(4, 31)])
    assert [d.jump for d in flagged] == [False, False, True, False, True]


def test_submissions_per_hour_over_the_last_day(watched):
    hours = dashboard.submissions_by_hour(watched)
    assert len(hours) == 24
    assert dashboard.hour_label(hours[0].start) == "11:00" and dashboard.hour_label(hours[-1].start) == "10:00"
    counts = {dashboard.hour_label(h.start): h.submitted for h in hours if h.submitted}
    assert counts == {"23:00": 1, "07:00": 2, "09:00": 4}


def test_the_page_shows_the_figures_and_when_they_were_read(client, watched, registrations,
                                                             logged_errors, make_user):
    login(client, make_user(role="organizer"))
    page = client.get(f"/quan-tri/theo-doi/dot-thi/{watched.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Số liệu lúc 10:00:00" in html
    assert "Xã Nhanh" in html and "66,7%" in html and "40,0%" in html
    assert html.count("Tăng đột biến") == 1
    assert "/bai-thi" in html and "Lỗi cũ hơn một giờ" not in html
    assert f"/quan-tri/theo-doi/dot-thi/{watched.id}/theo-gio.svg" in html


def test_the_hourly_chart_is_svg(client, watched, make_user):
    login(client, make_user(role="admin"))
    chart = client.get(f"/quan-tri/theo-doi/dot-thi/{watched.id}/theo-gio.svg")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert chart.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert ET.fromstring(chart.data).tag == "{http://www.w3.org/2000/svg}svg"
    svg = chart.get_data(as_text=True)
    assert "Lượt thi nộp theo giờ" in svg and "09:00" in svg and "<script" not in svg


def test_the_index_opens_the_open_round(client, frozen, make_round, make_user):
    make_round(opens_in=-timedelta(days=10), closes_in=-timedelta(days=3))
    draft = make_round(number=2, scheduled=False)
    login(client, make_user(role="organizer"))
    listing = client.get("/quan-tri/theo-doi/")
    assert listing.status_code == 200, "a draft round is not watched"
    assert f"/quan-tri/theo-doi/dot-thi/{draft.id}" in listing.get_data(as_text=True)
    live = make_round(number=3)
    response = client.get("/quan-tri/theo-doi/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/quan-tri/theo-doi/dot-thi/{live.id}")


def test_an_unknown_round_is_404(client, make_user):
    login(client, make_user(role="organizer"))
    assert client.get("/quan-tri/theo-doi/dot-thi/999").status_code == 404
