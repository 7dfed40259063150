"""Password reset, lock and unlock, unit manager, corrections: each audited,
each refusal changing nothing."""
import re
from datetime import date

from contest.audit.models import AuditLog
from contest.extensions import db
from tests.accounts.admin_helpers import URL, accounts_snapshot, audit_rows, readable, reload
from tests.conftest import PASSWORD


def logs_in(app, phone, password) -> bool:
    response = app.test_client().post("/dang-nhap", data={"identifier": phone, "password": password})
    return response.status_code == 302


def test_reset_shows_a_new_password_once_and_the_old_one_stops_working(app, as_user, make_user):
    client, organizer = as_user("organizer")
    target = make_user()
    response = client.post(f"{URL}/{target.id}/dat-lai-mat-khau", data={"confirm": "y"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    password = re.search(r'<code class="new-password">([^<]+)</code>', html).group(1)
    assert "chỉ hiện một lần" in html
    assert password not in client.get(f"{URL}/{target.id}").get_data(as_text=True)
    assert not logs_in(app, target.phone, PASSWORD)
    assert logs_in(app, target.phone, password)
    assert password not in reload(target).password_hash
    [row] = audit_rows("account.reset_password")
    assert (row.actor_id, row.target_id) == (organizer.id, str(target.id))
    assert password not in str(row.details)


def test_reset_needs_the_confirmation_box(as_user, make_user):
    client, _ = as_user("organizer")
    target = make_user()
    before = accounts_snapshot()
    response = client.post(f"{URL}/{target.id}/dat-lai-mat-khau", data={})
    assert response.status_code == 400
    assert "Vui lòng đánh dấu xác nhận" in response.get_data(as_text=True)
    assert accounts_snapshot() == before and not audit_rows("account.reset_password")


def test_a_locked_account_cannot_log_in_and_is_logged_out(app, as_user, make_user):
    client, organizer = as_user("organizer")
    target = make_user()
    session = app.test_client()
    assert session.post("/dang-nhap", data={"identifier": target.phone, "password": PASSWORD}).status_code == 302
    assert session.get("/lich-su").status_code == 200

    assert client.post(f"{URL}/{target.id}/khoa", data={"reason": "Thi hộ"}).status_code == 302
    assert reload(target).is_locked
    [row] = audit_rows("account.lock")
    assert (row.actor_id, readable(row)["reason"]) == (organizer.id, "Thi hộ")
    assert "Thi hộ" not in str(row.details)  # a reference: erased with the person's data

    kicked = session.get("/lich-su")
    assert kicked.status_code == 302 and "/dang-nhap" in kicked.headers["Location"]
    assert "đã bị khóa" in session.get(kicked.headers["Location"]).get_data(as_text=True)
    assert session.get("/lich-su").status_code == 302  # really logged out
    refused = app.test_client().post("/dang-nhap", data={"identifier": target.phone, "password": PASSWORD})
    assert refused.status_code == 403
    assert "Tài khoản đã bị khóa. Vui lòng liên hệ Ban Tổ chức." in refused.get_data(as_text=True)
    wrong = app.test_client().post("/dang-nhap", data={"identifier": target.phone, "password": "sai-mat-khau"})
    assert "đã bị khóa" not in wrong.get_data(as_text=True)  # no leak without the password

    assert client.post(f"{URL}/{target.id}/mo-khoa", data={"reason": ""}).status_code == 302
    assert not reload(target).is_locked and len(audit_rows("account.unlock")) == 1
    assert logs_in(app, target.phone, PASSWORD)


def test_locking_needs_a_reason_and_cannot_repeat(as_user, make_user):
    client, _ = as_user("organizer")
    target = make_user()
    before = accounts_snapshot()
    response = client.post(f"{URL}/{target.id}/khoa", data={"reason": "  "})
    assert response.status_code == 400
    assert "Vui lòng ghi lý do khóa" in response.get_data(as_text=True)
    assert client.post(f"{URL}/{target.id}/mo-khoa", data={}).status_code == 409
    assert accounts_snapshot() == before
    client.post(f"{URL}/{target.id}/khoa", data={"reason": "Lần một"})
    again = client.post(f"{URL}/{target.id}/khoa", data={"reason": "Lần hai"})
    assert again.status_code == 409 and "đã bị khóa" in again.get_data(as_text=True)
    assert len(audit_rows("account.lock")) == 1


def test_unknown_account_is_404(as_user):
    client, _ = as_user("organizer")
    assert client.get(f"{URL}/999999").status_code == 404
    assert client.post(f"{URL}/999999/khoa", data={"reason": "x"}).status_code == 404


def test_make_someone_the_manager_of_a_unit(as_user, make_user, make_unit):
    client, organizer = as_user("organizer")
    commune = make_unit(name="Xã Ia Grai", kind="commune")
    target = make_user()
    old_unit = target.unit.code
    response = client.post(f"{URL}/{target.id}/lanh-dao-don-vi", data={"unit_id": str(commune.id)})
    assert response.status_code == 302
    changed = reload(target)
    assert (changed.role, changed.unit_id, changed.managed_unit_id) == (
        "unit_manager", commune.id, commune.id)
    [row] = audit_rows("account.unit_manager")
    assert row.actor_id == organizer.id
    assert row.details == {
        "before": {"role": "contestant", "unit": old_unit, "managed_unit": None},
        "after": {"role": "unit_manager", "unit": commune.code, "managed_unit": commune.code}}


def test_an_inactive_or_unknown_unit_cannot_be_chosen(as_user, make_user, make_unit):
    client, _ = as_user("organizer")
    closed = make_unit(name="Xã đã sáp nhập")
    closed.active = False
    db.session.commit()
    target = make_user()
    before = accounts_snapshot()
    for unit_id in (str(closed.id), "999999", "abc"):
        response = client.post(f"{URL}/{target.id}/lanh-dao-don-vi", data={"unit_id": unit_id})
        assert response.status_code == 400, unit_id
        assert "Vui lòng chọn một giá trị trong danh sách" in response.get_data(as_text=True)
    assert accounts_snapshot() == before and not audit_rows("account.unit_manager")


def test_a_correction_keeps_before_after_and_reason(as_user, make_user, make_unit):
    client, organizer = as_user("organizer")
    target = make_user()
    new_unit = make_unit(name="Xã Chư Pưh", kind="commune")
    old_name, old_unit = target.full_name, target.unit.code
    page = client.get(f"{URL}/{target.id}/sua").get_data(as_text=True)
    assert "01/01/1990" in page and old_name in page
    response = client.post(f"{URL}/{target.id}/sua", data={
        "full_name": "Nguyễn Thị Hoà", "date_of_birth": "17/05/1991",
        "unit_id": str(new_unit.id), "reason": "Theo CCCD bản gốc"})
    assert response.status_code == 302
    changed = reload(target)
    assert (changed.full_name, changed.date_of_birth, changed.unit_id) == (
        "Nguyễn Thị Hoà", date(1991, 5, 17), new_unit.id)
    [row] = audit_rows("account.correct")
    assert row.actor_id == organizer.id and row.target_id == str(target.id)
    assert "Nguyễn Thị Hoà" not in str(row.details) and old_name not in str(row.details)
    assert readable(row) == {"reason": "Theo CCCD bản gốc", "changes": {
        "full_name": {"before": old_name, "after": "Nguyễn Thị Hoà"},
        "date_of_birth": {"before": "1990-01-01", "after": "1991-05-17"},
        "unit": {"before": old_unit, "after": new_unit.code}}}
    person_page = client.get(f"{URL}/{target.id}").get_data(as_text=True)
    assert "Theo CCCD bản gốc" in person_page and "Sửa thông tin" in person_page


def test_a_correction_without_reason_or_change_is_refused(as_user, make_user):
    client, _ = as_user("organizer")
    target = make_user()
    same = {"full_name": target.full_name, "date_of_birth": "01/01/1990",
            "unit_id": str(target.unit_id)}
    before = accounts_snapshot()
    cases = [
        ({**same, "full_name": "Tên khác", "reason": ""}, "Vui lòng ghi lý do sửa"),
        ({**same, "reason": "Không đổi gì"}, "Không có thông tin nào thay đổi"),
        ({**same, "date_of_birth": "31/02/1990", "reason": "x"}, "Ngày không hợp lệ"),
        ({**same, "date_of_birth": "01/01/2999", "reason": "x"}, "tương lai"),
    ]
    for data, message in cases:
        response = client.post(f"{URL}/{target.id}/sua", data=data)
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    assert accounts_snapshot() == before
    assert db.session.query(AuditLog).filter_by(action="account.correct").count() == 0


def test_the_person_page_shows_attempts_and_audit(as_user, make_user, make_round):
    from contest.clock import now
    from contest.quiz.models import Attempt

    client, _ = as_user("organizer")
    target = make_user()
    round_ = make_round()
    db.session.add(Attempt(user_id=target.id, round_id=round_.id, number=1, status="submitted",
                           started_at=now(), deadline_at=now(), submitted_at=now(), score=4,
                           total=5, duration_ms=125_000))
    db.session.commit()
    client.post(f"{URL}/{target.id}/khoa", data={"reason": "Nghi thi hộ"})
    html = client.get(f"{URL}/{target.id}").get_data(as_text=True)
    assert round_.name in html and "4/5" in html and "2 phút 5 giây" in html
    assert "Khóa tài khoản" in html and "Nghi thi hộ" in html and "Đã khóa" in html
