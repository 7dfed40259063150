"""Loading a province's communes and wards (and the standard agencies) as units:
the service, the organizer's page, the command and the demo that uses it."""
import pytest

from contest.extensions import db
from contest.text import fold
from contest.units.loading import UnknownProvince, load_province, province_or_refuse
from contest.units.models import Unit
from tests.conftest import login
from tests.units.helpers import ADMIN_URL, audit_rows, units_snapshot

LOAD_URL = f"{ADMIN_URL}/nap-theo-tinh"


def gia_lai():
    return province_or_refuse("Gia Lai")


def count(**filters) -> int:
    db.session.expire_all()
    return db.session.query(Unit).filter_by(**filters).count()


def loaded() -> int:
    """The Gia Lai units in the list (a test's own user's unit left out)."""
    db.session.expire_all()
    return db.session.query(Unit).filter(Unit.code.startswith("GL-")).count()


def add_unit(code, name, kind="commune", headcount=None):
    db.session.add(Unit(code=code, name=name, name_folded=fold(name), kind=kind, headcount=headcount))
    db.session.commit()


# --- the service ------------------------------------------------------------------

def test_loading_gia_lai_adds_its_135_communes_and_wards(app):
    load = load_province(gia_lai(), with_agencies=False, actor=None)
    assert (len(load.added), load.already_there) == (135, 0)
    assert count(kind="commune", active=True) == 135 and count(kind="agency") == 0
    ward = db.session.query(Unit).filter_by(code="GL-21583").one()
    assert (ward.name, ward.kind, ward.headcount, ward.name_folded) == (
        "Phường Quy Nhơn", "commune", None, "phuong quy nhon")
    assert load.summary == ("Tỉnh Gia Lai: đã thêm 135 đơn vị (135 xã, phường, đặc khu; "
                            "0 sở, ban, ngành); 0 đơn vị đã có sẵn, giữ nguyên.")


def test_loading_again_adds_only_what_is_missing_and_changes_nothing_else(app):
    load_province(gia_lai(), with_agencies=False, actor=None)
    edited = db.session.query(Unit).filter_by(code="GL-21583").one()
    edited.name, edited.headcount, edited.active = "Phường Quy Nhơn (sửa tay)", 77, False
    db.session.delete(db.session.query(Unit).filter_by(code="GL-24100").one())
    db.session.commit()
    before = units_snapshot()
    again = load_province(gia_lai(), with_agencies=False, actor=None)
    assert [unit.code for unit in again.added] == ["GL-24100"] and again.already_there == 134
    after = units_snapshot()
    assert [row for row in after if row[1] != "GL-24100"] == before
    assert ("GL-21583", "Phường Quy Nhơn (sửa tay)", 77, False) in {
        (row[1], row[2], row[5], row[6]) for row in after}


def test_the_agencies_option_adds_the_twelve_standard_agencies_once(app):
    load_province(gia_lai(), with_agencies=False, actor=None)
    load = load_province(gia_lai(), with_agencies=True, actor=None)
    assert (len(load.added), load.already_there) == (12, 135)
    assert count(kind="agency") == 12
    assert db.session.query(Unit).filter_by(code="GL-S01").one().name == "Văn phòng UBND tỉnh"
    assert load_province(gia_lai(), with_agencies=True, actor=None).added == []
    assert loaded() == 147


def test_a_unit_already_there_under_another_code_or_spelling_is_not_added_twice(app):
    """A list loaded before (the researched demo list) has five communes under other
    codes and "Xã Kdang" for the package's "Xã KDang"; hand-made "Sở Nội vụ" too."""
    add_unit("GL-21880", "Xã Cát Tiến")
    add_unit("GL-23714", "Xã Kdang")
    add_unit("SNV", "Sở Nội vụ", kind="agency", headcount=80)
    load = load_province(gia_lai(), with_agencies=True, actor=None)
    assert load.already_there == 3 and len(load.added) == 135 + 12 - 3
    assert count(name_folded="xa cat tien") == count(name_folded="xa kdang") == 1
    assert count(name_folded="so noi vu") == 1
    assert db.session.query(Unit).filter_by(code="GL-23714").one().name == "Xã Kdang"


def test_loading_is_audited_with_what_was_added(app):
    load_province(gia_lai(), with_agencies=True, actor=None)
    load_province(gia_lai(), with_agencies=True, actor=None)
    first, second = audit_rows("unit.load_province")
    assert first.details["province"] == "Tỉnh Gia Lai" and first.details["with_agencies"] is True
    assert (first.details["added"], first.details["already_there"]) == (147, 0)
    assert "GL-21583" in first.details["added_codes"] and "GL-S14" in first.details["added_codes"]
    assert (second.details["added"], second.details["already_there"]) == (147 - 147, 147)


