from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_login import current_user

from contest.contests import branding, overview, services, sharing
from contest.contests.markdown import render_markdown
from contest.prizes.services import published_awards
from contest.rankings import disclosure, public
from contest.reports.figures import score_bands
from contest.quiz.forms import StartForm
from contest.quiz.services import attempts_used, finish_overdue, in_progress_attempt

bp = Blueprint("contests", __name__)

OVERDUE_PER_PAGE_VIEW = 200
LOGO_CACHE_SECONDS = 365 * 24 * 3600  # the URL changes with the logo (?v=)


@bp.route("/")
def home():
    contest = services.current_contest()
    if contest is None:
        return render_template("contests/empty.html")
    participation, read_at = public.contest_participation(contest)
    registered = public.registered_count()
    rounds = services.public_rounds(contest)
    return render_template(
        "contests/home.html", contest=contest, rounds=rounds,
        rules_html=render_markdown(contest.rules), participation=participation,
        registered=registered, read_at=read_at,
        countdown=services.next_event(contest),
        my_rounds=_my_rounds(contest),
        # Only a logged-in person sees the start button: building the form for a
        # visitor would put a CSRF token in a new session cookie and make the
        # public home page uncacheable.
        start_form=StartForm() if current_user.is_authenticated else None,
        share=sharing.share_card(contest, rounds),
        summary=overview.rules_summary(contest, rounds), prizes=overview.contest_prizes(contest),
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
        for round_ in services.public_rounds(contest)
    }


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for it whatever the page links (pages link the SVG and PNG)."""
    return current_app.send_static_file("img/favicon.ico")


@bp.route("/the-le")
def rules():
    contest = services.current_contest()
    if contest is None:
        abort(404)
    return render_template("contests/rules.html", contest=contest,
                           rules_html=render_markdown(contest.rules))


@bp.route("/cuoc-thi/<int:contest_id>/logo")
def logo(contest_id: int):
    data, kind, version = branding.logo_of(contest_id)
    response = Response(data, mimetype=kind)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = f'inline; filename="logo.{branding.EXTENSIONS[kind]}"'
    if version and request.args.get("v") == version:
        response.headers["Cache-Control"] = f"public, max-age={LOGO_CACHE_SECONDS}, immutable"
    else:
        response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.route("/dot-thi/<int:round_id>/ket-qua")
def round_results(round_id: int):
    round_ = services.get_round(round_id)
    finish_overdue(round_id=round_.id, limit=OVERDUE_PER_PAGE_VIEW)
    participation, read_at = public.round_participation(round_)
    return render_template(
        "contests/round_results.html", round=round_, participation=participation,
        read_at=read_at, counts_shown_from=disclosure.shown_from(round_),
        # The score distribution tells how many answered everything: only once final.
        bands=score_bands(round_) if round_.results_final else None,
        awards=published_awards(round_) if round_.results_published else [],
    )
