"""Searching accounts: by name, phone, unit, role; 50 a page."""
from datetime import date

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from contest import create_app
from contest.accounts.models import User
from contest.config import TestConfig
from contest.extensions import db
from tests.accounts.admin_helpers import URL
from tests.migration_rows import insert_person


def add_people(unit, names, role="contestant", first_phone=913000000):
    """Many accounts at once (one password hash shared: hashing is slow)."""
    hashed = User(full_name="x", date_of_birth=date(1990, 1, 1), gender="nam", phone="x",
                  audience="cbccvc", unit_id=unit.id)
    hashed.set_password("mat-khau-123")
    people = [User(full_name=name, date_of_birth=date(1990, 1, 1), gender="nam",
                   phone=f"0{first_phone + i}", audience="cbccvc", unit_id=unit.id, role=role,
                   password_hash=hashed.password_hash) for i, name in enumerate(names)]
    db.session.add_all(people)
    db.session.commit()
    return people


def names_on(client, query: str) -> str:
    response = client.get(f"{URL}/?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_search_by_name_phone_unit_and_role(as_user, make_unit):
    client, _ = as_user("organizer")
    agency, commune = make_unit(name="Sở Tư pháp"), make_unit(name="Xã Biển Hồ", kind="commune")
    add_people(agency, ["Nguyễn Văn An", "Đặng Thị Bình"])
    add_people(commune, ["Trần Văn Cường"], role="unit_manager", first_phone=914000000)

    html = names_on(client, "q=nguyễn+an")
    assert "Nguyễn Văn An" in html and "Đặng Thị Bình" not in html
    html = names_on(client, "q=đặng")  # lower case finds the capitalised name
    assert "Đặng Thị Bình" in html and "Nguyễn Văn An" not in html
    html = names_on(client, "q=THỊ")
    assert "Đặng Thị Bình" in html and "Nguyễn Văn An" not in html
    html = names_on(client, "sdt=%2B84+913+000+001")
    assert "Đặng Thị Bình" in html and "Nguyễn Văn An" not in html
    html = names_on(client, "sdt=0913")  # the start of a number
    assert "Đặng Thị Bình" in html and "Nguyễn Văn An" in html and "Trần Văn Cường" not in html
    html = names_on(client, f"don-vi={commune.id}")
    assert "Trần Văn Cường" in html and "Nguyễn Văn An" not in html
    html = names_on(client, "vai-tro=unit_manager")
    assert "Trần Văn Cường" in html and "Đặng Thị Bình" not in html
    html = names_on(client, "q=%25")  # LIKE wildcards are searched as text
    assert "Không có tài khoản nào" in html


def test_results_come_50_a_page(as_user, make_unit):
    client, _ = as_user("organizer")
    unit = make_unit(name="Sở Xây dựng")
    add_people(unit, [f"Cán bộ số {i:03d}" for i in range(120)])
    first = names_on(client, f"don-vi={unit.id}")
    assert first.count("Cán bộ số") == 50
    assert "120 tài khoản" in first and "trang 1/3" in first
    last = names_on(client, f"don-vi={unit.id}&trang=3")
    assert last.count("Cán bộ số") == 20
    assert names_on(client, f"don-vi={unit.id}&trang=99").count("Cán bộ số") == 0


def test_the_list_marks_locked_accounts(as_user, make_user):
    client, _ = as_user("organizer")
    locked = make_user()
    client.post(f"{URL}/{locked.id}/khoa", data={"reason": "Thử"})
    html = names_on(client, "khoa=1")
    assert locked.full_name in html and "Đã khóa" in html


def test_a_name_is_found_without_its_diacritics(as_user, make_unit):
    client, _ = as_user("organizer")
    add_people(make_unit(name="Sở Nội vụ"), ["Nguyễn Văn Bình", "Trần Thị Hạnh", "Đỗ Văn Đức"])
    for query in ("nguyen+van+binh", "binh", "BINH", "bình"):
        html = names_on(client, f"q={query}")
        assert "Nguyễn Văn Bình" in html and "Trần Thị Hạnh" not in html, query
    html = names_on(client, "q=do+duc")
    assert "Đỗ Văn Đức" in html and "Nguyễn Văn Bình" not in html
    renamed = db.session.query(User).filter_by(full_name="Trần Thị Hạnh").one()
    renamed.full_name = "Trần Thị Hồng"
    db.session.commit()
    assert "Trần Thị Hồng" in names_on(client, "q=hong")
    assert "Trần Thị Hồng" not in names_on(client, "q=hanh")


def test_the_migration_folds_the_names_of_existing_accounts(empty_database_url):
    app = create_app(type("MigrationConfig", (TestConfig,),
                          {"SQLALCHEMY_DATABASE_URI": empty_database_url}))
    with app.app_context():
        upgrade(revision="0013")
        insert_person("Nguyễn Văn Bình", "0912345678", gender="nam")
        db.session.commit()
        upgrade()
        assert db.session.execute(text("SELECT name_folded FROM users")).scalar() == \
            "nguyen van binh"
        db.session.rollback()
        downgrade(revision="0013")
        assert db.session.execute(text("SELECT full_name FROM users")).scalar() == \
            "Nguyễn Văn Bình"
        db.session.remove()
        db.engine.dispose()  # the fixture drops the database (schema) it made
