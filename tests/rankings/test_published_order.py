"""Issue 17, case 7: the published order is the decided order. After a
disqualification and publication the public ranking keeps everyone at their
rank, marks the disqualified person "Bị loại" (never the reason) and the staff
account "Không xét giải", says why nothing else moved, and shows who took which
prize; the organizer's whole-contest ranking says the same, with the reason."""
import re

import pytest

from contest.extensions import db
from contest.prizes import services
from contest.contests.models import PrizeGroup
from tests.conftest import login
from tests.rankings.helpers import take_attempt

REASON = "Thi hộ, đã xác minh qua camera"


def row_of(html: str, name: str) -> str:
    """The last table row that names ``name`` (the ranking comes after the list of
    winners), tags stripped."""
    row = [row for row in re.findall(r"<tr.*?</tr>", html, re.S) if name in row][-1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


@pytest.fixture
def decided(open_round, make_user, close_round):
    """Ranked: Ban Tổ chức (staff), An (disqualified), Bình, Cường, Dũng; one group
    with a first and a second prize; results published."""
    db.session.add(PrizeGroup(contest_id=open_round.contest_id, position=1, name="Bảng chung",
                              audiences="cbccvc", first_prizes=1, second_prizes=1,
                              third_prizes=0, consolation_prizes=0))
    people = {}
    for seconds, (key, name, role) in enumerate((
            ("staff", "Cán bộ Ban Tổ chức", "organizer"), ("an", "Lê Văn An", "contestant"),
            ("binh", "Trần Thị Bình", "contestant"), ("cuong", "Phạm Văn Cường", "contestant"),
            ("dung", "Đỗ Thị Dũng", "contestant")), start=1):
        people[key] = make_user(role=role)
        people[key].full_name = name
        db.session.commit()
        take_attempt(people[key], open_round, correct=5, seconds=seconds, prediction=5)
    close_round(open_round)
    organizer = people["staff"]
    services.disqualify_winner(open_round, people["an"].id, REASON, organizer)
    for key in ("binh", "cuong"):
        services.verify_winner(open_round, people[key].id, organizer)
    services.publish_results(open_round, organizer)
    return open_round, people


def test_the_public_ranking_marks_the_disqualified_and_keeps_every_rank(client, decided):
    round_, _ = decided
    html = client.get(f"/dot-thi/{round_.id}/xep-hang").get_data(as_text=True)
    assert row_of(html, "Lê Văn An").startswith("2 Lê Văn An")
    assert row_of(html, "Lê Văn An").endswith("Bị loại")
    assert REASON not in html  # the public reads that someone was excluded, not why
    assert row_of(html, "Cán bộ Ban Tổ chức").endswith("Không xét giải")
    assert row_of(html, "Trần Thị Bình").startswith("3 ")
    assert row_of(html, "Trần Thị Bình").endswith("Đạt giải Nhất")
    assert row_of(html, "Phạm Văn Cường").endswith("Đạt giải Nhì")
    assert row_of(html, "Đỗ Thị Dũng").endswith("5,0 giây")  # no prize, nothing said
    assert "không thay đổi khi xét giải" in html and "người kế tiếp theo thứ tự" in html


def test_the_organizers_contest_ranking_says_who_won_and_who_was_excluded(client, decided):
    round_, people = decided
    login(client, people["staff"])
    html = client.get("/quan-tri/ket-qua/toan-cuoc").get_data(as_text=True)
    assert row_of(html, "Lê Văn An").endswith(f"Bị loại (Đợt thử): {REASON}")
    assert row_of(html, "Trần Thị Bình").endswith("Đạt giải Nhất (Đợt thử)")
    console = client.get(f"/quan-tri/dot-thi/{round_.id}/ket-qua").get_data(as_text=True)
    assert f"Bị loại: {REASON}" in console
    assert ("Không xét giải: tài khoản Ban Tổ chức, quản trị hoặc lãnh đạo đơn vị"
            in console)


def test_the_rules_page_says_how_the_published_list_reads(client, decided):
    html = client.get("/the-le").get_data(as_text=True)
    assert "Thứ hạng công bố là thứ tự đã xét" in html and "không ghi lý do" in html
    assert "Mỗi người tối đa một giải cá nhân trong toàn cuộc thi" not in html
