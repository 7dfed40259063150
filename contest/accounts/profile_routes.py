"""A person's own profile page (/ho-so): details and password."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from contest.accounts import profile
from contest.accounts.forms import PasswordChangeForm, ProfileForm
from contest.accounts.services import DuplicateAccount
from contest.errors import DomainError
from contest.extensions import limiter

bp = Blueprint("profile", __name__)


def _me():
    return current_user._get_current_object()


def _profile_form(locked: bool, **kwargs) -> ProfileForm:
    return ProfileForm(profile.units_for(_me()), _me(), locked, **kwargs)


def _page(status: int = 200, **forms):
    locked = profile.prize_fields_locked(_me())
    forms = {"profile_form": _profile_form(locked, formdata=None, obj=_me()),
             "password_form": PasswordChangeForm(formdata=None)} | forms
    return render_template("accounts/profile.html", user=_me(), locked=locked,
                           unit_locked=profile.unit_locked(_me()),
                           unit_set_by_organizer=profile.UNIT_SET_BY_ORGANIZER,
                           ask_the_organizer=profile.ASK_THE_ORGANIZER, **forms), status


@bp.route("/ho-so")
@login_required
def show():
    return _page()


@bp.route("/ho-so", methods=["POST"])
@login_required
def update():
    form = _profile_form(profile.prize_fields_locked(_me()))
    if form.validate_on_submit():
        try:
            changes = profile.update_profile(_me(), form.changes())
        except DuplicateAccount as error:
            form.phone.errors.append(error.message)
        except DomainError as error:  # locked meanwhile, a unit closed meanwhile
            flash(error.message, "danger")
            return _page(error.status_code)
        else:
            flash("Đã lưu thông tin." if changes else "Không có thông tin nào thay đổi.",
                  "success" if changes else "info")
            return redirect(url_for("profile.show"))
    return _page(422, profile_form=form)


@bp.route("/ho-so/mat-khau", methods=["POST"])
@login_required
@limiter.limit("10 per minute", key_func=lambda: f"password-change:{current_user.get_id()}")
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            profile.change_password(_me(), form.current_password.data, form.password.data)
        except profile.WrongPassword as error:
            form.current_password.errors.append(error.message)
        else:
            flash("Đã đổi mật khẩu.", "success")
            return redirect(url_for("profile.show"))
    return _page(422, password_form=form)
