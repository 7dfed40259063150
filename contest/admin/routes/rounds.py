"""Organizer pages of a round: its settings (create, edit with the lock rules)
and its lifecycle buttons. Part of the ``contest_admin`` blueprint."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from contest.access import organizer_required
from contest.admin.forms.contests import (
    TOPICS_SHOWN, CloseEarlyForm, ExtendForm, RoundForm, add_problems, error_messages,
    posted_round_form, round_form_data, round_settings, round_topics_kept, with_topic_choices,
)
from contest.admin.routes.blueprint import bp
from contest.admin.rules import schedule_problems
from contest.admin.services import lifecycle, rounds as rounds_admin, settings
from contest.contests.models import PREDICTION_KINDS
from contest.contests.queries.contests import get_any_round
from contest.errors import Conflict
from contest.forms import CsrfForm

ROUND_FIELDS = {"time_limit_seconds": "time_limit_minutes"}  # service problem -> form field


def _round_form_page(form, contest, round_=None, locked=None, status: int | None = None):
    status = status or (400 if form.is_submitted() else 200)
    return render_template("contests/admin/round_form.html", form=form, contest=contest,
                           round=round_, locked=locked or {}, kinds=PREDICTION_KINDS,
                           topics_shown=TOPICS_SHOWN), status


@bp.route("/<int:contest_id>/dot-thi/moi", methods=["GET", "POST"])
@organizer_required
def create_round(contest_id: int):
    contest = settings.get_contest(contest_id)
    form = with_topic_choices(RoundForm() if request.method == "POST" else RoundForm(data={
        "number": rounds_admin.next_number(contest), "questions_per_attempt": 20,
        "time_limit_minutes": 20, "max_attempts": 3, "prediction_kind": contest.prediction_kind,
        "prediction_question": PREDICTION_KINDS[contest.prediction_kind],
    }), contest)
    if form.validate_on_submit():
        try:
            round_ = rounds_admin.create_round(contest, form.settings(), current_user)
        except rounds_admin.InvalidRound as error:
            add_problems(form, error.problems, ROUND_FIELDS)
        else:
            flash(f"Đã tạo {round_.name} (bản nháp). Kiểm tra rồi bấm “Công bố lịch”.", "success")
            return redirect(url_for("contest_admin.round_console", round_id=round_.id))
    return _round_form_page(form, contest)


@bp.route("/dot-thi/<int:round_id>/sua", methods=["GET", "POST"])
@organizer_required
def edit_round(round_id: int):
    round_ = get_any_round(round_id)
    locked = rounds_admin.locked_fields(round_)
    kept = round_topics_kept(round_)
    if request.method != "POST":
        form = with_topic_choices(RoundForm(data=round_form_data(round_)), round_.contest, kept)
        return _round_form_page(form, round_.contest, round_, locked)
    form, absent = posted_round_form(request.form, round_, locked)
    with_topic_choices(form, round_.contest, kept)
    if form.validate_on_submit():
        try:
            rounds_admin.update_round(round_, round_settings(form, round_, absent), current_user)
        except rounds_admin.InvalidRound as error:
            add_problems(form, error.problems, ROUND_FIELDS)
        except Conflict as error:
            flash(error.message, "danger")
            return _round_form_page(form, round_.contest, round_, locked, error.status_code)
        else:
            flash("Đã lưu cài đặt đợt thi.", "success")
            return redirect(url_for("contest_admin.round_console", round_id=round_.id))
    return _round_form_page(form, round_.contest, round_, locked)


# --- the round's page and its lifecycle ------------------------------------

@bp.route("/dot-thi/<int:round_id>")
@organizer_required
def round_console(round_id: int):
    return _console_page(get_any_round(round_id))


def _console_page(round_, status: int = 200, **forms):
    forms.setdefault("close_form", CloseEarlyForm(formdata=None))
    forms.setdefault("extend_form", ExtendForm(formdata=None, data={"closes_at": round_.closes_at}))
    state = lifecycle.status(round_)
    return render_template(
        "contests/admin/round.html", round=round_, contest=round_.contest, state=state,
        label=lifecycle.STATUS_LABELS[state], attempts=lifecycle.attempt_count(round_),
        problems=schedule_problems(round_) if state == "draft" else [],
        mixes=rounds_admin.mix_summary(round_),
        confirm_form=CsrfForm(), **forms,
    ), status


def _transition(round_id: int, action, success: str, form=None, form_name: str = ""):
    """Run a lifecycle action; a refusal shows the round's page with its message (409)."""
    round_ = get_any_round(round_id)
    form = form or CsrfForm()
    if not form.validate_on_submit():
        for error in error_messages(form):
            flash(error, "danger")
        return _console_page(round_, 400, **({form_name: form} if form_name else {}))
    try:
        action(round_, form)
    except Conflict as error:
        flash(error.message, "danger")
        return _console_page(round_, error.status_code)
    flash(success, "success")
    return redirect(url_for("contest_admin.round_console", round_id=round_id))


@bp.route("/dot-thi/<int:round_id>/cong-bo-lich", methods=["POST"])
@organizer_required
def schedule(round_id: int):
    return _transition(round_id, lambda r, _: lifecycle.schedule(r, current_user),
                       "Đã công bố lịch: đợt thi hiện trên trang cuộc thi và mở theo giờ đã đặt.")


@bp.route("/dot-thi/<int:round_id>/ve-ban-nhap", methods=["POST"])
@organizer_required
def unschedule(round_id: int):
    return _transition(round_id, lambda r, _: lifecycle.unschedule(r, current_user),
                       "Đã đưa đợt thi về bản nháp: công chúng không còn thấy đợt thi này.")


@bp.route("/dot-thi/<int:round_id>/dong-som", methods=["POST"])
@organizer_required
def close_early(round_id: int):
    return _transition(round_id, lambda r, _: lifecycle.close_early(r, current_user),
                       "Đã đóng đợt thi. Các lượt đang làm được nộp với câu trả lời đã lưu.",
                       CloseEarlyForm(), "close_form")


@bp.route("/dot-thi/<int:round_id>/gia-han", methods=["POST"])
@organizer_required
def extend(round_id: int):
    return _transition(
        round_id,
        lambda r, form: lifecycle.extend(r, form.closes_at.data, form.reason.data, current_user),
        "Đã gia hạn đợt thi.", ExtendForm(), "extend_form")
