"""The organizer console: contests, their branding and prize groups (here),
rounds and their lifecycle (``round_routes``). The factory registers ``bp``
from here; importing ``round_routes`` adds the rounds' pages to it."""
from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from contest.access import organizer_required
from contest.admin.forms.contests import (
    SESSION_EXPIRED, ContestForm, GroupForm, LogoForm, add_problems, with_scope_choices,
    with_topic_choices,
)
from contest.admin.routes import rounds as round_routes  # noqa: F401  (its routes join bp)
from contest.admin.routes.blueprint import bp
from contest.admin.services import lifecycle, prize_groups as group_admin, settings
from contest.audiences import AUDIENCES
from contest.contests import services as branding
from contest.contests.documents import poster
from contest.contests.models import PRIZES
from contest.contests.rules.scopes import bank_has_questions, scope_label
from contest.downloads import send_download
from contest.errors import Conflict
from contest.forms import CsrfForm
from contest.key_lists import keys_of
from contest.links import absolute_url


@bp.route("")
@organizer_required
def index():
    return render_template("contests/admin/index.html", contests=settings.all_contests(),
                           status=lifecycle.status, labels=lifecycle.STATUS_LABELS)


@bp.route("/moi", methods=["GET", "POST"])
@organizer_required
def create():
    form = with_scope_choices(ContestForm())
    if form.validate_on_submit():
        try:
            contest = settings.create_contest(form.settings(), current_user)
        except settings.InvalidContest as error:
            add_problems(form, error.problems)
        else:
            flash(f"Đã tạo cuộc thi “{contest.name}”. Hãy thêm các đợt thi.", "success")
            return redirect(url_for("contest_admin.edit", contest_id=contest.id))
    return _form_page("contests/admin/create.html", form=form, bank_empty=not bank_has_questions())


@bp.route("/<int:contest_id>", methods=["GET", "POST"])
@organizer_required
def edit(contest_id: int):
    contest = settings.get_contest(contest_id)
    form = with_scope_choices(
        ContestForm() if request.method == "POST" else ContestForm(obj=contest), contest)
    if form.validate_on_submit():
        try:
            settings.update_contest(contest, form.settings(), current_user)
        except settings.InvalidContest as error:
            add_problems(form, error.problems)
        else:
            flash("Đã lưu cài đặt cuộc thi.", "success")
            return redirect(url_for("contest_admin.edit", contest_id=contest.id))
    return _edit_page(contest, form=form)


def _edit_page(contest, status: int | None = None, **forms):
    # formdata=None: forms not posted show the stored values, not this request's.
    forms.setdefault("form", with_scope_choices(ContestForm(formdata=None, obj=contest), contest))
    forms.setdefault("logo_form", LogoForm(formdata=None))
    submitted = any(form.is_submitted() for form in forms.values())
    return render_template(
        "contests/admin/edit.html", contest=contest, confirm_form=CsrfForm(),
        groups=group_admin.groups_of(contest), groups_locked=group_admin.groups_locked(contest),
        unassigned=group_admin.unassigned_audiences(contest), audiences=AUDIENCES,
        prizes=PRIZES, status=lifecycle.status, labels=lifecycle.STATUS_LABELS,
        logo_version=branding.logo_version(contest.logo_updated_at),
        scopes_in_use=settings.has_attempts(contest), scope_label=scope_label,
        public_link=absolute_url("site.home"), **forms,
    ), status or (400 if submitted else 200)


def _form_page(template: str, status: int | None = None, **context):
    submitted = context["form"].is_submitted()
    return render_template(template, **context), status or (400 if submitted else 200)


# --- logo ------------------------------------------------------------------

@bp.route("/<int:contest_id>/logo", methods=["POST"])
@organizer_required
def upload_logo(contest_id: int):
    contest = settings.get_contest(contest_id)
    form = LogoForm()
    if form.validate_on_submit():
        try:
            branding.set_logo(contest, form.logo.data.read(), current_user)
        except branding.InvalidLogo as error:
            form.logo.errors = [*form.logo.errors, error.message]
        else:
            flash("Đã cập nhật logo.", "success")
            return redirect(url_for("contest_admin.edit", contest_id=contest.id))
    return _edit_page(contest, logo_form=form, status=400)


