"""A forgotten password: ask for a link by e-mail, then set a new password with it."""
from flask import Blueprint, flash, redirect, render_template, request, url_for

from contest.accounts.forms import ForgotPasswordForm, NewPasswordForm
from contest.accounts.rules.identifiers import canonical_identifier
from contest.accounts.services import reset
from contest.extensions import limiter
from contest.mailer import mail_enabled

bp = Blueprint("password_reset", __name__)


def _address_key() -> str:
    """At most a few links an hour to one mailbox, whoever asks (and whether or not
    an account has that address: the limit must not tell either)."""
    return "reset:" + canonical_identifier(request.form.get("email", "")[:1000])[:254]


@bp.route("/quen-mat-khau", methods=["GET", "POST"])
@limiter.limit("3 per hour", key_func=_address_key, methods=["POST"])
# Per IP, generous: a whole agency shares one address behind its NAT.
@limiter.limit("60 per hour", methods=["POST"])
def forgot():
    if not mail_enabled():  # the page says whom to ask instead
        return render_template("accounts/forgot_password.html", form=None)
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        reset.request_reset(form.email.data)
        return redirect(url_for("password_reset.sent"))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/forgot_password.html", form=form), status


@bp.route("/quen-mat-khau/da-gui")
def sent():
    return render_template("accounts/reset_sent.html", minutes=reset.LINK_MINUTES)


@bp.route("/dat-lai-mat-khau/<token>", methods=["GET", "POST"])
@limiter.limit("300 per minute", methods=["POST"])
def reset_password(token: str):
    try:
        # the page, or the form's errors: only for a good link
        form = NewPasswordForm(person=reset.user_for_token(token))
        if form.validate_on_submit():
            reset.complete_reset(token, form.password.data)
            flash("Đã đặt mật khẩu mới. Vui lòng đăng nhập bằng mật khẩu mới.", "success")
            return redirect(url_for("accounts.login"))
    except reset.ResetLinkInvalid as error:
        return _private(render_template("accounts/reset_invalid.html", message=error.message), 400)
    status = 422 if form.is_submitted() else 200
    return _private(render_template("accounts/reset_password.html", form=form), status)


def _private(body: str, status: int):
    """The link is a password for 30 minutes: kept out of caches and Referer headers."""
    return body, status, {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
