"""Every schema change is a migration: upgrading an empty database gives exactly the
models' schema, and the migrations go down and up again cleanly."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from contest import create_app
from contest.config import TestConfig
from contest.extensions import db


def test_migrations_build_the_models_schema_and_reverse(empty_database_url):
    app = create_app(type("MigrationConfig", (TestConfig,),
                          {"SQLALCHEMY_DATABASE_URI": empty_database_url}))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() is None
        upgrade()
        db.engine.dispose()
