"""The privacy page, a person's own data (download, deletion request) and the
organizer's list of deletion requests."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from contest.access import organizer_required
from contest.accounts.services.consent import (
    CONSENT_VERSION, DECREE, LAW, consent_points, controller,
)
from contest.audit.services import record
from contest.downloads import send_download
from contest.privacy.forms import CarryOutForm, DeletionRequestForm
from contest.privacy.rules import kept_items
from contest.privacy.services import requests as services

bp = Blueprint("privacy", __name__)


def _me():
    return current_user._get_current_object()


@bp.route("/quyen-rieng-tu")
def policy():
    return render_template("privacy/policy.html", points=consent_points(), who=controller(),
                           version=CONSENT_VERSION, law=LAW, decree=DECREE, kept=kept_items())


@bp.route("/ho-so/du-lieu-ca-nhan")
@login_required
def mine():
    return _mine_page(DeletionRequestForm(formdata=None))


def _mine_page(form: DeletionRequestForm, status: int = 200):
    return render_template("privacy/mine.html", form=form,
                           deletion=services.deletion_request_of(_me()),
                           consents=services.consents_of(_me())), status


@bp.route("/ho-so/du-lieu-ca-nhan/tai-ve")
@login_required
def download():
    from contest.privacy.queries import my_data_json

    data = my_data_json(_me())
    record("privacy.download", actor=_me(), target=_me())
    return send_download(data, f"du-lieu-cua-toi-{_me().id}.json", "application/json")


@bp.route("/ho-so/du-lieu-ca-nhan/yeu-cau-xoa", methods=["POST"])
@login_required
def request_deletion():
    form = DeletionRequestForm()
    if not form.validate_on_submit():
        return _mine_page(form, 400)
    _, created = services.request_deletion(_me(), form.reason.data)
    flash("Đã ghi nhận yêu cầu xóa dữ liệu. Ban Tổ chức sẽ thực hiện và thông báo cho bạn."
          if created else "Bạn đã gửi yêu cầu xóa dữ liệu trước đó; yêu cầu đang được xử lý.",
          "success" if created else "info")
    return redirect(url_for("privacy.mine"))


@bp.route("/quan-tri/du-lieu-ca-nhan/yeu-cau-xoa")
@organizer_required
def deletion_requests():
    return _requests_page()


def _requests_page(status: int = 200, forms: dict | None = None):
    """The requests (pending first), each with its "carry out" form (``forms`` by
    request id: one sent back with its error)."""
    show_all = request.args.get("tat-ca") == "1"
    rows = services.deletion_requests(pending_only=not show_all)
    forms = forms or {}
    return render_template("privacy/requests.html", rows=rows, show_all=show_all,
                           forms={row.id: forms.get(row.id) or CarryOutForm(formdata=None)
                                  for row in rows}), status


@bp.route("/quan-tri/du-lieu-ca-nhan/yeu-cau-xoa/<int:request_id>/thuc-hien", methods=["POST"])
@organizer_required
def carry_out(request_id: int):
    deletion = services.get_request(request_id)
    form = CarryOutForm()
    if not form.validate_on_submit():
        flash("Chưa thực hiện: vui lòng đánh dấu ô xác nhận.", "danger")
        return _requests_page(400, {deletion.id: form})
    services.carry_out(deletion, _me())
    flash(f"Đã ẩn danh dữ liệu cá nhân của tài khoản #{deletion.user_id}.", "success")
    return redirect(url_for("privacy.deletion_requests"))
