"""/healthz answers while the process runs; /readyz only when the database answers
at the head of migrations/ (503 with the reason otherwise); neither is ever cached
or rate-limited."""
import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import make_url, text

from contest import create_app
from contest.config import TestConfig
from contest.extensions import db


def app_on(url: str, **settings):
    return create_app(type("ProbeConfig", (TestConfig,),
                           {"SQLALCHEMY_DATABASE_URI": url, **settings}))


def readiness(app) -> tuple[int, dict]:
    response = app.test_client().get("/readyz")
    assert response.headers["Cache-Control"] == "no-store"
    return response.status_code, response.get_json()


@pytest.fixture
def migrated(empty_database_url):
    """An app on a database built by the migrations (the suite's is built by create_all)."""
    app = app_on(empty_database_url)
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


def test_healthz_answers_while_the_process_runs(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_answers_ok_at_the_migrations_head(migrated):
    assert readiness(migrated) == (200, {"status": "ok"})


def test_readyz_refuses_a_database_at_another_revision(migrated):
    downgrade(revision="-1")
    status, body = readiness(migrated)
    assert status == 503 and body["status"] == "not_ready"
    assert "mã nguồn cần phiên bản" in body["reason"] and "db upgrade" in body["reason"]


def test_readyz_refuses_a_database_without_a_version_table(migrated):
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    status, body = readiness(migrated)
    assert status == 503
    assert "chưa có phiên bản lược đồ" in body["reason"]


def test_readyz_refuses_when_the_database_does_not_answer(database_url, tmp_path):
    if database_url.startswith("sqlite"):
        unreachable = f"sqlite:///{tmp_path / 'khong-co' / 'contest.db'}"
    else:
        unreachable = make_url(database_url).set(port=1).render_as_string(hide_password=False)
    app = app_on(unreachable)
    with app.app_context():
        status, body = readiness(app)
        db.engine.dispose()
    assert status == 503
    assert body["reason"] == "Không kết nối được cơ sở dữ liệu."


@pytest.mark.commits
def test_probes_are_never_rate_limited(app):
    limited = app_on(app.config["SQLALCHEMY_DATABASE_URI"], RATELIMIT_ENABLED=True,
                     RATELIMIT_DEFAULT="2 per minute", RATELIMIT_APPLICATION="3 per minute")
    client = limited.test_client()
    with limited.app_context():
        probes = {client.get(path).status_code for path in ("/healthz", "/readyz") * 20}
        assert 429 not in probes
        # The same limits do hold for every other page.
        assert 429 in {client.get("/").status_code for _ in range(5)}
        db.session.remove()
