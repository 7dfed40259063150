"""Who sees what: a unit manager only their unit, contestants no manager or
organizer page; public pages show no personal data and, while a round is open,
nothing that tells how many people answered everything correctly."""
import re

import pytest

from contest.accounts.rules.cccd import cccd_hash

from tests.conftest import login
from tests.rankings.helpers import take_attempt


@pytest.fixture
def two_units(make_unit):
    return make_unit(name="Xã Của Tôi", kind="commune"), make_unit(name="Xã Bên Cạnh", kind="commune")


def test_a_manager_sees_their_unit_only(client, open_round, two_units, make_user):
    mine, other = two_units
    manager = make_user(role="unit_manager", unit=mine)
    take_attempt(make_user(unit=mine), open_round, correct=4, seconds=20)
    login(client, manager)
    page = client.get(f"/don-vi/{mine.code}")
    assert page.status_code == 200 and "Xã Của Tôi" in page.get_data(as_text=True)
    assert client.get(f"/don-vi/{other.code}").status_code == 403
    assert client.get(f"/don-vi/{other.code}/chua-tham-gia.xlsx").status_code == 403
    assert client.get(f"/don-vi/{other.code}/chua-tham-gia").status_code == 403
    assert client.get("/quan-tri/don-vi").status_code == 403
    assert client.get("/don-vi-cua-toi").headers["Location"].endswith(f"/don-vi/{mine.code}")


def test_the_manager_lists_who_has_not_taken_part(client, open_round, two_units, make_user):
    from io import BytesIO

    from openpyxl import load_workbook
    from contest.audit.models import AuditLog
    mine, _ = two_units
    manager = make_user(role="unit_manager", unit=mine)
    done, absent = make_user(unit=mine), make_user(unit=mine)
    done.full_name, absent.full_name = "Đã Thi", "Chưa Thi Lần Nào"
    take_attempt(done, open_round, correct=3, seconds=20)
    login(client, manager)
    html = client.get(f"/don-vi/{mine.code}").get_data(as_text=True)
    assert "Đã Thi" in html and "<strong>3/5</strong>" not in html  # no score before the round settles (case 11)
    assert "<strong>2</strong> tài khoản của đơn vị chưa nộp" in html  # the absent one and the leader
    listing = client.get(f"/don-vi/{mine.code}/chua-tham-gia").get_data(as_text=True)
    assert "Chưa Thi Lần Nào" in listing and "Đã Thi" not in listing
    workbook = client.get(f"/don-vi/{mine.code}/chua-tham-gia.xlsx")
    sheet = load_workbook(BytesIO(workbook.data)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Chưa Thi Lần Nào" in names and "Đã Thi" not in names
    assert AuditLog.query.filter_by(action="export.unit_absentees").count() == 1


@pytest.mark.parametrize("path", ["/don-vi/U1", "/quan-tri/don-vi", "/quan-tri/ket-qua",
                                  "/quan-tri/ket-qua/toan-cuoc", "/quan-tri/dot-thi/1/kiem-tra/1",
                                  "/quan-tri/dot-thi/1/ket-qua"])
def test_a_contestant_is_refused_and_a_visitor_sent_to_log_in(client, open_round, two_units,
                                                               make_user, path):
    assert client.get(path).status_code == 302
    login(client, make_user(unit=two_units[0]))
    assert client.get(path).status_code == 403


def cccd_of(user) -> str:
    return f"0010900000{user.id:02d}"


def test_public_pages_show_no_personal_data_nor_the_live_perfect_count(client, open_round,
                                                                      make_user, two_units):
    people = [make_user(unit=two_units[0], email=f"nguoi{i}@example.vn") for i in range(3)]
    for user, correct in zip(people, (5, 5, 2)):
        user.cccd_hash, user.cccd_last4 = cccd_hash(cccd_of(user)), cccd_of(user)[-4:]
        take_attempt(user, open_round, correct=correct, seconds=20, prediction=2)
    pages = ["/", f"/dot-thi/{open_round.id}/ket-qua", f"/dot-thi/{open_round.id}/xep-hang",
             "/xep-hang-don-vi", "/xep-hang-don-vi?khoi=agency&dot=toan-cuoc"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        for user in people:
            assert user.phone not in html and user.email not in html and cccd_of(user) not in html
            assert "01/01/1990" not in html
        assert "Đúng tất cả các câu" not in html, path
    results = client.get(f"/dot-thi/{open_round.id}/ket-qua").get_data(as_text=True)
    assert re.search(r'stat-value">3</div><div class="stat-label">người dự thi', results)


def test_the_manager_pages_through_a_large_unit(client, open_round, two_units, make_user):
    mine, _ = two_units
    manager = make_user(role="unit_manager", unit=mine)
    for _ in range(51):
        make_user(unit=mine)
    login(client, manager)
    first = client.get(f"/don-vi/{mine.code}/chua-tham-gia")
    assert first.status_code == 200 and "Trang 1/2" in first.get_data(as_text=True)
    second = client.get(f"/don-vi/{mine.code}/chua-tham-gia?trang=2")
    assert second.status_code == 200 and "Trang 2/2" in second.get_data(as_text=True)
