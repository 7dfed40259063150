"""Practice pages: a set of questions whose answers are public, checked one by one
by the page's script (JSON) or all at once by the form (JavaScript off)."""
from flask import Blueprint, abort, jsonify, render_template, request
from flask_login import login_required

from contest.practice import services
from contest.practice.forms import PracticeForm
from contest.quiz.forms import answers_from_form

bp = Blueprint("practice", __name__)


@bp.route("/luyen-tap")
@login_required
def index():
    return _render(services.checked_items(services.new_set(), {}))


@bp.route("/luyen-tap", methods=["POST"])
@login_required
def check_set():
    form = PracticeForm()
    if not form.validate_on_submit():  # the CSRF token (refused before the view anyway)
        abort(400)
    questions = services.questions_in_pool(services.parse_ids(form.ids.data))
    return _render(services.checked_items(questions, answers_from_form(request.form)))


def _render(items):
    return render_template("practice/index.html", items=items, form=PracticeForm(formdata=None),
                           ids=",".join(str(item.question.id) for item in items))


@bp.route("/api/luyen-tap/kiem-tra", methods=["POST"])
@login_required
def check_one():
    """One answer ({"question_id", "choice"}): right or wrong, the correct option,
    the explanation and the source."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return jsonify(error="Dữ liệu gửi lên không hợp lệ."), 400
    feedback = services.check_answer(payload.get("question_id"), payload.get("choice"))
    question = feedback.question
    return jsonify(correct=feedback.is_correct, correct_index=feedback.correct_index,
                   correct_option=feedback.correct.text, explanation=question.explanation,
                   source=f"{question.source_document}, {question.source_part}",
                   html=render_template("practice/_feedback.html", feedback=feedback))
