"""The commune leader's list of who has not taken part: titled, in Vietnamese
order by given name, with the full phones of their own unit's people (masked for
everyone else), every download audited; and how many of the headcount registered."""
from io import BytesIO

import pytest
from openpyxl import load_workbook

from contest.audit.models import AuditLog
from contest.extensions import db

from tests.conftest import login
from tests.rankings.helpers import take_attempt

TITLE = "Danh sách chưa dự thi — Xã Của Tôi — Đợt thử — tính đến 20/11/2026 10:00"


@pytest.fixture
def commune(make_unit):
    return make_unit(name="Xã Của Tôi", kind="commune", headcount=60)


def cells(data: bytes) -> list[tuple]:
    """Every row of the downloaded workbook's sheet, every column."""
    return list(load_workbook(BytesIO(data)).active.iter_rows(values_only=True))


def named(make_user, unit, full_name, phone=None):
    user = make_user(unit=unit, phone=phone)
    user.full_name = full_name
    db.session.commit()
    return user


def test_the_download_starts_with_a_title_row_then_the_header(client, open_round, commune,
                                                             make_user):
    manager = make_user(role="unit_manager", unit=commune)
    login(client, manager)
    response = client.get(f"/don-vi/{commune.code}/chua-tham-gia.xlsx")
    title, header, *_ = cells(response.data)
    assert title == (TITLE, None, None, None, None)
    assert header == ("STT", "Họ và tên", "Số điện thoại", "Đối tượng / chức vụ", "Tình trạng")
    printed = load_workbook(BytesIO(response.data)).active
    assert (printed.print_title_rows, printed.freeze_panes) == ("$2:$2", "A3")
    assert TITLE in client.get(f"/don-vi/{commune.code}/chua-tham-gia").get_data(as_text=True)


def test_people_are_listed_by_given_name_in_vietnamese_order(client, open_round, commune,
                                                             make_user):
    manager = make_user(role="unit_manager", unit=commune)
    manager.full_name = "Vũ Thị Yến"
    for name in ("Trương Văn Ba", "Trần Văn Ba", "Nguyễn Đặng", "Lê Dương", "Phạm Ánh"):
        named(make_user, commune, name)
    login(client, manager)
    html = client.get(f"/don-vi/{commune.code}/chua-tham-gia").get_data(as_text=True)
    order = ["Phạm Ánh", "Trần Văn Ba", "Trương Văn Ba", "Lê Dương", "Nguyễn Đặng", "Vũ Thị Yến"]
    assert [html.index(name) for name in order] == sorted(html.index(name) for name in order)


def test_the_units_own_manager_sees_full_phones_others_masked(client, open_round, commune,
                                                             make_unit, make_user):
    named(make_user, commune, "Chưa Thi", phone="0912345678")
    manager = make_user(role="unit_manager", unit=commune)
    login(client, manager)
    page = client.get(f"/don-vi/{commune.code}/chua-tham-gia").get_data(as_text=True)
    assert 'href="tel:0912345678"' in page
    rows = cells(client.get(f"/don-vi/{commune.code}/chua-tham-gia.xlsx").data)
    assert ("Chưa Thi", "0912345678") in [row[1:3] for row in rows]

    client.post("/dang-xuat")
    other = make_user(role="unit_manager", unit=make_unit(name="Xã Khác", kind="commune"))
    login(client, other)
    assert client.get(f"/don-vi/{commune.code}/chua-tham-gia").status_code == 403
    assert client.get(f"/don-vi/{commune.code}/chua-tham-gia.xlsx").status_code == 403

    client.post("/dang-xuat")
    login(client, make_user(role="organizer"))
    page = client.get(f"/don-vi/{commune.code}/chua-tham-gia").get_data(as_text=True)
    workbook = client.get(f"/don-vi/{commune.code}/chua-tham-gia.xlsx").data
    assert "0912345678" not in page and "0912•••678" in page
    assert ("Chưa Thi", "0912•••678") in [row[1:3] for row in cells(workbook)]


def test_each_download_is_audited_with_the_unit_and_round(client, open_round, commune, make_user):
    manager = make_user(role="unit_manager", unit=commune)
    login(client, manager)
    client.get(f"/don-vi/{commune.code}/chua-tham-gia.xlsx")
    client.get(f"/don-vi/{commune.code}/chua-tham-gia.xlsx")
    rows = AuditLog.query.filter_by(action="export.unit_absentees").all()
    assert len(rows) == 2
    assert (rows[0].actor_id, rows[0].target_type, rows[0].target_id) == (
        manager.id, "Unit", str(commune.id))
    assert rows[0].details["round_id"] == open_round.id and rows[0].details["full_phones"] is True


def test_the_dashboard_tells_how_many_of_the_headcount_registered(client, open_round, commune,
                                                                  make_user):
    manager = make_user(role="unit_manager", unit=commune)
    for _ in range(5):
        make_user(unit=commune)
    take_attempt(make_user(unit=commune), open_round, correct=3, seconds=20)
    login(client, manager)
    html = client.get(f"/don-vi/{commune.code}").get_data(as_text=True)
    assert "Đã đăng ký <strong>7/60</strong> người (còn 53 người chưa đăng ký)" in html


def test_the_dashboard_lists_who_took_part_by_given_name_while_scores_are_hidden(
        client, open_round, commune, make_user):
    manager = make_user(role="unit_manager", unit=commune)
    for name, correct in (("Trương Văn Ba", 5), ("Nguyễn Thị Ánh", 1), ("Trần Văn Ba", 3)):
        take_attempt(named(make_user, commune, name), open_round, correct=correct, seconds=20)
    login(client, manager)
    html = client.get(f"/don-vi/{commune.code}").get_data(as_text=True)
    order = ["Nguyễn Thị Ánh", "Trần Văn Ba", "Trương Văn Ba"]
    assert [html.index(name) for name in order] == sorted(html.index(name) for name in order)
