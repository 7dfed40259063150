from flask import Blueprint, render_template
from flask_login import current_user

from contest.contests import services
from contest.quiz.forms import StartForm
from contest.quiz.services import attempts_used, finish_overdue, in_progress_attempt

bp = Blueprint("contests", __name__)

OVERDUE_PER_PAGE_VIEW = 200


@bp.route("/")
def home():
    contest = services.current_contest()
    if contest is None:
        return render_template("contests/empty.html")
    return render_template(
        "contests/home.html", contest=contest,
        counters=services.contest_counters(contest),
        countdown=services.next_event(contest),
        my_rounds=_my_rounds(contest), start_form=StartForm(),
    )


def _my_rounds(contest) -> dict[int, dict]:
    """For a logged-in person: per round, attempts used and the one in progress."""
    if not current_user.is_authenticated:
        return {}
    return {
        round_.id: {
            "used": attempts_used(current_user.id, round_.id),
            "current": in_progress_attempt(current_user.id, round_.id),
        }
        for round_ in contest.rounds
    }


@bp.route("/dot-thi/<int:round_id>/ket-qua")
def round_results(round_id: int):
    round_ = services.get_round(round_id)
    finish_overdue(round_id=round_.id, limit=OVERDUE_PER_PAGE_VIEW)
    return render_template(
        "contests/round_results.html", round=round_, stats=services.round_counters(round_),
    )
