"""Units the organizer manages: list, search, create, edit, deactivate, import,
load a province's communes and wards."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from contest.access import organizer_required
from contest.accounts.queries import account_counts
from contest.downloads import send_xlsx
from contest.paging import page_arg
from contest.spreadsheets import SpreadsheetError
from contest.units import loading, services
from contest.units.formats import list_workbook, read_units, template_workbook
from contest.units.provinces import IN_FORCE_SINCE
from contest.units.forms import ConfirmForm, ImportForm, UnitForm
from contest.units.models import UNIT_KINDS
from contest.units.province_forms import ProvinceForm
from contest.units.queries import UnitFilter, every_unit, page_of_units

bp = Blueprint("unit_admin", __name__, url_prefix="/quan-tri/danh-muc-don-vi")


@bp.route("/")
@organizer_required
def index():
    filters = UnitFilter.from_args(request.args)
    page = page_arg("trang")
    pagination = page_of_units(filters, page)
    return render_template("units/list.html", pagination=pagination, filters=filters,
                           kinds=UNIT_KINDS,
                           accounts=account_counts([unit.id for unit in pagination.items]))


@bp.route("/moi", methods=["GET", "POST"])
@organizer_required
def create():
    form = UnitForm()
    if form.validate_on_submit():
        unit = services.create_unit(form.record(), current_user)
        flash(f"Đã thêm đơn vị {unit.code} — {unit.name}.", "success")
        return redirect(url_for("unit_admin.edit", unit_id=unit.id))
    return _form_page(form, None)


@bp.route("/<int:unit_id>/sua", methods=["GET", "POST"])
@organizer_required
def edit(unit_id: int):
    unit = services.get_unit(unit_id)
    form = UnitForm(obj=unit, unit=unit)
    if form.validate_on_submit():
        if services.update_unit(unit, form.record(), current_user):
            flash(f"Đã lưu đơn vị {unit.code}.", "success")
        else:
            flash("Không có thay đổi nào để lưu.", "info")
        return redirect(url_for("unit_admin.edit", unit_id=unit.id))
    return _form_page(form, unit)


def _form_page(form: UnitForm, unit, confirm_form: ConfirmForm | None = None, status: int | None = None):
    if status is None:
        status = 400 if form.is_submitted() else 200
    accounts = account_counts([unit.id]).get(unit.id, 0) if unit else 0
    return render_template("units/form.html", form=form, unit=unit, accounts=accounts,
                           confirm_form=confirm_form or ConfirmForm(formdata=None)), status


@bp.route("/<int:unit_id>/ngung-hoat-dong", methods=["POST"])
@organizer_required
def deactivate(unit_id: int):
    return _set_active(unit_id, active=False)


@bp.route("/<int:unit_id>/hoat-dong-lai", methods=["POST"])
@organizer_required
def reactivate(unit_id: int):
    return _set_active(unit_id, active=True)


def _set_active(unit_id: int, active: bool):
    unit = services.get_unit(unit_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _form_page(UnitForm(formdata=None, obj=unit, unit=unit), unit, form, status=400)
    services.set_active(unit, active, current_user)
    if active:
        flash(f"Đơn vị {unit.code} hoạt động trở lại và nhận đăng ký mới.", "success")
    else:
        flash(f"Đã ngừng hoạt động đơn vị {unit.code}: không nhận đăng ký mới; "
              "lịch sử và tài khoản được giữ nguyên.", "warning")
    return redirect(url_for("unit_admin.edit", unit_id=unit.id))


@bp.route("/nhap-excel", methods=["GET", "POST"])
@organizer_required
def import_excel():
    form = ImportForm()
    if not form.validate_on_submit():
        return _import_page(form, status=400 if form.is_submitted() else 200)
    upload = form.file.data
    try:
        rows, errors = read_units(upload.read())
    except SpreadsheetError as error:
        form.file.errors.append(error.message)
        return _import_page(form, status=400)
    if errors:
        return _import_page(form, errors=errors, status=400)
    plan = services.plan_import([record for _, record in rows])
    if not form.dry_run.data:
        services.apply_import(plan, current_user, (upload.filename or "")[:200])
    return render_template("units/import_result.html", plan=plan, kinds=UNIT_KINDS,
                           applied=not form.dry_run.data, filename=upload.filename)


def _import_page(form: ImportForm, errors=(), status: int = 200):
    return render_template("units/import.html", form=form, errors=errors), status


@bp.route("/nap-theo-tinh", methods=["GET", "POST"])
@organizer_required
def load_province():
    """A province's communes and wards (and the standard agencies) in one step."""
    form = ProvinceForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("units/province.html", form=form,
                               in_force_since=IN_FORCE_SINCE), status
    province = loading.province_or_refuse(form.province.data)
    load = loading.load_province(province, form.with_agencies.data, current_user)
    flash(load.summary, "success" if load.added else "info")
    return redirect(url_for("unit_admin.index"))


@bp.route("/mau.xlsx")
@organizer_required
def template():
    return send_xlsx(template_workbook(), "mau-danh-muc-don-vi.xlsx")


@bp.route("/danh-sach.xlsx")
@organizer_required
def export():
    return send_xlsx(list_workbook(every_unit(), account_counts()), "danh-muc-don-vi.xlsx")
