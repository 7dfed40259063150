"""What an organizer gets back from a bulk creation: the same file again changes
nothing and says so, a phone of someone else is a refused row, the workbook of
initial passwords downloads again for its creator only and for 30 minutes, a
double submit creates no duplicate, and each person's page shows the creation."""
import pytest

from contest.accounts.models import BulkCreation, User
from contest.accounts.services import bulk
from contest.admin.queries.audit_labels import action_label
from contest.extensions import db
from tests.accounts.admin_helpers import URL, audit_rows, workbook
from tests.accounts.test_admin_bulk import COLUMNS, counts, passwords_link, upload

NO_OP = "Không có tài khoản mới: 2 người trong tệp đã có tài khoản, không thay đổi gì."


@pytest.fixture
def unit(make_unit):
    return make_unit(name="Sở Tư pháp")


def staff_file(unit, extra=()) -> bytes:
    return workbook([["Nguyễn Văn An", "17/05/1990", "0912000101", unit.code],
                     ["Trần Thị Bình", "01/02/1985", "0912000102", unit.code], *extra], COLUMNS)


def contestants() -> list[tuple[str, str]]:
    db.session.expire_all()
    return sorted((u.phone, u.full_name) for u in db.session.query(User).filter_by(role="contestant"))


def test_the_same_file_again_creates_nothing_and_says_so(as_user, unit):
    client, _ = as_user("organizer")
    assert upload(client, staff_file(unit)).status_code == 303
    before = contestants()
    again = upload(client, staff_file(unit))
    assert again.status_code == 200
    assert NO_OP in again.get_data(as_text=True)
    assert contestants() == before
    assert db.session.query(BulkCreation).count() == 1


def test_a_file_fixed_and_sent_again_creates_only_the_new_people(as_user, unit):
    client, _ = as_user("organizer")
    upload(client, staff_file(unit))
    more = [["Lê Văn Cường", "01/02/1985", "0912000103", unit.code.lower()]]
    response = upload(client, staff_file(unit, more))
    page = client.get(response.headers["Location"])
    assert counts(page.get_data(as_text=True)) == (1, 2, 0)
    assert [phone for phone, _ in contestants()] == ["0912000101", "0912000102", "0912000103"]


def test_a_phone_of_another_person_is_a_refused_row(as_user, make_unit, unit):
    client, _ = as_user("organizer")
    upload(client, staff_file(unit))
    elsewhere = make_unit(name="Sở Y tế")
    rows = [["Nguyễn Văn Ân", "17/05/1990", "0912000101", unit.code],       # another name
            ["Trần Thị Bình", "01/02/1985", "0912000102", elsewhere.code],  # another unit
            ["Lê Văn Cường", "01/02/1985", "0912000103", unit.code]]
    response = upload(client, workbook(rows, COLUMNS))
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert counts(html) == (1, 0, 2)
    assert f"<td>2</td><td>Số điện thoại</td><td>số 0912000101 đã là tài khoản của Nguyễn Văn An (đơn vị {unit.code})" in html
    assert f"<td>3</td><td>Số điện thoại</td><td>số 0912000102 đã là tài khoản của Trần Thị Bình (đơn vị {unit.code})" in html
    assert ("0912000101", "Nguyễn Văn An") in contestants()


def test_the_passwords_download_again_for_30_minutes_then_are_gone(as_user, unit, frozen):
    client, organizer = as_user("organizer")
    result_page = upload(client, staff_file(unit)).headers["Location"]
    link = passwords_link(client.get(result_page))
    frozen.move(minutes=29)
    assert client.get(link).status_code == 200
    [download] = audit_rows("account.bulk_download")
    assert download.actor_id == organizer.id
    frozen.move(minutes=2)
    expired = client.get(link)
    assert expired.status_code == 410
    assert "chỉ được giữ 30 phút" in expired.get_data(as_text=True)
    assert "đã hết hạn" in client.get(result_page).get_data(as_text=True)
    assert db.session.query(BulkCreation).one().workbook is None  # no longer stored


def test_the_cron_purge_clears_a_passwords_file_past_its_time(as_user, unit, frozen, runner):
    client, _ = as_user("organizer")
    upload(client, staff_file(unit))
    assert "Đã xóa 0 tệp mật khẩu ban đầu" in runner.invoke(args=["exports", "purge"]).output
    frozen.move(minutes=31)  # nobody opens the bulk pages again: cron clears it
    result = runner.invoke(args=["exports", "purge"])
    assert result.exit_code == 0 and "Đã xóa 1 tệp mật khẩu ban đầu" in result.output
    db.session.expire_all()
    assert db.session.query(BulkCreation).one().workbook is None


def test_another_organizer_neither_sees_the_result_nor_downloads(app, as_user, unit):
    client, _ = as_user("organizer")
    result_page = upload(client, staff_file(unit)).headers["Location"]
    link = passwords_link(client.get(result_page))
    other, _ = as_user("organizer")
    admin, _ = as_user("admin")
    for someone in (other, admin):
        assert someone.get(result_page).status_code == 403
        refused = someone.get(link)
        assert refused.status_code == 403
        assert "Chỉ người đã tải tệp này lên" in refused.get_data(as_text=True)
    assert not audit_rows("account.bulk_download")


def test_a_double_submit_creates_no_duplicate_and_says_why(as_user, unit, monkeypatch):
    """The second of two uploads sent at once checked the file before the first
    created the accounts: the unique phone refuses its accounts, with a message."""
    client, _ = as_user("organizer")
    upload(client, staff_file(unit))
    monkeypatch.setattr(bulk, "_accounts_by_phone", lambda phones: {})  # checked before
    second = upload(client, staff_file(unit))
    assert second.status_code == 409
    assert "có thể do bấm gửi hai lần" in second.get_data(as_text=True)
    assert len(contestants()) == 2
    assert db.session.query(BulkCreation).count() == 1


def test_the_persons_page_lists_the_bulk_creation(as_user, unit):
    client, _ = as_user("organizer")
    upload(client, staff_file(unit))
    person = db.session.query(User).filter_by(phone="0912000102").one()
    html = client.get(f"{URL}/{person.id}").get_data(as_text=True)
    assert action_label("account.bulk_create") in html
