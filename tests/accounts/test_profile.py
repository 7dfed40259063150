"""The profile page: a person edits their phone, e-mail and password; name, date
of birth and unit only until their first submitted attempt."""
from datetime import date, timedelta

import pytest

from contest import clock
from contest.profile.services import details as profile
from contest.accounts.models import User
from contest.accounts.services.accounts import DuplicateAccount
from contest.audit.models import AuditLog
from contest.extensions import db
from contest.quiz.models import IN_PROGRESS, SUBMITTED, Attempt
from tests.accounts.admin_helpers import readable
from tests.conftest import PASSWORD, login


def attempt_of(user, round_, status):
    started = clock.now() - timedelta(minutes=10)
    db.session.add(Attempt(user_id=user.id, round_id=round_.id, number=1, status=status,
                           started_at=started, deadline_at=started + timedelta(minutes=20),
                           submitted_at=clock.now() if status == SUBMITTED else None,
                           total=5, score=3 if status == SUBMITTED else None))
    db.session.commit()


def details(user, **changes):
    data = {"full_name": user.full_name, "date_of_birth": user.date_of_birth.isoformat(),
            "unit_id": str(user.unit_id), "phone": user.phone, "email": user.email or ""}
    data.update(changes)
    return data


def reloaded(user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_the_header_links_the_profile_and_it_needs_a_login(client, logged_in, contestant):
    assert 'href="/ho-so"' in logged_in.get("/").get_data(as_text=True)
    html = logged_in.get("/ho-so").get_data(as_text=True)
    assert "Hồ sơ của tôi" in html and f'value="{contestant.phone}"' in html
    logged_in.post("/dang-xuat")
    response = client.get("/ho-so")
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_before_any_submitted_attempt_everything_can_be_edited(logged_in, contestant, make_unit,
                                                              make_round):
    attempt_of(contestant, make_round(), IN_PROGRESS)  # started, not submitted: not locked
    commune = make_unit(name="Xã Ia Dreh", kind="commune")
    response = logged_in.post("/ho-so", data=details(
        contestant, full_name="Trần Văn Bình", date_of_birth="1985-03-02", unit_id=str(commune.id),
        phone="+84 98 765 4321", email="Binh@Example.vn"))
    assert response.status_code == 302
    html = logged_in.get("/ho-so").get_data(as_text=True)
    assert "Đã lưu thông tin" in html and "Đã gửi thư xác nhận tới binh@example.vn" in html
    user = reloaded(contestant)  # the new e-mail waits for its link (test_email_change.py)
    assert (user.full_name, user.date_of_birth, user.unit_id, user.phone, user.email) == (
        "Trần Văn Bình", date(1985, 3, 2), commune.id, "0987654321", None)
    entry = db.session.query(AuditLog).filter_by(action="account.profile").one()
    assert entry.actor_id == user.id
    assert entry.details["changes"]["unit"]["after"] == commune.code
    assert "0912000001" not in str(entry.details) and "0987654321" not in str(entry.details)
    assert readable(entry)["changes"]["phone"] == {"before": "0912000001", "after": "0987654321"}


def test_after_a_submitted_attempt_name_birth_and_unit_are_locked(logged_in, contestant, make_unit,
                                                                 make_round):
    attempt_of(contestant, make_round(), SUBMITTED)
    html = logged_in.get("/ho-so").get_data(as_text=True)
    assert "liên hệ Ban Tổ chức" in html
    assert 'name="full_name"' not in html and 'name="unit_id"' not in html
    assert contestant.full_name in html and "01/01/1990" in html
    other_unit = make_unit(name="Sở Tư pháp")
    response = logged_in.post("/ho-so", data=details(
        contestant, full_name="Tên Khác", date_of_birth="2000-01-01", unit_id=str(other_unit.id),
        phone="0987654321"))
    assert response.status_code == 302
    user = reloaded(contestant)
    assert (user.full_name, user.date_of_birth, user.unit_id) == (
        contestant.full_name, date(1990, 1, 1), contestant.unit_id)
    assert user.phone == "0987654321"  # the contact details still change
    with pytest.raises(profile.ProfileLocked):
        profile.update_profile(user, {"full_name": "Tên Khác"})


def test_saving_without_a_change_keeps_ones_own_phone_and_email(client, make_user):
    user = make_user(email="an@example.vn")
    login(client, user)
    same_phone = f"{user.phone[:4]} {user.phone[4:7]} {user.phone[7:]}"
    response = client.post("/ho-so", data=details(user, phone=same_phone, email="AN@example.vn"))
    assert response.status_code == 302
    assert "Không có thông tin nào thay đổi" in client.get("/ho-so").get_data(as_text=True)
    assert db.session.query(AuditLog).filter_by(action="account.profile").count() == 0


@pytest.mark.parametrize("changes, message", [
    ({"phone": "0912000099"}, "Số điện thoại này đã được dùng cho một tài khoản khác"),
    ({"phone": "+84 912 000 099"}, "Số điện thoại này đã được dùng cho một tài khoản khác"),
    ({"phone": "12345"}, "Số điện thoại di động không hợp lệ"),
    ({"email": "khong-phai-email"}, "Email không hợp lệ"),
    ({"full_name": " "}, "Vui lòng nhập thông tin này"),
    ({"date_of_birth": "31/02/1990"}, "Ngày không hợp lệ"),
    ({"unit_id": "999999"}, "Vui lòng chọn một giá trị trong danh sách"),
])
def test_bad_or_taken_details_are_refused_and_nothing_changes(logged_in, contestant, make_user,
                                                              changes, message):
    make_user(phone="0912000099", email="taken@example.vn")
    response = logged_in.post("/ho-so", data=details(contestant, **{"full_name": "Tên Mới", **changes}))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    user = reloaded(contestant)
    assert (user.full_name, user.phone, user.email) == (contestant.full_name, "0912000001", None)


def test_a_unit_no_longer_active_cannot_be_picked(logged_in, contestant, make_unit):
    closed = make_unit(name="Xã đã sáp nhập", kind="commune")
    closed.active = False
    db.session.commit()
    response = logged_in.post("/ho-so", data=details(contestant, unit_id=str(closed.id)))
    assert response.status_code == 422
    assert reloaded(contestant).unit_id == contestant.unit_id


def test_a_phone_taken_at_the_same_moment_changes_nothing(app, contestant, make_user):
    """The form's check passed, then another account took the phone: the unique
    constraint refuses it and the whole change is rolled back."""
    other = make_user(phone="0912000099")
    with pytest.raises(DuplicateAccount):
        profile.update_profile(contestant, {"full_name": "Tên Mới", "phone": other.phone})
    user = reloaded(contestant)
    assert (user.full_name, user.phone) == (contestant.full_name, "0912000001")
    assert db.session.query(AuditLog).filter_by(action="account.profile").count() == 0


def change_password(client, current, new, confirm=None):
    return client.post("/ho-so/mat-khau", data={
        "current_password": current, "password": new, "password_confirm": confirm or new})


def test_the_password_changes_with_the_current_one(logged_in, contestant):
    assert change_password(logged_in, PASSWORD, "mat-khau-moi-456").status_code == 302
    assert reloaded(contestant).check_password("mat-khau-moi-456")
    assert db.session.query(AuditLog).filter_by(action="account.password_change").count() == 1


@pytest.mark.parametrize("current, new, confirm, message", [
    ("sai-mat-khau", "mat-khau-moi-456", None, "Mật khẩu hiện tại không đúng"),
    (PASSWORD, "ngan", None, "từ 8 đến 128 ký tự"),
    (PASSWORD, "mat-khau-moi-456", "khac-han-789", "không khớp"),
    ("", "mat-khau-moi-456", None, "Vui lòng nhập mật khẩu hiện tại"),
])
def test_a_bad_password_change_is_refused(logged_in, contestant, current, new, confirm, message):
    response = change_password(logged_in, current, new, confirm)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert reloaded(contestant).check_password(PASSWORD)


def test_a_change_without_the_csrf_token_is_refused(logged_in, contestant):
    response = logged_in.post("/ho-so", data=details(contestant, phone="0987654321"), no_csrf=True)
    assert response.status_code == 400
    assert reloaded(contestant).phone == "0912000001"
