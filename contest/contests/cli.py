"""``flask shrink-logos``: logos stored before uploads were scaled down."""
import click

from contest.contests import services as branding


@click.command("shrink-logos")
def shrink_logos_command():
    """Replace each stored logo larger than the certificates draw by its small
    copy: the certificate and the poster leave such a logo out rather than
    decode it in a worker, so run this once after upgrading."""
    outcome = branding.shrink_stored_logos()
    for contest_id, shrunk in outcome.items():
        if shrunk:
            click.echo(f"Cuộc thi {contest_id}: đã thu nhỏ logo.")
        else:
            click.echo(f"Cuộc thi {contest_id}: không đọc được logo, hãy tải lên logo khác.")
    if not outcome:
        click.echo("Không có logo nào cần thu nhỏ.")
