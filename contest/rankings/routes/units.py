"""The unit manager's dashboard (a commune or agency leader, on a phone), and the
organizer's view of every unit. A manager sees only their own unit: checked on
every request from the account, never from the URL."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from contest.access import can_see_unit, manager_required, organizer_required
from contest.accounts.rules.phone import is_valid_mobile, normalize_phone
from contest.audiences import AUDIENCES
from contest.audit.services import record
from contest.caching import cached_figures
from contest.clock import now
from contest.contests.queries.contests import contest_or_404, current_contest
from contest.downloads import send_xlsx
from contest.extensions import db
from contest.formatting import number
from contest.paging import page_arg, paged
from contest.rankings.documents.absentees import (
    absentees_title, absentees_workbook as absentees_file, phones_shown_in_full, shown_phone,
)
from contest.rankings.queries import members, public
from contest.rankings.queries.public import cached_standings
from contest.rankings.queries.units import standing_of, unit_standings
from contest.rankings.routes.caches import cached_page
from contest.rankings.rules.disclosure import (
    own_unit_as_shown, shown_from, shown_to_viewer, standings_as_shown,
)
from contest.rankings.rules.params import scope_arg, unit_kind_arg
from contest.replica import reads_from_replica
from contest.spreadsheets import SpreadsheetError
from contest.units.models import UNIT_KINDS, Unit
from contest.units.staff.formats import MAX_UPLOAD_BYTES, read_staff
from contest.units.staff.formats import template_workbook as staff_template_workbook
from contest.units.staff.forms import StaffImportForm
from contest.units.staff.services import replace_staff, staff_of

bp = Blueprint("unit_results", __name__)
PER_PAGE = 50


def _unit_for_viewer(code: str) -> Unit:
    own = current_user.unit
    if own is not None and own.code == code:  # loaded with the account: no query
        unit = own
    else:
        unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        abort(404)
    if not can_see_unit(current_user, unit):
        abort(403)
    return unit


def _unit_and_round(code: str):
    """The unit (if the viewer may see it), the contest, and the round asked for."""
    return (_unit_for_viewer(code), *_contest_and_round())


def _contest_and_round():
    contest = current_contest()
    scope = scope_arg(contest) if contest else None
    round_ = scope if hasattr(scope, "contest_id") else (
        public.default_round(contest) if contest else None)
    if round_ is None:
        abort(404)
    return contest, round_


@bp.route("/don-vi-cua-toi")
@manager_required
def my_unit():
    """The unit the organizer assigned (an organizer has none: their own unit's page)."""
    unit = current_user.managed_unit if current_user.role == "unit_manager" else current_user.unit
    if unit is None:
        abort(403)
    return redirect(url_for("unit_results.dashboard", code=unit.code))


@bp.route("/don-vi/<code>")
@manager_required
@reads_from_replica
def dashboard(code: str):
    unit = _unit_for_viewer(code)  # who may see it: checked on every request
    page = page_arg("trang")
    contest, round_ = _contest_and_round()
    shown = shown_to_viewer(round_)  # an organizer sees everything, a manager what is settled
    return cached_page(f"unit-dashboard:{unit.id}:{round_.id}:{page}", shown,
                       lambda: _dashboard_body(unit, contest, round_, page, shown))


def _dashboard_body(unit: Unit, contest, round_, page: int, shown) -> tuple[str, str]:
    standings, read_at = cached_standings(round_, unit.kind, contest.unit_min_rate)
    public_standings = standings_as_shown(standings, shown, contest.unit_min_rate)
    standing = own_unit_as_shown(standing_of(unit.id, standings),
                                 standing_of(unit.id, public_standings), shown)
    registered, _ = cached_figures(f"registered:{unit.id}",
                                   lambda: members.registered_in(unit.id))
    taken_part = members.participants(round_, unit.id, page, by_score=shown.scores,
                                      total=standing.participants if standing else 0)
    return f"{unit.name} — tình hình tham gia", render_template(
        "rankings/_unit_dashboard_body.html", unit=unit, contest=contest, round=round_,
        standing=standing, ranked=sum(1 for s in public_standings if s.eligible),
        read_at=read_at, registered=registered, taken_part=taken_part,
        shown=shown, shown_from=shown_from(round_),
    )


@bp.route("/don-vi/<code>/chua-tham-gia")
@manager_required
@reads_from_replica
def absentees(code: str):
    """Accounts with no submitted attempt and staff with no account, by name."""
    unit, contest, round_ = _unit_and_round(code)
    return render_template("rankings/unit_absentees.html", unit=unit, contest=contest,
                           round=round_, title=absentees_title(unit, round_, now()),
                           full_phones=phones_shown_in_full(current_user, unit),
                           shown_phone=shown_phone,
                           absent=paged(members.absentees(round_, unit.id),
                                        page_arg("trang"), PER_PAGE))


@bp.route("/don-vi/<code>/chua-tham-gia.xlsx")
@manager_required
@reads_from_replica
def absentees_workbook(code: str):
    unit, _, round_ = _unit_and_round(code)
    people = members.absentees(round_, unit.id)
    full_phones = phones_shown_in_full(current_user, unit)
    data = absentees_file(absentees_title(unit, round_, now()), people, full_phones)
    record("export.unit_absentees", actor=current_user, target=unit, round_id=round_.id,
           rows=len(people), full_phones=full_phones)
    filename = f"{unit.code}-dot-{round_.number}-chua-tham-gia.xlsx"
    return send_xlsx(data, filename)


@bp.route("/don-vi/<code>/danh-sach-can-bo", methods=["GET", "POST"])
@manager_required
def staff_import(code: str):
    """The unit's staff list replaced by an upload: by an organizer for any unit,
    by a manager for their own (``_unit_for_viewer``: 403 for another)."""
    unit = _unit_for_viewer(code)
    form = StaffImportForm()
    if not form.validate_on_submit():
        return _staff_page(unit, form, status=400 if form.is_submitted() else 200)
    upload = form.file.data
    try:
        records, errors = read_staff(upload.read(MAX_UPLOAD_BYTES + 1), _read_phone)
    except SpreadsheetError as error:
        form.file.errors.append(error.message)
        return _staff_page(unit, form, status=400)
    if errors:
        return _staff_page(unit, form, errors=errors, status=400)
    count = replace_staff(unit, records, current_user, (upload.filename or "")[:200])
    flash(f"Đã nhập danh sách {number(count)} cán bộ của {unit.name}, thay danh sách trước đó.",
          "success")
    return redirect(url_for("unit_results.absentees", code=unit.code))


def _read_phone(text: str) -> str | None:
    """A staff list's phone as accounts keep it, or None when it is not a mobile number."""
    phone = normalize_phone(text)
    return phone if is_valid_mobile(phone) else None


def _staff_page(unit: Unit, form: StaffImportForm, errors=(), status: int = 200):
    return render_template("rankings/unit_staff_import.html", unit=unit, form=form,
                           errors=errors, staff_count=len(staff_of(unit.id))), status


@bp.route("/don-vi/<code>/danh-sach-can-bo/mau.xlsx")
@manager_required
def staff_template(code: str):
    _unit_for_viewer(code)
    return send_xlsx(staff_template_workbook(), "mau-danh-sach-can-bo.xlsx")


@bp.route("/quan-tri/don-vi")
@organizer_required
@reads_from_replica
def all_units():
    contest = contest_or_404()
    scope, kind = scope_arg(contest), unit_kind_arg()
    audiences = tuple(a for a in request.args.getlist("doi-tuong") if a in AUDIENCES)
    standings = unit_standings(scope, kind, contest.unit_min_rate, audiences)
    return render_template("rankings/organizer_units.html", contest=contest, scope=scope,
                           kind=kind, kinds=UNIT_KINDS, audiences=AUDIENCES,
                           chosen=audiences, standings=standings)
