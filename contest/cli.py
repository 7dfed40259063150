"""Command-line tools: `flask --app wsgi seed-demo | finish-overdue | export | bank | jobs …`."""
import functools
import sys

import click
from flask import current_app
from flask.cli import ScriptInfo

from contest.audit.services import record
from contest.bank.rules.validate import NO_MINIMUMS, Minimums, check_directory
from contest.extensions import db
from contest.transactions import unit_of_work


def started_by_flask_cli() -> bool:
    """True while Flask's command line (``flask --app wsgi …``) loads the app;
    gunicorn, which serves it, does not run inside a click context."""
    context = click.get_current_context(silent=True)
    return context is not None and context.find_object(ScriptInfo) is not None


def register(app) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(finish_overdue_command)
    app.cli.add_command(export_command)
    app.cli.add_command(bank)
    from contest.rankings.cli import results
    app.cli.add_command(results)
    from contest.accounts.cli import create_admin_command
    app.cli.add_command(create_admin_command)
    from contest.privacy.cli import privacy
    app.cli.add_command(privacy)
    from contest.reports.cli import exports
    app.cli.add_command(exports)
    from contest.contests.cli import shrink_logos_command
    app.cli.add_command(shrink_logos_command)
    from contest.units.cli import units
    app.cli.add_command(units)
    from contest.jobs import jobs_cli  # long-running: no unit of work around it
    app.cli.add_command(jobs_cli)
    for command in (seed_demo_command, finish_overdue_command, export_command, bank, results,
                    create_admin_command, privacy, exports, shrink_logos_command, units):
        _in_a_unit_of_work(command)


def _in_a_unit_of_work(command: click.Command) -> None:
    """Each of our commands is one unit of work (``contest.transactions``): what
    it changed is committed when it ends, rolled back when it fails."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _in_a_unit_of_work(sub)
        return
    callback = command.callback
    if callback is None or getattr(callback, "in_unit_of_work", False):
        return

    @functools.wraps(callback)
    def committed(*args, **kwargs):
        with unit_of_work():
            return callback(*args, **kwargs)
    committed.in_unit_of_work = True
    command.callback = committed


@click.command("seed-demo")
def seed_demo_command():
    """Create the demo contest, units and organizer, and load the question bank."""
    from contest.demo import seed_demo

    password = seed_demo()
    if password is None:
        click.echo("Cuộc thi demo đã có sẵn, không tạo lại.")
    else:
        click.echo("Đã tạo cuộc thi demo.")
        click.echo("Tài khoản Ban Tổ chức: bantochuc@example.vn (hoặc 0900000001)")
        click.echo(f"Mật khẩu (chỉ hiện một lần): {password}")
    _load_bank()


@click.command("finish-overdue")
def finish_overdue_command():
    """Finish attempts left open past their deadline (for cron)."""
    from contest.quiz.services.attempts import finish_overdue

    count = finish_overdue(each=unit_of_work)  # a sweep never holds the rankings locked long
    if count:
        record("attempts.finish_overdue", count=count)
    click.echo(f"Đã kết thúc {count} lượt thi quá hạn.")


@click.command("export")
@click.argument("round_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx",
              show_default=True, help="xlsx: one workbook; csv: one CSV per table in a zip")
@click.option("--output", type=click.Path(dir_okay=False, writable=True),
              help="default: dot-<number>-toan-bo.xlsx|zip in the current directory")
def export_command(round_id, fmt, output):
    """Write every table of a round (winners, rankings, participation, questions)."""
    from contest.contests.models import Round
    from contest.formatting import number
    from contest.reports.services.exports import download_name
    from contest.reports.services.requests import export_to_path

    round_ = db.session.get(Round, round_id)
    if round_ is None:
        raise click.ClickException(f"Không có đợt thi số {round_id}.")
    path = output or download_name(round_, "toan-bo", fmt)
    rows = export_to_path(round_, fmt, path)
    click.echo(f"Đã ghi {number(rows)} dòng vào {path}.")


@click.group("bank")
def bank():
    """Question bank: check, load."""


@bank.command("check")
def bank_check():
    """Validate every question file; exit non-zero on any problem."""
    records, problems = check_directory(current_app.config["QUESTION_BANK_DIR"], Minimums())
    from contest.bank.queries.summary import summary_lines

    for problem in problems:
        click.echo(str(problem))
    for line in summary_lines(records):
        click.echo(line)
    click.echo(f"{len(records)} câu hỏi hợp lệ, {len(problems)} lỗi.")
    sys.exit(1 if problems else 0)


@bank.command("similar")
@click.option("--threshold", default=0.6, show_default=True, help="Jaccard index, 0–1")
def bank_similar(threshold):
    """List pairs of questions that may ask the same fact (for a person to judge)."""
    from contest.bank.rules.similarity import similar_pairs

    records, _ = check_directory(current_app.config["QUESTION_BANK_DIR"], NO_MINIMUMS,
                                 whole_bank_rules=False)
    pairs = similar_pairs(records, threshold)
    for pair in pairs:
        click.echo(f"{pair.score:.2f} {pair.first.code} ~ {pair.second.code}")
        click.echo(f"     {pair.first.code}: {pair.first.question}")
        click.echo(f"     {pair.second.code}: {pair.second.question}")
    click.echo(f"{len(pairs)} cặp câu hỏi gần giống nhau (ngưỡng {threshold}).")


@bank.command("load")
def bank_load():
    """Load or update the bank into the database."""
    _load_bank()


@bank.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def bank_export(path):
    """Write the bank in the database to an Excel file (the template's columns)."""
    from contest.bank.services.questions import bank_workbook

    with open(path, "wb") as out:
        out.write(bank_workbook(actor=None, with_questions=True))
    click.echo(f"Đã xuất ngân hàng câu hỏi ra {path}.")


@bank.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def bank_import(path):
    """Validate every row of an Excel file, then create/update the questions;
    on any bad row nothing changes."""
    from contest.bank.services.questions import import_records, validate_workbook

    with open(path, "rb") as source:
        rows, errors = validate_workbook(source.read())
    for error in errors:
        click.echo(f"Dòng {error.row}, cột {error.column}: {error.message}", err=True)
    if errors:
        raise click.ClickException(f"Tệp có {len(errors)} lỗi, không thay đổi gì.")
    report = import_records(rows, actor=None, filename=path)
    click.echo(
        f"Đã nhập {len(rows)} dòng: {len(report.created)} câu mới, {len(report.updated)} câu sửa, "
        f"{len(report.new_versions)} phiên bản mới, {report.unchanged} câu không đổi."
    )


def _load_bank() -> None:
    from contest.bank.services.shipped import ShippedBankInvalid, load_shipped_bank

    try:
        report = load_shipped_bank()
    except ShippedBankInvalid as invalid:
        for problem in invalid.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(invalid.message) from invalid
    click.echo(
        f"Ngân hàng câu hỏi: {len(report.created)} câu mới, {len(report.updated)} câu sửa, "
        f"{len(report.new_versions)} phiên bản mới, {report.unchanged} câu không đổi."
    )
