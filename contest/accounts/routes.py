from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from contest.accounts.forms import LoginForm, RegistrationForm
from contest.accounts.phone import normalize_phone
from contest.accounts.services import AccountLocked, DuplicateAccount, authenticate, register_user
from contest.extensions import limiter
from contest.units.services import all_units

bp = Blueprint("accounts", __name__)


def _login_key() -> str:
    """Throttle logins per account tried, not per IP: whole agencies share one NAT.
    A phone written another way ("+84 912…") counts as the same account."""
    identifier = request.form.get("identifier", "").strip()[:254]
    if "@" in identifier:
        return "login:" + identifier.lower()
    return "login:" + normalize_phone(identifier)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("contests.home")


@bp.route("/dang-ky", methods=["GET", "POST"])
# Generous per IP: a training room of one agency registers together behind one NAT.
@limiter.limit("300 per minute", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("contests.home"))
    units = all_units()
    form = RegistrationForm(units)
    if form.validate_on_submit():
        try:
            user = register_user(
                full_name=form.full_name.data, date_of_birth=form.date_of_birth.data,
                gender=form.gender.data, phone=form.phone.data, email=form.email.data,
                cccd=form.cccd.data, audience=form.audience.data,
                unit_id=int(form.unit_id.data), password=form.password.data,
            )
        except DuplicateAccount as error:
            form.phone.errors.append(error.message)
        else:
            login_user(user)
            flash("Đăng ký thành công. Chúc bạn làm bài tốt!", "success")
            return redirect(url_for("contests.home"))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/register.html", form=form, units=units), status


@bp.route("/dang-nhap", methods=["GET", "POST"])
@limiter.limit("10 per minute", key_func=_login_key, methods=["POST"])
@limiter.limit("300 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("contests.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.identifier.data, form.password.data)
        except AccountLocked as locked:
            form.identifier.errors.append(locked.message)
            return render_template("accounts/login.html", form=form), locked.status_code
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append("Số điện thoại/email hoặc mật khẩu không đúng.")
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/dang-xuat", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("contests.home"))
