"""`flask --app wsgi privacy anonymise --contest ID [--older-than-days N]`."""
import click
from flask import current_app

from contest.contests.models import Contest
from contest.extensions import db
from contest.formatting import number
from contest.privacy.services.anonymise import RetentionNotOver, anonymise_contest


@click.group("privacy")
def privacy():
    """Personal data: anonymise a closed contest after the retention period."""


@privacy.command("anonymise")
@click.option("--contest", "contest_id", type=int, required=True, help="the contest's id")
@click.option("--older-than-days", "days", type=click.IntRange(min=0),
              help="retention in days (default: PERSONAL_DATA_RETENTION_DAYS)")
def anonymise_command(contest_id, days):
    """Replace the personal data of the contest's contestants (name, phone, e-mail,
    CCCD, day and month of birth), keeping attempts, rankings and statistics;
    refused until the contest has been closed for the retention period."""
    contest = db.session.get(Contest, contest_id)
    if contest is None:
        raise click.ClickException(f"Không có cuộc thi số {contest_id}.")
    days = current_app.config["PERSONAL_DATA_RETENTION_DAYS"] if days is None else days
    try:
        report = anonymise_contest(contest, days)
    except RetentionNotOver as refused:
        raise click.ClickException(refused.message) from refused
    click.echo(f"Đã ẩn danh dữ liệu cá nhân của {number(report.anonymised)} người dự thi "
               f"cuộc thi «{contest.name}».")
    if report.kept_for_other_contests:
        click.echo(f"Giữ nguyên {number(report.kept_for_other_contests)} người còn tham gia "
                   "cuộc thi chưa hết thời hạn lưu trữ.")
