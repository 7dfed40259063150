from flask import (
    Blueprint, abort, flash, jsonify, make_response, redirect, render_template, request, url_for,
)
from flask_login import current_user, login_required

from contest.contests.queries.contests import get_round
from contest.forms import CsrfForm
from contest.quiz.forms import SubmitForm, answers_from_form
from contest.quiz.queries.quiz_page import quiz_items
from contest.quiz.rules import prediction
from contest.quiz.services import attempts as services, saving

bp = Blueprint("quiz", __name__)


@bp.route("/dot-thi/<int:round_id>/bat-dau", methods=["POST"])
@login_required
def start(round_id: int):
    if not CsrfForm().validate_on_submit():
        abort(400)
    attempt = services.start_attempt(current_user, get_round(round_id), ip=request.remote_addr)
    return redirect(url_for("quiz.attempt", public_id=attempt.public_id))


@bp.route("/bai-thi/<public_id>")
@login_required
def attempt(public_id: str):
    attempt = services.get_own_attempt(public_id, current_user)
    if attempt.is_submitted:
        return redirect(url_for("my_results.result", public_id=public_id))
    return _render_quiz(attempt, SubmitForm())


def _render_quiz(attempt, form, status: int = 200):
    """The quiz page, never kept in the browser's history: Back after a submit asks
    the server again, which sends the result page instead of a quiz that looks live."""
    response = make_response(render_template(
        "quiz/attempt.html", attempt=attempt, form=form,
        items=quiz_items(attempt.id), remaining_ms=services.remaining_ms(attempt),
        fixed_prediction=prediction.fixed_for(attempt),
    ), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/api/bai-thi/<public_id>/trang-thai")
@login_required
def state(public_id: str):
    """Whether the attempt is still open, and its time left: asked by a quiz page
    the browser restored from its back/forward cache (JSON is sent ``no-store``)."""
    attempt = services.get_own_attempt(public_id, current_user)
    return jsonify(submitted=attempt.is_submitted,
                   remaining_ms=0 if attempt.is_submitted else services.remaining_ms(attempt),
                   result_url=url_for("my_results.result", public_id=public_id))


@bp.route("/bai-thi/<public_id>/nop", methods=["POST"])
@login_required
def submit(public_id: str):
    attempt = services.get_own_attempt(public_id, current_user)
    form = SubmitForm()
    if not form.validate_on_submit():
        if attempt.is_submitted:
            return redirect(url_for("my_results.result", public_id=public_id))
        message = "; ".join(form.prediction.errors) or "Phiên làm việc đã hết hạn, vui lòng tải lại trang."
        flash(message, "danger")
        return _render_quiz(attempt, form, 400)
    try:
        services.submit_attempt(attempt, form.prediction.data, answers_from_form(request.form))
    except prediction.PredictionRequired as error:
        # The quiz again, with the answers kept and the time still running.
        form.prediction.errors = [error.message]
        flash(error.message, "danger")
        return _render_quiz(attempt, form, error.status_code)
    return redirect(url_for("my_results.result", public_id=public_id))


@bp.route("/api/bai-thi/<public_id>/tra-loi", methods=["POST"])
@login_required
def save(public_id: str):
    """Save one answer ({"position", "choice"}) or the prediction ({"prediction"})."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        services.get_own_attempt(public_id, current_user)  # 404 before 400 for others' ids
        return jsonify(error="Dữ liệu gửi lên không hợp lệ."), 400
    if "prediction" in payload:
        saved = services.save_prediction(current_user, public_id, payload["prediction"])
    else:
        saved = saving.save_answer(current_user.id, public_id, payload.get("position"),
                                   payload.get("choice"))
    return jsonify(ok=True, saved_at=saved.at.isoformat(), remaining_ms=saved.remaining_ms)
