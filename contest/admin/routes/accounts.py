"""Accounts the organizer (and the admin) manage."""
from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from contest.access import organizer_required
from contest.accounts import queries
from contest.accounts.models import GENDERS, ROLE_LABELS
from contest.accounts.rules.permissions import ensure_may_manage, may_grant, may_manage
from contest.accounts.services import bulk, bulk_results, management
from contest.accounts.services.accounts import DuplicateAccount
from contest.accounts.services.extra_time import set_time_limit_percent, time_limit_label
from contest.admin.forms.accounts import (
    BulkCreateForm, CorrectionForm, ExtraTimeForm, LockForm, ResetPasswordForm, RoleForm,
    UnitManagerForm, UnlockForm,
)
from contest.admin.queries.audit import describe
from contest.audiences import AUDIENCES
from contest.downloads import send_xlsx
from contest.paging import page_arg
from contest.quiz.queries.attempts import attempts_of
from contest.spreadsheets import SpreadsheetError

bp = Blueprint("account_admin", __name__, url_prefix="/quan-tri/tai-khoan")


@bp.route("/")
@organizer_required
def index():
    filters = queries.AccountFilter.from_args(request.args)
    page = page_arg("trang")
    return render_template("accounts/admin/list.html", filters=filters,
                           pagination=queries.page_of_accounts(filters, page),
                           units=queries.units_for_select(), role_labels=ROLE_LABELS)


@bp.route("/<int:user_id>")
@organizer_required
def person(user_id: int):
    return _person_page(management.get_user(user_id))


def _person_page(user, status: int = 200, **forms):
    units = queries.units_for_select(include_inactive=False)
    forms = {"reset_form": ResetPasswordForm(formdata=None), "lock_form": LockForm(formdata=None),
             "unlock_form": UnlockForm(formdata=None), "role_form": RoleForm(formdata=None),
             "manager_form": UnitManagerForm(units, formdata=None, data={
                 "unit_id": str(user.managed_unit_id or user.unit_id)}),
             "extra_time_form": ExtraTimeForm(
                 formdata=None, data={"percent": str(user.time_limit_percent or 100)})} | forms
    return render_template(
        "accounts/admin/person.html", user=user, attempts=attempts_of(user, queries.HISTORY_LIMIT),
        audit_rows=describe(entry for entry, *_ in queries.audit_about(user)), role_labels=ROLE_LABELS, genders=GENDERS,
        audiences=AUDIENCES, may_manage=may_manage(current_user, user),
        time_limit_label=time_limit_label,
        grantable=[(key, label) for key, label in ROLE_LABELS.items() if may_grant(current_user, key)],
        **forms,
    ), status


def _back(user):
    return redirect(url_for("account_admin.person", user_id=user.id))


def _refused(user, form_name: str, form):
    """A form that did not validate: the person's page again, its errors shown."""
    flash("Chưa thực hiện: vui lòng kiểm tra lại thông tin trong biểu mẫu.", "danger")
    return _person_page(user, 400, **{form_name: form})


@bp.route("/<int:user_id>/dat-lai-mat-khau", methods=["POST"])
@organizer_required
def reset_password(user_id: int):
    user = management.get_user(user_id)
    form = ResetPasswordForm()
    if not form.validate_on_submit():
        return _refused(user, "reset_form", form)
    password = management.reset_password(user, current_user)
    response = Response(render_template("accounts/admin/password.html", user=user,
                                        password=password))
    response.headers["Cache-Control"] = "no-store"
    return response


def _act_on_person(user_id: int, form_name: str, form, act, message):
    """A person-page action: the form checked, the service called, the person's
    page again with ``message(user)`` (or the form's errors, 400)."""
    user = management.get_user(user_id)
    if not form.validate_on_submit():
        return _refused(user, form_name, form)
    act(user, form)
    category, text = message(user)
    flash(text, category)
    return _back(user)


@bp.route("/<int:user_id>/khoa", methods=["POST"])
@organizer_required
def lock(user_id: int):
    return _act_on_person(
        user_id, "lock_form", LockForm(),
        lambda user, form: management.lock(user, form.reason.data, current_user),
        lambda user: ("warning", f"Đã khóa tài khoản {user.full_name}."))


@bp.route("/<int:user_id>/mo-khoa", methods=["POST"])
@organizer_required
def unlock(user_id: int):
    return _act_on_person(
        user_id, "unlock_form", UnlockForm(),
        lambda user, form: management.unlock(user, form.reason.data, current_user),
        lambda user: ("success", f"Đã mở khóa tài khoản {user.full_name}."))


