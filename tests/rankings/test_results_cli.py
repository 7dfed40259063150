"""`results compute` (cron) fixes the prediction value of rounds that are over,
once; `results rebuild` recomputes the rankings from the attempts."""
from datetime import timedelta

from contest import clock
from contest.audit.models import AuditLog
from contest.extensions import db
from contest.rankings.models import RoundEntry
from tests.rankings.helpers import take_attempt


def test_compute_due_rounds_once(open_round, make_user, runner):
    take_attempt(make_user(), open_round, correct=5, seconds=10, prediction=1)
    assert "Không có đợt thi nào" in runner.invoke(args=["results", "compute"]).output
    clock.freeze(open_round.closes_at + timedelta(seconds=10))
    output = runner.invoke(args=["results", "compute"]).output
    assert "đáp án câu hỏi dự đoán 1" in output
    assert "Không có đợt thi nào" in runner.invoke(args=["results", "compute"]).output
    assert AuditLog.query.filter_by(action="results.compute").count() == 1
    assert runner.invoke(args=["results", "compute", "999"]).exit_code != 0


def test_rebuild_restores_lost_rankings(open_round, make_user, runner):
    take_attempt(make_user(), open_round, correct=4, seconds=10)
    db.session.query(RoundEntry).delete()
    db.session.commit()
    assert "Đã tính lại" in runner.invoke(args=["results", "rebuild"]).output
    assert RoundEntry.query.one().score == 4
