"""`flask --app wsgi results compute | rebuild`: for cron and for repairs."""
import click
from sqlalchemy import select

from contest.audit.services import record
from contest.caching import results_changed
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.rankings.services.rebuild import rebuild_contest, rebuild_round
from contest.rankings.services.results import compute_due_results, compute_results


@click.group("results")
def results():
    """Round results: compute them after close, rebuild the rankings."""


@results.command("compute")
@click.argument("round_id", type=int, required=False)
def compute_command(round_id):
    """Compute the final results of ROUND_ID, or of every round that is over and
    has none yet (run from cron, e.g. every minute, with finish-overdue)."""
    if round_id is None:
        done = compute_due_results()
    else:
        round_ = db.session.get(Round, round_id)
        if round_ is None:
            raise click.ClickException(f"Không có đợt thi số {round_id}.")
        done = [compute_results(round_)]
    for round_ in done:
        click.echo(f"{round_.name}: đáp án câu hỏi dự đoán {round_.prediction_actual}.")
    if not done:
        click.echo("Không có đợt thi nào cần tính kết quả.")


@results.command("rebuild")
@click.option("--questions/--no-questions", default=False,
              help="also recount the question tallies (reads every answer)")
def rebuild_command(questions):
    """Rebuild every ranking and unit figure from the attempts (after an upgrade
    from a version without them, or after a correction)."""
    for round_ in db.session.scalars(select(Round).order_by(Round.id)):
        rebuild_round(round_, with_questions=questions)
    for contest in db.session.scalars(select(Contest)):
        rebuild_contest(contest)
    record("results.rebuild", questions=questions)
    results_changed()
    click.echo("Đã tính lại bảng xếp hạng và số liệu đơn vị.")
