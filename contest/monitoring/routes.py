"""The live dashboard of an open round (organizers and admins only)."""
from flask import Blueprint, Response, redirect, render_template, url_for

from contest.access import organizer_required
from contest.caching import cached_figures
from contest.contests.queries.contests import current_contest, get_round
from contest.monitoring import models  # noqa: F401  (the logged_errors table)
from contest.monitoring import queries as dashboard
from contest.rankings.documents import charts
from contest.rankings.documents.charts import CHART_CSP

bp = Blueprint("monitoring", __name__, url_prefix="/quan-tri/theo-doi")


@bp.route("/")
@organizer_required
def index():
    """The open round's dashboard, or the rounds to choose from when none is open."""
    contest = current_contest()
    watched = dashboard.round_to_watch(contest)
    if watched is not None:
        return redirect(url_for("monitoring.round_dashboard", round_id=watched.id))
    return render_template("monitoring/index.html", contest=contest)


@bp.route("/dot-thi/<int:round_id>")
@organizer_required
def round_dashboard(round_id: int):
    round_ = get_round(round_id)
    figures, read_at = cached_figures(f"monitoring:{round_.id}",
                                      lambda: dashboard.live_figures(round_))
    return render_template("monitoring/dashboard.html", round=round_, figures=figures,
                           read_at=read_at, share_jump=dashboard.SHARE_JUMP)


@bp.route("/dot-thi/<int:round_id>/theo-gio.svg")
@organizer_required
def chart_by_hour(round_id: int):
    round_ = get_round(round_id)
    svg, _ = cached_figures(f"monitoring-hours:{round_.id}", lambda: charts.submissions_by_hour_svg(
        [(dashboard.hour_label(h.start), h.submitted)
         for h in dashboard.submissions_by_hour(round_)]))
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = CHART_CSP
    response.headers["Cache-Control"] = "private, no-store"  # organizer figures, live
    return response
