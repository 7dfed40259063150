"""A new organizer sets up a contest for a province other than Gia Lai, from an
empty database and without any spreadsheet of communes (issue "any of the 34
provinces on the first day"): `create-admin`, the province's communes and wards
and its standard agencies in one step from the units page, the contest, and a
citizen registering in one of the province's wards."""
import re
from datetime import timedelta

from contest.contests.models import Contest
from contest.extensions import db
from contest.units.models import Unit
from tests.contests.helpers import contest_form, local

ADMIN_PHONE, ADMIN_PASSWORD = "0901234567", "quan-tri-ha-noi-2026"
HANOI = "01"  # the official code the province select sends


def created_admin(runner) -> None:
    result = runner.invoke(args=["create-admin", "--phone", ADMIN_PHONE, "--name", "Lê Văn Hùng",
                                 "--date-of-birth", "02/09/1980", "--password-stdin"],
                           input=f"{ADMIN_PASSWORD}\n")
    assert result.exit_code == 0, result.output


def registration_units(client) -> list[str]:
    page = client.get("/dang-ky").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="unit_id".*?</select>', page, re.S).group(0)
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)


def test_a_hanoi_organizer_starts_from_an_empty_database_without_a_spreadsheet(
        app, client, runner, frozen):
    created_admin(runner)
    client.post("/dang-nhap", data={"identifier": ADMIN_PHONE, "password": ADMIN_PASSWORD})
    assert client.get("/").get_data(as_text=True).count('data-step-done="no"') == 5

    page = client.get("/quan-tri/danh-muc-don-vi/nap-theo-tinh").get_data(as_text=True)
    assert "Thành phố Hà Nội" in page and "Tỉnh Cà Mau" in page
    response = client.post("/quan-tri/danh-muc-don-vi/nap-theo-tinh",
                           data={"province": HANOI, "with_agencies": "y"}, follow_redirects=True)
    assert "Thành phố Hà Nội: đã thêm 138 đơn vị" in response.get_data(as_text=True)
    assert db.session.query(Unit).filter_by(kind="commune").count() == 126
    assert db.session.query(Unit).filter_by(kind="agency").count() == 12
    assert client.get("/").get_data(as_text=True).count('data-step-done="no"') == 4  # units: done

    response = client.post("/quan-tri/cuoc-thi/moi", data=contest_form(
        name="Cuộc thi tìm hiểu CCHC thành phố Hà Nội 2026", organizer_name="UBND thành phố Hà Nội",
        starts_at=local(frozen.at), ends_at=local(frozen.at + timedelta(days=30))))
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    assert db.session.query(Contest).one().organizer_name == "UBND thành phố Hà Nội"
    client.post("/dang-xuat")

    citizen = app.test_client()
    offered = registration_units(citizen)
    assert "Phường Hoàn Kiếm" in offered and "Thanh tra thành phố" in offered
    assert "Ban Tổ chức" not in offered  # the organizers' own unit is internal
    ward = db.session.query(Unit).filter_by(name="Phường Hoàn Kiếm").one()
    response = citizen.post("/dang-ky", data={
        "full_name": "Phạm Thu Trang", "date_of_birth": "12/03/1990", "gender": "nu",
        "phone": "0987 654 321", "email": "", "cccd": "", "audience": "citizen",
        "unit_id": str(ward.id), "password": "Trang-o-Hoan-Kiem", "password_confirm":
        "Trang-o-Hoan-Kiem", "consent": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
