"""A person's own profile page (/ho-so): details, password, and the link confirming a new e-mail."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user

from contest.accounts.forms import PasswordChangeForm, ProfileForm
from contest.accounts.rules.first_login import MUST_CHANGE_PASSWORD
from contest.accounts.services.accounts import DuplicateAccount
from contest.errors import DomainError
from contest.extensions import limiter
from contest.profile.services import details as profile, email_change

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
                           ask_the_organizer=profile.ASK_THE_ORGANIZER,
                           must_change_password=MUST_CHANGE_PASSWORD, **forms), status


@bp.route("/ho-so")
@login_required
def show():
    return _page()


def _mails_no_one() -> bool:
    """False when the submitted form asks for a new e-mail: a confirmation mail goes
    out to whatever address was typed. Other saves are not limited."""
    typed = request.form.get("email", "").strip().lower()
    return not typed or typed == (getattr(current_user, "email", None) or "")


@bp.route("/ho-so", methods=["POST"])
@login_required
@limiter.limit("5 per hour", key_func=lambda: f"email-change:{current_user.get_id()}",
               exempt_when=_mails_no_one)
def update():
    """A new e-mail is set aside and confirmed by mail (``email_change``); the rest,
    and an e-mail removed, apply at once."""
    form = _profile_form(profile.prize_fields_locked(_me()))
    if form.validate_on_submit():
        try:
            values, new_email = email_change.set_aside_new_email(_me(), form.changes())
            changes = profile.update_profile(_me(), values)
        except DuplicateAccount:  # the phone, taken since the form checked it
            form.phone.errors.append(form.refuse_taken_phone())
        except DomainError as error:  # locked or a unit closed meanwhile, no mail to confirm
            flash(error.message, "danger")
            return _page(error.status_code)
        else:
            if new_email:
                email_change.request_change(_me(), new_email)
                flash(email_change.sent_message(new_email), "info")
            if changes or not new_email:
                flash("Đã lưu thông tin." if changes else "Không có thông tin nào thay đổi.",
                      "success" if changes else "info")
            return redirect(url_for("profile.show"))
    return _page(422, profile_form=form)


@bp.route("/ho-so/xac-nhan-email/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """The link mailed to a new address: a page to confirm (a mail scanner opening
    the link changes nothing), then the change. Needs no login: the link is the proof."""
    try:
        _, email = email_change.pending_change(token)
        if request.method == "POST":
            email_change.confirm_change(token)
            flash(f"Đã đổi email của tài khoản thành {email}.", "success")
            return redirect(url_for("profile.show"))
    except DomainError as error:  # forged, expired, used, or the address taken since
        return render_template("accounts/confirm_email.html", message=error.message), error.status_code
    return render_template("accounts/confirm_email.html", email=email)


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
        except profile.SamePassword as error:
            form.password.errors.append(error.message)
        else:
            login_user(_me())  # this device stays logged in, under the new session version
            flash("Đã đổi mật khẩu.", "success")
            return redirect(url_for("profile.show"))
    return _page(422, password_form=form)
