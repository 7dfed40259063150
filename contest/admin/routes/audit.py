"""The audit log, read-only: search by person, kind of action and date, and its
export. No route here changes or deletes an entry (a test checks the URL map)."""
from flask import Blueprint, render_template, request
from flask_login import current_user

from contest.access import organizer_required
from contest.admin.queries import audit as queries
from contest.admin.queries.audit_export import EXPORT_LIMIT, audit_workbook
from contest.downloads import send_xlsx
from contest.errors import DomainError
from contest.paging import page_arg

bp = Blueprint("audit", __name__, url_prefix="/quan-tri/nhat-ky")


@bp.route("/")
@organizer_required
def index():
    filters, problems = queries.AuditFilter.from_args(request.args)
    pagination = None if problems else queries.page_of_entries(
        filters, page_arg("page"))
    entries = queries.describe(pagination.items) if pagination else []
    page = render_template("audit/list.html", filters=filters, problems=problems,
                           pagination=pagination, entries=entries,
                           action_groups=queries.action_choices(), export_limit=EXPORT_LIMIT,
                           about_name=queries.person_name(filters.about))
    return page, 400 if problems else 200


@bp.route("/nhat-ky.xlsx")
@organizer_required
def export():
    filters, problems = queries.AuditFilter.from_args(request.args)
    if problems:
        raise DomainError(" ".join(problems))
    data, _ = audit_workbook(filters, current_user)
    return send_xlsx(data, "nhat-ky-thao-tac.xlsx")
