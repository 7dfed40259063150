from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from contest.accounts.forms import LoginForm, RegistrationForm
from contest.accounts.services import login_challenge
from contest.accounts.services.accounts import AccountLocked, DuplicateAccount, end_sessions
from contest.accounts.services.consent import CONSENT_VERSION, consent_points
from contest.accounts.services.known_device import remember_device
from contest.accounts.services.login_limits import (
    LoginThrottled, authenticate_within_limits, needs_challenge,
)
from contest.accounts.services.registration import register as register_account
from contest.extensions import limiter
from contest.units.queries import all_units

bp = Blueprint("accounts", __name__)
# The phone a registration found already registered: the login form shows it once.
# Kept in the session, not in the link: a phone in a URL stays in the server's logs
# and in the history of an agency's shared computer.
LOGIN_HINT = "login_hint"


def _start_session(user, remember: bool = False) -> None:
    """A new session for ``user``: whatever the browser's session held before is
    dropped (no session fixation); it lasts PERMANENT_SESSION_LIFETIME after the
    last request (each request renews it, so an attempt is never cut)."""
    session.clear()
    session.permanent = True
    login_user(user, remember=remember)


def _safe_next(target: str | None) -> str:
    """A path of this site to go back to after logging in, else the home page.
    Refused: another site ("//x", or a backslash, which browsers read as a slash)
    and any control or invisible character (CR/LF would split the Location
    header; browsers drop a tab, so "/<tab>/x" would become "//x")."""
    if (target and target.startswith("/") and not target.startswith("//")
            and target.isprintable() and "\\" not in target and not urlsplit(target).netloc):
        return target
    return url_for("site.home")


@bp.route("/dang-ky", methods=["GET", "POST"])
# Generous per IP: a training room of one agency registers together behind one NAT.
@limiter.limit("300 per minute", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("site.home"))
    units = all_units()
    form = RegistrationForm(units)
    if form.validate_on_submit():
        try:
            made = register_account(
                full_name=form.full_name.data, date_of_birth=form.date_of_birth.data,
                gender=form.gender.data, phone=form.phone.data, email=form.email.data,
                cccd=form.cccd.data, audience=form.audience.data,
                unit_id=int(form.unit_id.data), password=form.password.data,
                consent_version=CONSENT_VERSION,
            )
        except DuplicateAccount:  # the phone, taken since the form checked it
            form.phone.errors.append(form.refuse_taken_phone())
        else:
            _start_session(made.user)
            flash("Đăng ký thành công. Chúc bạn làm bài tốt!", "success")
            for message in made.messages():
                flash(message, "warning")
            return redirect(url_for("site.home"))
    if form.taken_phone:  # the page links to the login: it shows this phone
        session[LOGIN_HINT] = form.taken_phone
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/register.html", form=form, units=units,
                           consent_points=consent_points()), status


@bp.route("/dang-nhap", methods=["GET", "POST"])
def login():
    """Limits on failures only, per account and per address (``login_limits``):
    the person with the right password gets in from a known device, or after a
    proof of work when their address is flooded."""
    if current_user.is_authenticated:
        return redirect(url_for("site.home"))
    form = LoginForm(identifier=session.pop(LOGIN_HINT, None))
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        try:
            user = authenticate_within_limits(form.identifier.data, form.password.data,
                                              request.form.get("challenge"), request.form.get("answer"))
        except (AccountLocked, LoginThrottled) as refused:
            form.identifier.errors.append(refused.message)
            status = refused.status_code
        else:
            if user is not None:
                _start_session(user, remember=form.remember.data)
                response = redirect(_safe_next(request.args.get("next")))
                remember_device(response, user.id)
                return response
            form.password.errors.append("Số điện thoại/email hoặc mật khẩu không đúng.")
    return _login_page(form, status)


def _login_page(form: LoginForm, status: int):
    """The form, with a proof-of-work challenge when this address must pass one."""
    challenge = login_challenge.new_challenge() if needs_challenge() else None
    return render_template("accounts/login.html", form=form, challenge=challenge,
                           bits=login_challenge.difficulty()), status


@bp.route("/dang-xuat", methods=["POST"])
@login_required
def logout():
    """Ends every session of this person, on every device, and their remember cookies."""
    end_sessions(current_user._get_current_object())
    logout_user()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("site.home"))
