"""The contest looks official: its prizes and a summary of its rules on the home
page (without slowing it in a rush), the issuing body on every page, and no year
written into the templates."""
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from contest import clock
from contest.caching import clear_result_caches
from contest.contests.models import Round
from contest.transactions import unit_of_work
from contest.extensions import cache, db
from contest.admin.services.prize_groups import GroupSettings, update_group
from contest.contests.models import PrizeGroup
from tests.conftest import login
from tests.queries import statements_of

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
START = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)


def text_of(html: str) -> str:
    """The page's words, tags and spacing removed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def add_round(contest, number, opens_local, closes_local, **settings):
    round_ = Round(contest_id=contest.id, number=number, name=f"Đợt {number}",
                   opens_at=clock.local_to_utc(opens_local),
                   closes_at=clock.local_to_utc(closes_local), scheduled_at=clock.now(),
                   **settings)
    db.session.add(round_)
    db.session.commit()
    return round_


@pytest.fixture
def rounds(contest):
    clock.freeze(START)
    add_round(contest, 1, datetime(2026, 12, 1, 8), datetime(2026, 12, 8),
              questions_per_attempt=20, time_limit_seconds=1200, max_attempts=3)
    add_round(contest, 2, datetime(2026, 12, 8, 8), datetime(2026, 12, 15, 17),
              questions_per_attempt=20, time_limit_seconds=1200, max_attempts=3)
    return contest


def add_group(contest, position, name, audiences, counts=(1, 2, 3, 5)):
    group = PrizeGroup(contest_id=contest.id, position=position, name=name, audiences=audiences,
                       first_prizes=counts[0], second_prizes=counts[1], third_prizes=counts[2],
                       consolation_prizes=counts[3])
    db.session.add(group)
    db.session.commit()
    return group


def home_text(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return text_of(response.get_data(as_text=True))


def test_the_home_page_summarises_the_rules_and_links_the_full_rules(client, rounds):
    response = client.get("/")
    text = text_of(response.get_data(as_text=True))
    assert "Cuộc thi có 2 đợt thi, từ ngày 01/12/2026 đến ngày 15/12/2026." in text
    assert ("Mỗi lượt thi gồm 20 câu hỏi trắc nghiệm, làm trong 20 phút; mỗi đợt thi được dự "
            "thi tối đa 3 lượt, lượt có kết quả tốt nhất được xếp hạng.") in text
    assert 'href="/the-le">Xem thể lệ đầy đủ' in response.get_data(as_text=True)


def test_rounds_of_different_formats_send_the_reader_to_each_round(client, rounds):
    add_round(rounds, 3, datetime(2026, 12, 15, 18), datetime(2026, 12, 22),
              questions_per_attempt=30, time_limit_seconds=1800, max_attempts=1)
    text = home_text(client)
    assert "Cuộc thi có 3 đợt thi, từ ngày 01/12/2026 đến ngày 21/12/2026." in text
    assert "Mỗi lượt thi gồm" not in text
    assert "Số câu hỏi, thời gian làm bài và số lượt thi của từng đợt ghi ở mục Các đợt thi" in text


def test_without_prize_groups_the_default_prizes_are_shown(client, rounds):
    text = home_text(client)
    assert ("Giải thưởng mỗi đợt thi 1 giải Nhất, 2 giải Nhì, 3 giải Ba, "
            "5 giải Khuyến khích.") in text
    assert "Mỗi người đạt tối đa một giải trong mỗi đợt thi." in text


def test_each_prize_group_shows_its_audiences_and_prizes(client, rounds):
    rounds.unit_min_rate = 50
    add_group(rounds, 1, "Bảng A", "cbccvc,armed_forces", (1, 2, 3, 10))
    add_group(rounds, 2, "Bảng B", "citizen,student", (1, 0, 2, 0))
    add_group(rounds, 3, "Bảng C", "business", (0, 0, 0, 0))
    text = home_text(client)
    assert ("Bảng A (Cán bộ, công chức, viên chức; Lực lượng vũ trang): 1 giải Nhất, 2 giải Nhì, "
            "3 giải Ba, 10 giải Khuyến khích.") in text
    assert "Bảng B (Người dân; Học sinh, sinh viên): 1 giải Nhất, 2 giải Ba." in text
    assert "Bảng C (Doanh nghiệp): không xét giải cá nhân." in text
    assert "đơn vị có tỷ lệ tham gia dưới 50% không được xét" in text


@pytest.fixture
def cached(app):
    """Public figures cached as in production (the tests' default is no cache)."""
    app.config.update(RESULTS_CACHE_SECONDS=30, CACHE_TYPE="SimpleCache")
    cache.init_app(app, config={"CACHE_TYPE": "SimpleCache"})
    clear_result_caches()
    yield
    clear_result_caches()


def test_the_prizes_cost_the_home_page_no_query_once_cached(client, rounds, cached):
    client.get("/")
    without_groups = statements_of(client, "/")
    for position, audience in enumerate(("cbccvc", "citizen", "student"), start=1):
        add_group(rounds, position, f"Bảng {position}", audience)
    clear_result_caches()
    assert "Bảng 3" in home_text(client)  # read once, then cached
    with_groups = statements_of(client, "/")
    assert not [s for s in with_groups if "prize_groups" in s]
    # The contest and its rounds, whether registrations are shown; and, as no
    # cache is shared here (no Redis), the two counters read from the database
    # (``caching.shared_figures``): the unit figures and the registered accounts.
    assert len(with_groups) == len(without_groups) <= 4


def test_a_changed_prize_group_shows_at_once_though_prizes_are_cached(
        client, rounds, cached, make_user):
    group = add_group(rounds, 1, "Bảng chung", "cbccvc,citizen,student,business,armed_forces,other")
    assert "1 giải Nhất, 2 giải Nhì" in home_text(client)
    settings = GroupSettings.of(group)
    with unit_of_work():  # as the organizer's request: the caches clear on its commit
        update_group(rounds, group, GroupSettings(settings.name, settings.audiences,
                                                  {**settings.counts, "first": 4}),
                     make_user(role="organizer"))
    assert "4 giải Nhất, 2 giải Nhì" in home_text(client)


@pytest.mark.parametrize("url", ["/", "/the-le", "/dang-nhap", "/dang-ky", "/khong-co-trang-nay"])
def test_every_public_page_shows_the_issuing_body_its_contact_and_this_year(
        client, rounds, url):
    rounds.contact_line = "Văn phòng UBND tỉnh, điện thoại 0269 3822 xxx"
    db.session.commit()
    clock.freeze(START + timedelta(days=60))  # January of the next year
    text = text_of(client.get(url).get_data(as_text=True))
    assert "© 2027 UBND tỉnh Gia Lai — Văn phòng UBND tỉnh, điện thoại 0269 3822 xxx" in text


def test_organizer_pages_show_the_issuing_body(client, rounds, make_user):
    login(client, make_user(role="organizer"))
    for url in ("/quan-tri/cuoc-thi", f"/quan-tri/cuoc-thi/{rounds.id}"):
        text = text_of(client.get(url).get_data(as_text=True))
        assert "UBND tỉnh Gia Lai" in text.split("Thi trực tuyến")[0], url  # in the header
        assert "© 2026 UBND tỉnh Gia Lai" in text, url


def test_no_template_writes_a_year_of_its_own():
    """Years come from the contest or the clock: a template never goes stale."""
    stale = [f"{path.relative_to(TEMPLATES)}: {match}"
             for path in TEMPLATES.rglob("*.html")
             for match in re.findall(r"\b20[2-9]\d\b", path.read_text(encoding="utf-8"))]
    assert stale == []
