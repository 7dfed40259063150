"""Organizer pages for a round's exports: the winners workbook and the weekly
report (direct downloads), and full exports run in the background."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from contest.access import organizer_required
from contest.contests.queries.contests import get_round
from contest.downloads import XLSX, send_download
from contest.replica import reads_from_replica
from contest.reports.forms import ExportRequestForm
from contest.reports.models import STALE_MESSAGE
from contest.reports.services import jobs, requests as services, retention
from contest.reports.services.exports import download_name

bp = Blueprint("reports", __name__, url_prefix="/quan-tri/dot-thi/<int:round_id>")
MIMETYPES = {
    "xlsx": XLSX,
    "csv": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@bp.route("/xuat")
@organizer_required
def exports(round_id: int):
    round_ = get_round(round_id)
    retention.purge_expired_exports()
    return render_template("reports/exports.html", round=round_, jobs=jobs.recent_jobs(round_),
                           form=ExportRequestForm(), expires_at=retention.expires_at)


@bp.route("/xuat/toan-bo", methods=["POST"])
@organizer_required
def request_full(round_id: int):
    round_ = get_round(round_id)
    form = ExportRequestForm()
    if not form.validate_on_submit():
        raise jobs.BadExportFormat()
    retention.purge_expired_exports()
    job = jobs.request_export(round_, form.format.data, current_user)
    flash(f"Đã ghi nhận yêu cầu xuất toàn bộ dữ liệu ({job.format_label}).", "success")
    return redirect(url_for("reports.job", round_id=round_.id, public_id=job.public_id))


@bp.route("/xuat/<public_id>")
@organizer_required
def job(round_id: int, public_id: str):
    round_ = get_round(round_id)
    retention.purge_expired_exports()
    return render_template("reports/job.html", round=round_, stale_message=STALE_MESSAGE,
                           job=services.job_of_round(round_, public_id),
                           expires_at=retention.expires_at)


@bp.route("/xuat/<public_id>/tai-ve")
@organizer_required
def download(round_id: int, public_id: str):
    round_ = get_round(round_id)
    retention.purge_expired_exports()  # a file past its time is never handed out
    job, path = services.job_file(round_, public_id, current_user)
    return send_download(path, download_name(round_, "toan-bo", job.format), MIMETYPES[job.format])


@bp.route("/xuat/dat-giai.xlsx")
@organizer_required
@reads_from_replica
def winners(round_id: int):
    round_ = get_round(round_id)
    return send_download(services.winners_file(round_, current_user),
                         download_name(round_, "dat-giai", "xlsx"), MIMETYPES["xlsx"])


@bp.route("/xuat/bao-cao.docx")
@organizer_required
@reads_from_replica
def report(round_id: int):
    round_ = get_round(round_id)
    return send_download(services.report_file(round_, current_user),
                         download_name(round_, "bao-cao", "docx"), MIMETYPES["docx"])
