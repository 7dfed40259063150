"""scripts/backup and scripts/restore bring the database back to what it held at
the backup, and a damaged backup file changes nothing (SQLite and PostgreSQL)."""
import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from contest.accounts.models import User
from contest.extensions import db

ROOT = Path(__file__).resolve().parent.parent


def run(script: str, file: Path, database_url: str) -> subprocess.CompletedProcess:
    db.session.remove()
    db.engine.dispose()  # no connection of the test holds a table the restore replaces
    return subprocess.run([str(ROOT / "scripts" / script), str(file)], capture_output=True,
                          text=True, env={**os.environ, "DATABASE_URL": database_url})


def phones() -> set[str]:
    return set(db.session.scalars(select(User.phone)))


@pytest.mark.commits
def test_a_restore_brings_back_what_the_backup_held(app, database_url, make_user, tmp_path):
    kept, removed_later = make_user().phone, make_user().phone
    backup = tmp_path / "contest.backup"
    assert run("backup", backup, database_url).returncode == 0
    added_later = make_user().phone
    db.session.execute(delete(User).where(User.phone == removed_later))
    db.session.commit()
    assert phones() == {kept, added_later}
    done = run("restore", backup, database_url)
    assert done.returncode == 0, done.stderr
    assert phones() == {kept, removed_later}


@pytest.mark.commits
def test_a_damaged_backup_is_refused_and_changes_nothing(app, database_url, make_user, tmp_path):
    person = make_user().phone
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200 + b"not a database")
    done = run("restore", damaged, database_url)
    assert done.returncode != 0
    assert phones() == {person}
