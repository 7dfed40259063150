"""Rows written with plain SQL into a database migrated to an older revision,
for the tests of a migration's data move (the models describe only the newest
schema)."""
from datetime import date, datetime, timezone

from sqlalchemy import text

from contest.extensions import db

AT = datetime(2026, 1, 1, tzinfo=timezone.utc)


def insert_person(full_name: str, phone: str, gender: str = "nu") -> None:
    """Unit 1 and account 1 in it, with the columns every revision has."""
    db.session.execute(text(
        "INSERT INTO units (id, code, name, name_folded, kind, active) "
        "VALUES (1, 'X1', 'Xã Một', 'xa mot', 'commune', true)"))
    db.session.execute(text(
        "INSERT INTO users (id, full_name, date_of_birth, gender, phone, audience, unit_id, "
        "password_hash, role, created_at, session_version) VALUES "
        "(1, :name, :born, :gender, :phone, 'cbccvc', 1, 'x', 'contestant', :at, 0)"),
        {"name": full_name, "born": date(1990, 1, 1), "gender": gender, "phone": phone, "at": AT})
