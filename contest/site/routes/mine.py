"""A person's own pages that show an attempt with its place in the rankings:
the result of an attempt and the history of their rounds."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from contest.caching import cached_html
from contest.forms import CsrfForm
from contest.practice.services import practice_available
from contest.quiz.queries.attempts import attempt_summary, items_with_questions, user_history
from contest.quiz.services import attempts as services
from contest.rankings.queries.public import my_standing

bp = Blueprint("my_results", __name__)


@bp.route("/bai-thi/<public_id>/ket-qua")
@login_required
def result(public_id: str):
    attempt = services.get_own_attempt(public_id, current_user, with_round=True)
    if not attempt.is_submitted:
        return redirect(url_for("quiz.attempt", public_id=public_id))
    summary = attempt_summary(attempt)
    return render_template("quiz/result.html", summary=summary,
                           review_html=_review_html(attempt) if summary.review.shown else None,
                           standing=my_standing(current_user, attempt.round),
                           timed_out=_ran_out_of_time(attempt), practice_open=practice_available(),
                           start_form=CsrfForm() if _may_start_again(summary) else None)


def _ran_out_of_time(attempt) -> bool:
    """Whether the attempt ended because its time ran out: finished by the overdue
    sweep, or sent by the quiz page's timer at zero (a submit taken in the grace
    after the deadline), with the answers saved until then."""
    return attempt.finished_by == "timeout" or attempt.submitted_at >= attempt.deadline_at


def _may_start_again(summary) -> bool:
    """The result page offers the next attempt while the round is open and one is left."""
    return bool(summary.remaining) and summary.round.is_open()


REVIEW_CACHE_SECONDS = 600


def _review_html(attempt) -> str:
    """Every answer and explanation of the attempt, called only once the key rule
    (``quiz.rules.keys.attempt_review``, read from the database on each view)
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