@bp.route("/<int:contest_id>/logo/xoa", methods=["POST"])
@organizer_required
def remove_logo(contest_id: int):
    contest = settings.get_contest(contest_id)
    if not CsrfForm().validate_on_submit():
        flash(SESSION_EXPIRED, "danger")
        return _edit_page(contest, status=400)
    branding.remove_logo(contest, current_user)
    flash("Đã xóa logo.", "success")
    return redirect(url_for("contest_admin.edit", contest_id=contest.id))


# --- QR poster (a download that changes nothing: role-checked, not audited) -

@bp.route("/<int:contest_id>/ap-phich.pdf")
@organizer_required
def poster_pdf(contest_id: int):
    return _poster(contest_id, "pdf")


@bp.route("/<int:contest_id>/ap-phich.png")
@organizer_required
def poster_png(contest_id: int):
    return _poster(contest_id, "png")


def _poster(contest_id: int, kind: str) -> Response:
    contest = settings.get_contest(contest_id)
    data = poster.render(contest, absolute_url("site.home"), kind)
    return send_download(data, f"ap-phich-{contest.slug}.{kind}", poster.FORMATS[kind])


# --- prize groups -----------------------------------------------------------

@bp.route("/<int:contest_id>/bang-giai/moi", methods=["GET", "POST"])
@organizer_required
def add_group(contest_id: int):
    contest = settings.get_contest(contest_id)
    form = with_topic_choices(GroupForm() if request.method == "POST" else GroupForm(data={
        "first": 1, "second": 2, "third": 3, "consolation": 5}), contest)
    if form.validate_on_submit():
        return _save_group(contest, form, None)
    return _group_page(contest, form, None)


@bp.route("/<int:contest_id>/bang-giai/<int:group_id>", methods=["GET", "POST"])
@organizer_required
def edit_group(contest_id: int, group_id: int):
    contest = settings.get_contest(contest_id)
    group = group_admin.get_group(contest, group_id)
    form = GroupForm() if request.method == "POST" else GroupForm(data={
        "name": group.name, "audiences": list(group.audience_keys), **group.counts,
        "topics": list(keys_of(group.topics))})
    with_topic_choices(form, contest, keys_of(group.topics))
    if form.validate_on_submit():
        return _save_group(contest, form, group)
    return _group_page(contest, form, group)


def _save_group(contest, form, group):
    try:
        if group is None:
            group_admin.add_group(contest, form.settings(), current_user)
        else:
            group_admin.update_group(contest, group, form.settings(), current_user)
    except group_admin.InvalidGroup as error:
        add_problems(form, error.problems)
        return _group_page(contest, form, group)
    except Conflict as error:
        flash(error.message, "danger")
        return _group_page(contest, form, group, status=error.status_code)
    flash("Đã lưu bảng giải.", "success")
    return redirect(url_for("contest_admin.edit", contest_id=contest.id, _anchor="bang-giai"))


def _group_page(contest, form, group, status: int | None = None):
    return _form_page("contests/admin/group_form.html", status=status, form=form,
                      contest=contest, group=group,
                      locked=group_admin.groups_locked(contest))


@bp.route("/<int:contest_id>/bang-giai/<int:group_id>/xoa", methods=["POST"])
@organizer_required
def remove_group(contest_id: int, group_id: int):
    contest = settings.get_contest(contest_id)
    group = group_admin.get_group(contest, group_id)
    if not CsrfForm().validate_on_submit():
        flash(SESSION_EXPIRED, "danger")
        return _edit_page(contest, status=400)
    try:
        group_admin.remove_group(contest, group, current_user)
    except Conflict as error:
        flash(error.message, "danger")
        return _edit_page(contest, status=error.status_code)
    flash(f"Đã xóa {group.name}.", "success")
    return redirect(url_for("contest_admin.edit", contest_id=contest.id, _anchor="bang-giai"))

