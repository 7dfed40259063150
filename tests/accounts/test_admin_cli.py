"""`flask create-admin`: the first admin of an empty database, then logging in."""
from contest.accounts.models import User
from contest.extensions import db
from contest.units.models import Unit
from tests.accounts.admin_helpers import audit_rows

PASSWORD = "quan-tri-2026"


def create(runner, *extra, password=PASSWORD, phone="0901 234 567"):
    args = ["create-admin", "--phone", phone, "--name", "Trần Quản Trị",
            "--date-of-birth", "17/05/1985", "--password-stdin", *extra]
    return runner.invoke(args=args, input=password + "\n")


def test_on_an_empty_database_it_creates_the_unit_and_the_admin(app, runner):
    assert db.session.query(Unit).count() == 0
    result = create(runner)
    assert result.exit_code == 0, result.output
    assert "Đã tạo tài khoản Quản trị" in result.output
    admin = db.session.query(User).one()
    assert (admin.role, admin.phone, admin.full_name, admin.unit.code, admin.unit.name) == (
        "admin", "0901234567", "Trần Quản Trị", "BTC", "Ban Tổ chức")
    assert admin.unit.kind == "organizer"  # internal: never offered, ranked or counted
    [row] = audit_rows("account.create_admin")
    assert row.target_id == str(admin.id) and row.details == {"unit": "BTC", "unit_created": True}

    client = app.test_client()
    login = client.post("/dang-nhap", data={"identifier": "0901234567", "password": PASSWORD})
    assert login.status_code == 302
    assert client.get("/quan-tri/tai-khoan/").status_code == 200


def test_prompts_for_what_is_missing(runner):
    answers = "0901234567\nLê Văn Quản\n01/02/1980\n" + f"{PASSWORD}\n{PASSWORD}\n"
    result = runner.invoke(args=["create-admin"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Nhập lại mật khẩu" in result.output
    assert db.session.query(User).filter_by(role="admin", full_name="Lê Văn Quản").count() == 1


def test_a_phone_already_used_is_refused(runner, make_user):
    make_user(phone="0901234567")
    result = create(runner)
    assert result.exit_code != 0
    assert "0901234567 đã được dùng" in result.output
    assert db.session.query(User).filter_by(role="admin").count() == 0
    assert not audit_rows("account.create_admin")


def test_bad_input_is_refused_and_nothing_is_created(runner, make_unit):
    make_unit(name="Sở Nội vụ")  # units exist, none is BTC: a code must be given
    for extra, password, message in [
        ((), PASSWORD, "--unit-code"),
        (("--unit-code", "KHONGCO"), PASSWORD, "Không có đơn vị mã KHONGCO"),
        (("--unit-code", "U1"), "ngan", "Mật khẩu phải dài từ 8"),
    ]:
        result = create(runner, *extra, password=password)
        assert result.exit_code != 0, extra
        assert message in result.output, (extra, result.output)
    bad_phone = create(runner, "--unit-code", "U1", phone="12345")
    assert bad_phone.exit_code != 0 and "không hợp lệ" in bad_phone.output
    assert db.session.query(User).count() == 0 and db.session.query(Unit).count() == 1
    ok = create(runner, "--unit-code", "U1")
    assert ok.exit_code == 0 and db.session.query(User).one().unit.code == "U1"
