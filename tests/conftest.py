"""Fixtures: one suite, run on SQLite always and on PostgreSQL when
TEST_DATABASE_URL is set (CI sets CONTEST_REQUIRE_FULL_SUITE=1, which turns
the skip into a failure)."""
import os
from datetime import date, datetime, timedelta, timezone

import pytest
from flask import g, has_app_context
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine, text

from contest import clock, create_app
from contest.accounts.models import User
from contest.bank.models import Question, QuestionOption, Topic
from contest.config import TestConfig, normalize_database_url
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.text import fold
from contest.units.models import Unit
from tests import queries
from tests.database import commits, emptied_afterwards, rolled_back_afterwards
from tests.workers import isolate_worker

PASSWORD = "mat-khau-123"
_schemas_ready: set[str] = set()
MIGRATION_SCHEMA = "migration_check"
isolate_worker()


def require_or_skip(reason: str):
    """Skip on a user's machine; fail in CI, where every backend must run."""
    if os.environ.get("CONTEST_REQUIRE_FULL_SUITE") == "1":
        pytest.fail(f"required in CI but unavailable: {reason}")
    pytest.skip(reason)


class CSRFClient(FlaskClient):
    """A test client that adds the CSRF token to forms and JSON posts itself."""

    def csrf_token(self) -> str:
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", os.urandom(20).hex())
        serializer = URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token")
        return serializer.dumps(raw)

    def open(self, *args, **kwargs):
        # The tests hold an app context, which requests reuse: forget the user
        # Flask-Login cached on ``g`` so each request loads its own, as in production.
        if has_app_context():
            g.pop("_login_user", None)
            g.pop("current_contest", None)
        method = kwargs.get("method", "GET")
        if method == "POST" and not kwargs.pop("no_csrf", False):
            if "json" in kwargs:
                kwargs.setdefault("headers", {})["X-CSRFToken"] = self.csrf_token()
            else:
                data = kwargs.setdefault("data", {})
                if isinstance(data, dict):
                    data.setdefault("csrf_token", self.csrf_token())
        return super().open(*args, **kwargs)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.getbasetemp() / 'contest-test.db'}"
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        require_or_skip("PostgreSQL tests need TEST_DATABASE_URL")
    return normalize_database_url(url)


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """An empty database of the same kind as ``database_url``, for tests that run
    the migrations (on PostgreSQL: a schema of its own, dropped afterwards)."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {MIGRATION_SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {MIGRATION_SCHEMA}"))
    separator = "&" if "?" in database_url else "?"
    yield f"{database_url}{separator}options=-csearch_path%3D{MIGRATION_SCHEMA}"
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {MIGRATION_SCHEMA} CASCADE"))
    engine.dispose()


@pytest.fixture
def app(request, database_url):
    """The app on a database whose rows never outlive the test: rolled back, or
    emptied for a test marked ``commits`` (see tests/database.py)."""
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = database_url

    app = create_app(Config)
    app.test_client_class = CSRFClient
    with app.app_context():
        if database_url not in _schemas_ready:
            db.drop_all()
            db.create_all()
            _schemas_ready.add(database_url)
        cleanup = emptied_afterwards if commits(request) else rolled_back_afterwards
        with cleanup():
            yield app
        for engine in db.engines.values():  # no pooled connection outlives its test's app
            engine.dispose()
    clock.freeze(None)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def count_queries(app):
    """``with count_queries() as statements:`` records the SQL a request runs, to
    assert a page's statement count does not grow with its rows (see tests/queries.py)."""
    return queries.count_queries


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def frozen(app):
    """Freeze the clock at a fixed moment; ``frozen.move(seconds=…)`` advances it."""
    class Frozen:
        at = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)

        def move(self, **delta):
            self.at = self.at + timedelta(**delta)
            clock.freeze(self.at)

    frozen = Frozen()
    clock.freeze(frozen.at)
    yield frozen
    clock.freeze(None)


# --- factories -------------------------------------------------------------

@pytest.fixture
def make_unit(app):
    counter = iter(range(1, 10_000))

    def make(name="Sở Nội vụ", kind="agency", headcount=50):
        unit = Unit(code=f"U{next(counter)}", name=name, name_folded=fold(name),
                    kind=kind, headcount=headcount)
        db.session.add(unit)
        db.session.commit()
        return unit
    return make


@pytest.fixture
def make_user(app, make_unit):
    counter = iter(range(1, 10_000))

    def make(phone=None, role="contestant", unit=None, email=None):
        number = next(counter)
        user = User(
            full_name=f"Người dự thi {number}", date_of_birth=date(1990, 1, 1), gender="nam",
            phone=phone or f"09120000{number:02d}", email=email, audience="cbccvc",
            unit_id=(unit or make_unit(name=f"Đơn vị {number}")).id, role=role,
        )
        if role == "unit_manager":  # as an organizer appoints one: to manage their own unit
            user.managed_unit_id = user.unit_id
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        return user
    return make


@pytest.fixture
def make_questions(app):
    """``n`` questions with four options each; the first option is correct."""
    def make(n=10, topic_key="demo", scope="national", difficulty=None, group=None):
        topic = db.session.query(Topic).filter_by(key=topic_key).first()
        if topic is None:
            topic = Topic(key=topic_key, title="Chủ đề thử", scope=scope)
            db.session.add(topic)
        start = db.session.query(Question).count()
        questions = []
        for i in range(start + 1, start + n + 1):
            question = Question(
                code=f"T-{i:03d}", topic=topic, difficulty=difficulty or 1 + i % 3, scope=scope,
                fact_group=group(i) if callable(group) else group, text=f"Câu hỏi thử số {i}?",
                explanation=f"Giải thích {i}.", source_document="Văn bản thử", source_part="Điều 1",
                options=[QuestionOption(position=p, text=f"Phương án {p} của câu {i}", is_correct=p == 1)
                         for p in range(1, 5)],
            )
            db.session.add(question)
            questions.append(question)
        db.session.commit()
        return questions
    return make


@pytest.fixture
def make_round(app):
    def make(opens_in=timedelta(hours=-1), closes_in=timedelta(days=7), questions=5,
             time_limit=600, max_attempts=3, number=None, scheduled=True):
        current = clock.now()
        contest = db.session.query(Contest).first()
        if contest is None:
            contest = Contest(slug="thu", name="Cuộc thi thử", organizer_name="Ban Tổ chức",
                              rules="Thể lệ thử.")
            db.session.add(contest)
            db.session.flush()
        round_ = Round(
            contest_id=contest.id,
            number=number or db.session.query(Round).count() + 1, name="Đợt thử",
            opens_at=current + opens_in, closes_at=current + closes_in,
            questions_per_attempt=questions, time_limit_seconds=time_limit,
            max_attempts=max_attempts, scheduled_at=current if scheduled else None,
        )
        db.session.add(round_)
        db.session.commit()
        return round_
    return make


def login(client, user) -> None:
    response = client.post("/dang-nhap", data={"identifier": user.phone, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def contestant(make_user):
    return make_user()


@pytest.fixture
def logged_in(client, contestant):
    login(client, contestant)
    return client
