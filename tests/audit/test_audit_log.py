"""The audit log browser: newest first, searched by person, action and local
dates, shown in Vietnamese; read-only; its export is itself audited."""
import re
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from contest.audit.models import AuditLog
from contest.extensions import db
from tests.audit.conftest import utc
from tests.conftest import login

LOG = "/quan-tri/nhat-ky/"


@pytest.fixture
def organizer_client(client, entries):
    login(client, entries["organizer"])
    return client


def shown(client, **args) -> list[str]:
    response = client.get(LOG, query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)
    return re.findall(r"Mã: (E\d)", response.get_data(as_text=True))


def test_newest_first(organizer_client):
    assert shown(organizer_client) == ["E6", "E5", "E4", "E3", "E2", "E1"]


@pytest.mark.parametrize("person, expected", [
    ("Trần Thị Bích", ["E6", "E3", "E2"]),
    ("tran thi bich", ["E6", "E3", "E2"]),   # staff names match without diacritics
    ("Nguyễn Văn An", ["E1"]),
    ("0988 777", ["E4"]),                     # phone digits
    ("Không Có Ai", []),
])
def test_search_by_person(organizer_client, person, expected):
    assert shown(organizer_client, q=person) == expected


@pytest.mark.parametrize("action, expected", [
    ("unit.*", ["E3", "E2"]), ("unit.update", ["E3"]), ("account.*", ["E4", "E1"]),
])
def test_search_by_action(organizer_client, action, expected):
    assert shown(organizer_client, action=action) == expected


def test_search_by_local_dates(organizer_client):
    # E3 happened at 00:30 on 20/11 in Hà Nội (17:30 on 19/11 UTC).
    assert shown(organizer_client, **{"from": "20/11/2026", "to": "20/11/2026"}) == ["E5", "E4", "E3"]
    assert shown(organizer_client, to="19/11/2026") == ["E2", "E1"]
    assert shown(organizer_client, q="Bích", **{"from": "21/11/2026"}) == ["E6"]


def test_entries_about_a_person(organizer_client, entries):
    assert shown(organizer_client, about=entries["contestant"].id) == ["E4", "E1"]
    html = organizer_client.get(LOG, query_string={"about": entries["contestant"].id}).get_data(as_text=True)
    assert "Chỉ các thao tác về <a" in html and "Nguyễn Văn An</a>." in html  # a name, not "#3"


@pytest.mark.parametrize("args, message", [
    ({"from": "2026-11-20"}, "Từ ngày phải có dạng ngày/tháng/năm"),
    ({"to": "31/02/2026"}, "Đến ngày phải có dạng ngày/tháng/năm"),
    ({"from": "21/11/2026", "to": "20/11/2026"}, "phải trước hoặc bằng"),
    ({"action": "unit'; --"}, "Loại thao tác không hợp lệ"),
])
def test_a_bad_filter_is_explained(organizer_client, args, message):
    response = organizer_client.get(LOG, query_string=args)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html and "Mã: E" not in html


def test_rows_read_in_vietnamese(organizer_client, entries):
    html = organizer_client.get(LOG).get_data(as_text=True)
    assert "20/11/2026 00:30" in html            # E3 in local time
    assert "Sửa đơn vị" in html and "Tên: Xã A → Xã B" in html
    assert "Số CBCCVC: 10 →" not in html          # unchanged values are not listed
    assert "Hệ thống" in html and "Kết thúc các lượt thi quá giờ" in html
    assert "27/11/2026 17:00 → 28/11/2026 17:00" in html
    assert "Khóa tài khoản" in html and "Lý do: Thi hộ" in html and "Nguyễn Văn An" in html
    assert "10.0.0.7" in html
    assert '<option value="unit.*"' in html and '<option value="unit.update"' in html


def test_pages_of_fifty(organizer_client, entries):
    db.session.add_all([AuditLog(action="bank.export", actor_id=entries["admin"].id,
                                 at=utc(2026, 11, 22, 1, i), details={"rows": i}) for i in range(50)])
    db.session.commit()
    html = organizer_client.get(LOG).get_data(as_text=True)
    assert "56 dòng, trang 1/2" in html and "Mã: E" not in html
    assert shown(organizer_client, page=2) == ["E6", "E5", "E4", "E3", "E2", "E1"]


def test_the_export_holds_the_filtered_rows_and_is_audited(organizer_client, entries):
    response = organizer_client.get(LOG + "nhat-ky.xlsx", query_string={"action": "unit.*"})
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Thời gian", "Người thực hiện", "Thao tác")
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [
        ("20/11/2026 00:30", "Trần Thị Bích", "Sửa đơn vị"),
        ("19/11/2026 10:00", "Trần Thị Bích", "Thêm đơn vị")]
    export = db.session.scalars(select(AuditLog).where(AuditLog.action == "audit.export")).one()
    assert export.actor_id == entries["organizer"].id
    assert export.details["rows"] == 2 and export.details["filters"] == {"action": "unit.*"}


def test_the_export_stops_at_its_limit(organizer_client, monkeypatch):
    from contest.admin.queries import audit_export as export
    monkeypatch.setattr(export, "EXPORT_LIMIT", 4)
    monkeypatch.setattr(export, "CHUNK", 3)  # rows read in several batches
    response = organizer_client.get(LOG + "nhat-ky.xlsx")
    rows = list(load_workbook(BytesIO(response.data)).active.iter_rows(min_row=2, values_only=True))
    assert [re.search(r"Mã: (E\d)", row[5])[1] for row in rows] == ["E6", "E5", "E4", "E3"]
    export_row = db.session.scalars(select(AuditLog).where(AuditLog.action == "audit.export")).one()
    assert export_row.details["rows"] == 4 and export_row.details["capped"] is True


def test_a_bad_filter_exports_nothing(organizer_client):
    response = organizer_client.get(LOG + "nhat-ky.xlsx", query_string={"from": "hôm qua"})
    assert response.status_code == 400
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "audit.export")) is None


def test_no_route_changes_the_log(app):
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/quan-tri/nhat-ky")]
    assert rules
    for rule in rules:
        assert not rule.methods & {"POST", "PUT", "PATCH", "DELETE"}, rule


def test_every_action_the_code_records_has_a_vietnamese_label():
    """A new audited action cannot be shown to organizers as a bare English key."""
    import re
    from pathlib import Path

    from contest.admin.queries.audit_labels import ACTION_LABELS

    source = "\n".join(path.read_text(encoding="utf-8")
                       for path in (Path(__file__).parents[2] / "contest").rglob("*.py"))
    used = set(re.findall(r'(?:record|audit)\(\s*"([a-z_]+\.[a-z_]+)"', source))
    assert len(used) > 30
    assert sorted(used - set(ACTION_LABELS)) == []
