"""An empty site: the organizer who logs in reads the first steps, each ticked
once done; a visitor reads a neutral "Cuộc thi chưa mở" page. Creating a contest
before the bank is loaded offers every scope the bank will have."""
import re

from contest import clock
from contest.contests.models import Contest, Round
from contest.extensions import db
from tests.conftest import login


def _ticks(page: str) -> list[str]:
    return re.findall(r'data-step-done="(yes|no)"', page)


def test_a_visitor_of_an_empty_site_reads_a_neutral_page(client, make_unit):
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Cuộc thi chưa mở" in page
    assert "Bắt đầu tổ chức cuộc thi" not in page and "/quan-tri" not in page.split("<main")[-1]


def test_the_organizer_reads_five_steps_ticked_as_they_are_done(client, make_user, make_unit,
                                                                 make_questions):
    organizer = make_user(role="organizer", unit=make_unit(name="Ban Tổ chức", kind="organizer"))
    login(client, organizer)
    page = client.get("/").get_data(as_text=True)
    assert "Bắt đầu tổ chức cuộc thi" in page
    assert _ticks(page) == ["no"] * 5  # the organizers' own unit is no unit list yet
    for link in ("/quan-tri/danh-muc-don-vi/", "/quan-tri/cau-hoi/", "/quan-tri/cuoc-thi/moi"):
        assert f'href="{link}"' in page
    make_unit(name="Xã Ia Grai", kind="commune")
    make_questions(5)
    assert _ticks(client.get("/").get_data(as_text=True)) == ["yes", "yes", "no", "no", "no"]
    contest = Contest(slug="thu", name="Cuộc thi thử", organizer_name="UBND", rules="")
    db.session.add(contest)
    db.session.flush()
    db.session.add(Round(contest_id=contest.id, number=1, name="Đợt 1", opens_at=clock.now(),
                         closes_at=clock.now().replace(year=2099)))
    db.session.commit()
    assert _ticks(client.get("/").get_data(as_text=True)) == ["yes"] * 4 + ["no"]


def test_before_the_bank_every_scope_is_offered_with_no_questions_yet(client, make_user):
    login(client, make_user(role="organizer"))
    page = client.get("/quan-tri/cuoc-thi/moi").get_data(as_text=True)
    for scope in ("Toàn quốc", "Tỉnh Gia Lai", "Tỉnh Lào Cai"):
        assert f"{scope} (chưa có câu hỏi trong ngân hàng)" in page
    assert "nên <a href=\"/quan-tri/cau-hoi/\">nạp ngân hàng câu hỏi</a>" in page
    assert 'href="/quan-tri/cau-hoi/nhap-excel"' in page


def test_with_a_bank_the_form_no_longer_asks_to_load_it(client, make_user, make_questions):
    make_questions(5)
    login(client, make_user(role="organizer"))
    page = client.get("/quan-tri/cuoc-thi/moi").get_data(as_text=True)
    assert "nạp ngân hàng câu hỏi</a>" not in page
    assert "Toàn quốc (1 chủ đề, 5 câu hỏi đang dùng)" in page
    assert "Tỉnh Gia Lai (chưa có câu hỏi trong ngân hàng)" in page
