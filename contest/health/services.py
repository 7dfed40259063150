"""Readiness: the database answers a ``SELECT 1`` and the Alembic revision it
records (``alembic_version``) is the head of the app's migrations directory."""
from functools import cache

from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from contest.extensions import db

UPGRADE_HINT = "Hãy chạy «flask --app wsgi db upgrade»."


def readiness_problem() -> str | None:
    """Why the app cannot serve yet, in Vietnamese; None when it can."""
    expected = head_revisions(current_app.extensions["migrate"].directory)
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = frozenset(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError:
        return "Không kết nối được cơ sở dữ liệu."
    if not current:
        return f"Cơ sở dữ liệu chưa có phiên bản lược đồ (bảng alembic_version). {UPGRADE_HINT}"
    if current != expected:
        return (f"Cơ sở dữ liệu ở phiên bản {_names(current)}, mã nguồn cần phiên bản "
                f"{_names(expected)}. {UPGRADE_HINT}")
    return None


@cache
def head_revisions(directory: str) -> frozenset[str]:
    """The head revision(s) of the migrations in ``directory``, read once per process."""
    config = Config()
    config.set_main_option("script_location", directory)
    return frozenset(ScriptDirectory.from_config(config).get_heads())


def _names(revisions: frozenset[str]) -> str:
    return ", ".join(sorted(revisions))
