"""Errors the app logs land in ``logged_errors`` (on their own connection), are
listed on the dashboard, never break a request, and are kept seven days."""
import logging
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select

from contest.extensions import db
from contest.monitoring import services as error_log
from contest.monitoring.services import DatabaseErrorHandler
from contest.monitoring.models import LoggedError
from contest.units.models import Unit
from tests.conftest import login


def logged() -> list[LoggedError]:
    db.session.rollback()  # a fresh read: the rows were committed on another connection
    return list(db.session.scalars(select(LoggedError).order_by(LoggedError.id)))


def installed_handler(app) -> DatabaseErrorHandler:
    return next(h for h in app.logger.handlers if isinstance(h, DatabaseErrorHandler))


@pytest.fixture
def failing_view(app):
    """A throwaway route that writes, then fails: the write is rolled back, the error kept."""
    def fail():
        db.session.add(Unit(code="LOI", name="Không được lưu", name_folded="khong duoc luu",
                            kind="agency"))
        db.session.flush()
        raise RuntimeError("Hỏng thử nghiệm")
    app.add_url_rule("/thu-loi", "thu_loi", fail)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer 500 as in production
    return "/thu-loi"


@pytest.mark.commits
def test_a_failing_view_leaves_a_row_the_dashboard_lists(client, app, failing_view, frozen,
                                                         make_round, make_user):
    round_ = make_round()
    organizer = make_user(role="organizer")
    response = client.get(failing_view)
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in response.get_data(as_text=True)
    rows = logged()
    assert [(r.level, r.path, r.logger) for r in rows] == [("ERROR", "/thu-loi", app.logger.name)]
    assert rows[0].message.startswith("Exception on /thu-loi [GET]")
    assert "RuntimeError: Hỏng thử nghiệm" in rows[0].message  # the traceback is kept
    assert db.session.scalar(select(Unit).where(Unit.code == "LOI")) is None
    login(client, organizer)
    html = client.get(f"/quan-tri/theo-doi/dot-thi/{round_.id}").get_data(as_text=True)
    assert "Exception on /thu-loi [GET]" in html and "/thu-loi" in html


@pytest.mark.commits
def test_an_error_outside_a_request_is_written_at_once(app):
    app.logger.error("Tác vụ nền thất bại: %s", "xuất Excel")
    rows = logged()
    assert [(r.message, r.path) for r in rows] == [("Tác vụ nền thất bại: xuất Excel", None)]


def test_warnings_are_not_kept(app):
    app.logger.warning("Chỉ là cảnh báo")
    assert logged() == []


@pytest.mark.commits
def test_long_messages_are_cut(app):
    app.logger.error("x" * 10_000)
    assert len(logged()[0].message) == error_log.MAX_MESSAGE


def test_a_failing_database_does_not_break_or_loop(app, client, failing_view, monkeypatch):
    broken = create_engine("sqlite:////nonexistent-folder/nowhere.db")
    monkeypatch.setattr(installed_handler(app), "engine", broken)
    app.logger.error("Không ghi được")  # no exception, no recursion
    response = client.get(failing_view)
    assert response.status_code == 500
    assert logged() == []


@pytest.mark.commits
def test_rows_older_than_seven_days_are_pruned(app, frozen, monkeypatch):
    db.session.add_all([
        LoggedError(at=frozen.at - timedelta(days=8), level="ERROR", logger="contest", message="cũ"),
        LoggedError(at=frozen.at - timedelta(days=6), level="ERROR", logger="contest", message="gần đây"),
    ])
    db.session.commit()
    monkeypatch.setattr(error_log, "PRUNE_EVERY", 1)  # prune on this insert
    app.logger.error("mới")
    assert [r.message for r in logged()] == ["gần đây", "mới"]


@pytest.mark.commits
def test_installing_again_replaces_the_handler(app):
    """Apps share their logger by name: a second install must not double the rows."""
    error_log.install(app)
    assert sum(isinstance(h, DatabaseErrorHandler) for h in app.logger.handlers) == 1
    app.logger.error("một lần")
    assert len(logged()) == 1
    assert installed_handler(app).level == logging.ERROR