@bp.route("/<int:user_id>/vai-tro", methods=["POST"])
@organizer_required
def change_role(user_id: int):
    return _act_on_person(
        user_id, "role_form", RoleForm(),
        lambda user, form: management.change_role(user, form.role.data, current_user),
        lambda user: ("success", f"Đã đổi vai trò của {user.full_name} thành "
                                 f"{ROLE_LABELS[user.role]}."))


@bp.route("/<int:user_id>/thoi-gian-lam-bai", methods=["POST"])
@organizer_required
def extra_time(user_id: int):
    return _act_on_person(
        user_id, "extra_time_form", ExtraTimeForm(),
        lambda user, form: set_time_limit_percent(user, int(form.percent.data),
                                                  form.reason.data, current_user),
        lambda user: ("success", f"Thời gian làm bài của {user.full_name}: "
                                 f"{time_limit_label(user.time_limit_percent).lower()}."))


@bp.route("/<int:user_id>/lanh-dao-don-vi", methods=["POST"])
@organizer_required
def make_unit_manager(user_id: int):
    user = management.get_user(user_id)
    form = UnitManagerForm(queries.units_for_select(include_inactive=False))
    if not form.validate_on_submit():
        return _refused(user, "manager_form", form)
    management.make_unit_manager(user, int(form.unit_id.data), current_user)
    flash(f"{user.full_name} là lãnh đạo đơn vị {user.unit.name}.", "success")
    return _back(user)


@bp.route("/<int:user_id>/sua", methods=["GET", "POST"])
@organizer_required
def correct(user_id: int):
    user = management.get_user(user_id)
    ensure_may_manage(current_user, user)
    units = _correction_units(user)
    form = CorrectionForm(units, data=None if request.method == "POST" else {
        "full_name": user.full_name, "date_of_birth": user.date_of_birth,
        "unit_id": str(user.unit_id)})
    if form.validate_on_submit():
        try:
            changed = management.correct_profile(
                user, full_name=form.full_name.data, date_of_birth=form.date_of_birth.data,
                unit_id=int(form.unit_id.data), reason=form.reason.data, actor=current_user)
        except management.NothingChanged as error:
            form.full_name.errors.append(error.message)
        else:
            flash(f"Đã sửa {len(changed)} thông tin của {user.full_name}.", "success")
            return _back(user)
    status = 400 if form.is_submitted() else 200
    return render_template("accounts/admin/correct.html", user=user, form=form), status


def _correction_units(user):
    """Active units, and the person's own even if it is no longer active."""
    units = queries.units_for_select(include_inactive=False)
    return units if any(u.id == user.unit_id for u in units) else [user.unit, *units]


@bp.route("/tao-hang-loat", methods=["GET", "POST"])
@organizer_required
def bulk_create():
    """An upload creates the new people's accounts and leads to its result page
    (303); one that creates none is answered here: the people already there, the
    refused rows (400 when there are some)."""
    bulk_results.purge_expired_results()
    form, checked = BulkCreateForm(), None
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            checked = bulk.check_workbook(upload.read())
            if checked.new:
                result = bulk_results.create_accounts(checked, current_user, upload.filename)
                return redirect(url_for("account_admin.bulk_result", public_id=result.public_id),
                                303)
        except (SpreadsheetError, DuplicateAccount) as error:  # unreadable; sent twice at once
            form.file.errors.append(error.message)
            checked, status = None, error.status_code
        else:
            status = 400 if checked.refused else 200
    return render_template("accounts/admin/bulk.html", form=form, checked=checked,
                           max_rows=bulk.MAX_ROWS), status


@bp.route("/tao-hang-loat/ket-qua/<public_id>")
@organizer_required
def bulk_result(public_id: str):
    bulk_results.purge_expired_results()
    result = bulk_results.result_for(public_id, current_user)
    return render_template("accounts/admin/bulk_result.html", result=result,
                           kept_minutes=bulk_results.RESULT_KEPT.seconds // 60)


@bp.route("/tao-hang-loat/ket-qua/<public_id>/mat-khau.xlsx")
@organizer_required
def bulk_passwords(public_id: str):
    bulk_results.purge_expired_results()  # a workbook past its time is never handed out
    result = bulk_results.result_for(public_id, current_user)
    return send_xlsx(bulk_results.password_workbook(result, current_user),
                     bulk_results.DOWNLOAD_NAME)


@bp.route("/tao-hang-loat/mau.xlsx")
@organizer_required
def bulk_template():
    return send_xlsx(bulk.template_workbook(), "mau-tao-tai-khoan.xlsx")
