from flask import (Blueprint, abort, flash, jsonify, make_response, redirect, render_template,
                   request, url_for)
from flask_login import current_user, login_required

from contest.caching import cached_html
from contest.contests.services import get_round
from contest.quiz import prediction, saving, services
from contest.quiz.forms import StartForm, SubmitForm, answers_from_form
from contest.quiz.queries import attempt_summary, items_with_questions, user_history
from contest.quiz.quiz_page import quiz_items
from contest.rankings.public import my_standing

bp = Blueprint("quiz", __name__)


@bp.route("/dot-thi/<int:round_id>/bat-dau", methods=["POST"])
@login_required
def start(round_id: int):
    if not StartForm().validate_on_submit():
        abort(400)
    attempt = services.start_attempt(current_user, get_round(round_id), ip=request.remote_addr)
    return redirect(url_for("quiz.attempt", public_id=attempt.public_id))


@bp.route("/bai-thi/<public_id>")
@login_required
def attempt(public_id: str):
    attempt = services.get_own_attempt(public_id, current_user)
    if attempt.is_submitted:
        return redirect(url_for("quiz.result", public_id=public_id))
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
                   result_url=url_for("quiz.result", public_id=public_id))


@bp.route("/bai-thi/<public_id>/nop", methods=["POST"])
@login_required
def submit(public_id: str):
    attempt = services.get_own_attempt(public_id, current_user)
    form = SubmitForm()
    if not form.validate_on_submit():
        if attempt.is_submitted:
            return redirect(url_for("quiz.result", public_id=public_id))
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
    return redirect(url_for("quiz.result", public_id=public_id))


@bp.route("/bai-thi/<public_id>/ket-qua")
@login_required
def result(public_id: str):
    attempt = services.get_own_attempt(public_id, current_user, with_round=True)
    if not attempt.is_submitted:
        return redirect(url_for("quiz.attempt", public_id=public_id))
    summary = attempt_summary(attempt)
    return render_template("quiz/result.html", summary=summary,
                           review_html=_review_html(attempt) if summary.review.shown else None,
                           standing=my_standing(current_user, attempt.round))


REVIEW_CACHE_SECONDS = 600


def _review_html(attempt) -> str:
    """Every answer and explanation of the attempt, called only once the key rule
    (``contests.key_rule.attempt_review``, read from the database on each view)
    has said they may be shown. The body depends on the attempt alone (a drawn
    question version never changes), so a cached copy cannot outlive that rule."""
    return cached_html(f"review:{attempt.id}", REVIEW_CACHE_SECONDS, lambda: render_template(
        "quiz/_review.html", items=items_with_questions(attempt.id)))


@bp.route("/lich-su")
@login_required
def history():
    rounds = user_history(current_user)
    standings = {round_.id: my_standing(current_user, round_) for round_, _ in rounds}
    return render_template("quiz/history.html", rounds=rounds, standings=standings)


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
