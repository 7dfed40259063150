"""A person's certificates (their own only, as PDF) and the public page that
verifies one by the code its QR code carries."""
from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from contest.certificates import documents as document, services
from contest.certificates.models import KIND_SLUGS
from contest.certificates.rules import display, normalise
from contest.contests.queries.contests import get_round
from contest.downloads import send_download
from contest.links import absolute_url

bp = Blueprint("certificates", __name__)
KINDS_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}
BAD_CODE = "Mã chứng nhận gồm 16 chữ và số (ví dụ ABCD-EFGH-JKLM-NPQR). Vui lòng kiểm tra lại."


@bp.route("/chung-nhan/dot-thi/<int:round_id>/<kind>.pdf")
@login_required
def download(round_id: int, kind: str):
    """The logged-in person's own certificate: whose it is never comes from the URL."""
    if kind not in KINDS_BY_SLUG:
        abort(404)
    round_ = get_round(round_id)
    certificate = services.issue(current_user, round_, KINDS_BY_SLUG[kind])
    content = services.content_of(certificate)
    verify_url = absolute_url("certificates.verify", code=content.code)
    pdf = document.render(content, verify_url, logo=round_.contest.logo)
    filename = f"giay-chung-nhan-{kind}-dot-{round_.number}.pdf"
    return send_download(pdf, filename, "application/pdf")


@bp.route("/xac-minh-chung-nhan")
def lookup():
    """A form to type the code printed on a certificate (for those who cannot scan it)."""
    typed = request.args.get("ma", "").strip()
    if not typed:
        return render_template("certificates/lookup.html", typed="", error=None)
    code = normalise(typed)
    if code is None:
        return render_template("certificates/lookup.html", typed=typed, error=BAD_CODE), 400
    return redirect(url_for("certificates.verify", code=display(code)))


@bp.route("/xac-minh-chung-nhan/<code>")
def verify(code: str):
    """Public: only the name, unit, round, result and kind of the certificate."""
    content = services.content_of(services.find(code))
    response = Response(render_template("certificates/verify.html", certificate=content))
    response.headers["X-Robots-Tag"] = "noindex"  # names of people: not for search engines
    return response
