"""`flask --app wsgi exports purge`: delete the export files past their
retention time, and the initial-passwords files of bulk account creation past
their 30 minutes (for cron; the web pages also do it whenever they are used)."""
import click

from contest.accounts.services.bulk_results import purge_expired_results
from contest.reports.services.retention import purge_expired_exports


@click.group("exports")
def exports():
    """Full exports of a round built from the web pages."""


@exports.command("purge")
def purge_command():
    """Delete every built export older than EXPORT_RETENTION_HOURS; the jobs stay,
    marked expired."""
    purged = purge_expired_exports()
    for job in purged:
        click.echo(f"Đã xóa tệp xuất {job.public_id} ({job.format_label}) của đợt thi "
                   f"số {job.round_id}.")
    click.echo(f"Đã xóa {len(purged)} tệp xuất quá hạn lưu giữ.")
    click.echo(f"Đã xóa {purge_expired_results()} tệp mật khẩu ban đầu quá hạn lưu giữ.")