def test_loading_a_province_is_a_few_statements_not_one_per_unit(app, count_queries):
    with count_queries() as statements:
        load_province(gia_lai(), with_agencies=True, actor=None)
        db.session.flush()
    inserts = statements.mentioning("INSERT INTO units")
    assert 1 <= len(inserts) <= 2, inserts  # executemany batches count once
    assert len(statements) <= 6, statements


def test_an_unknown_province_is_refused_in_vietnamese():
    with pytest.raises(UnknownProvince) as refused:
        province_or_refuse("Bình Định")
    assert refused.value.status_code == 400
    assert "34 tỉnh, thành phố" in refused.value.message


# --- the organizer's page ---------------------------------------------------------

def test_the_page_offers_the_34_provinces_and_the_agencies_option(organizer):
    html = organizer.get(LOAD_URL).get_data(as_text=True)
    assert html.count('<option value="') == 35  # the prompt and the 34
    assert '<option value="52">Tỉnh Gia Lai</option>' in html
    assert "Thêm các sở, ban, ngành tiêu chuẩn" in html
    assert LOAD_URL in organizer.get(f"{ADMIN_URL}/").get_data(as_text=True)


def test_an_organizer_loads_a_province_and_reads_how_many_were_added(organizer):
    response = organizer.post(LOAD_URL, data={"province": "52", "with_agencies": "y"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{ADMIN_URL}/")
    html = organizer.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tỉnh Gia Lai: đã thêm 147 đơn vị (135 xã, phường, đặc khu; 12 sở, ban, ngành)" in html
    assert loaded() == 147
    [row] = audit_rows("unit.load_province")
    assert row.actor_id is not None and row.details["added"] == 147
    again = organizer.post(LOAD_URL, data={"province": "52"}, follow_redirects=True)
    assert "đã thêm 0 đơn vị" in again.get_data(as_text=True)
    assert "135 đơn vị đã có sẵn, giữ nguyên" in again.get_data(as_text=True)
    assert loaded() == 147


@pytest.mark.parametrize("province, message", [
    ("99", "Không có tỉnh, thành phố này trong danh sách 34 tỉnh, thành phố từ 01/7/2025."),
    ("", "Vui lòng chọn tỉnh, thành phố."),
])
def test_a_bad_province_is_a_400_in_vietnamese_and_changes_nothing(organizer, make_unit, province, message):
    make_unit()
    before = units_snapshot()
    response = organizer.post(LOAD_URL, data={"province": province, "with_agencies": "y"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert units_snapshot() == before
    assert audit_rows("unit.load_province") == []


@pytest.mark.parametrize("role", ["contestant", "unit_manager"])
def test_contestants_and_unit_managers_cannot_load_a_province(client, make_unit, make_user, role):
    login(client, make_user(role=role, unit=make_unit()))
    before = units_snapshot()
    assert client.get(LOAD_URL).status_code == 403
    assert client.post(LOAD_URL, data={"province": "52", "with_agencies": "y"}).status_code == 403
    assert units_snapshot() == before
    assert audit_rows("unit.load_province") == []


# --- the command and the demo -----------------------------------------------------

def test_the_command_loads_a_province_by_name_and_commits(runner):
    result = runner.invoke(args=["units", "load-province", "Gia Lai", "--with-agencies"])
    assert result.exit_code == 0, result.output
    assert "đã thêm 147 đơn vị" in result.output
    db.session.rollback()  # what the command committed is still there
    assert loaded() == 147 and len(audit_rows("unit.load_province")) == 1
    again = runner.invoke(args=["units", "load-province", "52"])
    assert "đã thêm 0 đơn vị" in again.output and "135 đơn vị đã có sẵn" in again.output


def test_the_command_refuses_an_unknown_province(runner):
    result = runner.invoke(args=["units", "load-province", "Bình Định"])
    assert result.exit_code != 0
    assert "Không có tỉnh, thành phố này" in result.output
    assert "units provinces" in result.output and loaded() == 0


def test_the_command_lists_the_provinces(runner):
    output = runner.invoke(args=["units", "provinces"]).output
    assert "52  Tỉnh Gia Lai" in output and len(output.splitlines()) == 34


def test_the_demo_loads_gia_lai_as_an_organizer_would_plus_its_own_agencies(runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    db.session.rollback()
    [row] = audit_rows("unit.load_province")
    assert (row.details["province"], row.details["added"]) == ("Tỉnh Gia Lai", 147)
    own = {u.code: (u.name, u.headcount) for u in db.session.query(Unit).filter(
        Unit.code.in_(["GL-S12", "GL-S13", "GL-S15"]))}
    assert own == {"GL-S12": ("Sở Dân tộc và Tôn giáo", 60), "GL-S13": ("Sở Ngoại vụ", 60),
                   "GL-S15": ("Ban Quản lý Khu kinh tế tỉnh", 40)}
    assert count(kind="commune", headcount=35) == 25 and count(kind="commune", headcount=30) == 110
    assert load_province(gia_lai(), with_agencies=True, actor=None).added == []
