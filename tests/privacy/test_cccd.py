"""The CCCD is kept only as a keyed hash (one account per number) and its last
four digits; no page and no download shows the whole number."""
import hashlib
from datetime import datetime, timezone

import pytest
from flask_migrate import upgrade
from sqlalchemy import inspect, text

from contest import create_app
from contest.accounts.models import User
from contest.config import TestConfig
from contest.extensions import db
from contest.accounts.rules.cccd import cccd_hash, derived_key
from tests.conftest import login
from tests.privacy.conftest import registration

NUMBER = "001090012345"


def _row_values(user_id: int) -> list[str]:
    row = db.session.execute(text("SELECT * FROM users WHERE id = :id"), {"id": user_id}).one()
    return [str(value) for value in row]


@pytest.mark.commits
def test_the_number_is_stored_only_as_a_keyed_hash_and_its_last_four_digits(client, unit):
    assert client.post("/dang-ky", data=registration(unit, cccd=NUMBER)).status_code == 302
    user = db.session.query(User).one()
    assert user.cccd_last4 == "2345"
    assert user.cccd_hash == cccd_hash(NUMBER)
    assert user.cccd_hash != hashlib.sha256(NUMBER.encode()).hexdigest()  # keyed, not guessable
    assert not any(NUMBER in value for value in _row_values(user.id))
    assert "cccd" not in {column["name"] for column in inspect(db.engine).get_columns("users")}


def test_the_same_number_written_with_spaces_is_not_given_to_a_second_account(client, unit):
    """One account per number; the second registration is made without it
    (tests/accounts/test_existence_checks.py)."""
    assert client.post("/dang-ky", data=registration(unit, cccd=NUMBER)).status_code == 302
    client.post("/dang-xuat")
    response = client.post("/dang-ky", data=registration(
        unit, phone="0987654321", cccd="0010 9001 2345"))
    assert response.status_code == 302
    assert "số CCCD bạn nhập chưa được gắn" in client.get("/").get_data(as_text=True)
    assert [user.cccd_last4 for user in db.session.query(User).order_by(User.id)] == ["2345", None]


@pytest.mark.parametrize("number", ["٠٠١٠٩٠٠١٢٣٤٥", "00109001234", "0010900123456", "00109001234x"])
def test_a_number_that_is_not_twelve_ascii_digits_is_refused(client, unit, number):
    response = client.post("/dang-ky", data=registration(unit, cccd=number))
    assert response.status_code == 422
    assert "Số CCCD phải gồm đúng 12 chữ số" in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0


def test_the_hash_key_is_its_own_setting_or_derived_from_the_secret_key(app):
    derived = cccd_hash(NUMBER)
    assert derived == cccd_hash(NUMBER, derived_key(app.config["SECRET_KEY"]))
    app.config["CCCD_HASH_KEY"] = "khoa-rieng-cho-cccd"
    assert cccd_hash(NUMBER) not in (derived, hashlib.sha256(NUMBER.encode()).hexdigest())


def test_the_organizer_sees_only_the_last_four_digits(client, unit, make_user):
    client.post("/dang-ky", data=registration(unit, cccd=NUMBER))
    client.post("/dang-xuat")
    person = db.session.query(User).one()
    login(client, make_user(role="organizer"))
    html = client.get(f"/quan-tri/tai-khoan/{person.id}").get_data(as_text=True)
    assert "••••••••2345" in html and NUMBER not in html


def test_no_template_or_export_reads_a_full_cccd():
    """The number is nowhere to read: no model attribute, and no template or module
    reads an account's ``.cccd`` (the typed form field, ``form.cccd``, is the only one)."""
    import re
    from pathlib import Path

    root = Path(__file__).parents[2]
    assert not hasattr(User, "cccd")
    person_cccd = re.compile(r"\b(user|users|other|winner|w|row|u|item\[0\])\.cccd\b(?!_)")
    for path in [*(root / "templates").rglob("*.html"), *(root / "contest").rglob("*.py")]:
        assert not person_cccd.search(path.read_text(encoding="utf-8")), path


def test_the_migration_hashes_existing_numbers_with_the_apps_key(empty_database_url):
    config = type("MigrationConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    app = create_app(config)
    with app.app_context():
        upgrade(revision="0010")
        created = datetime(2026, 1, 2, tzinfo=timezone.utc).replace(tzinfo=None)
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO units (id, code, name, name_folded, kind, active) "
                "VALUES (1, 'U1', 'Sở Nội vụ', 'so noi vu', 'agency', :yes)"), {"yes": True})
            connection.execute(text(
                "INSERT INTO users (id, full_name, date_of_birth, gender, phone, cccd, audience, "
                "unit_id, password_hash, role, created_at) VALUES (1, 'An', '1990-01-01', 'nam', "
                "'0912345678', :cccd, 'cbccvc', 1, 'x', 'contestant', :at)"),
                {"cccd": NUMBER, "at": created})
        upgrade()
        with db.engine.connect() as connection:
            row = connection.execute(text("SELECT cccd_hash, cccd_last4 FROM users")).one()
            columns = {c["name"] for c in inspect(connection).get_columns("users")}
        assert tuple(row) == (cccd_hash(NUMBER), "2345")
        assert "cccd" not in columns
        db.engine.dispose()
