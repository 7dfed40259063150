"""Public result pages: a round's ranking once published, unit rankings, charts."""
from flask import Blueprint, Response, abort, render_template, request

from contest.contests.services import current_contest, get_round
from contest.prizes.services import published_awards
from contest.rankings import charts, public
from contest.rankings.caches import cached_figures
from contest.rankings.queries import round_ranking
from contest.rankings.public import cached_standings
from contest.reports.figures import participation_by_day
from contest.units.models import UNIT_KINDS

bp = Blueprint("rankings", __name__)

PUBLIC_TOP = 100
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'"


@bp.route("/dot-thi/<int:round_id>/xep-hang")
def round_page(round_id: int):
    """The top of the round's ranking, public once the organizer has published it."""
    round_ = get_round(round_id)
    top_html, read_at = (None, None)
    if round_.results_published:
        # The rendered table is cached: a hundred rows cost more to render than to read.
        top_html, read_at = cached_figures(f"round-top:{round_.id}", lambda: render_template(
            "rankings/_top.html", top=round_ranking(round_, 1, PUBLIC_TOP).rows))
    return render_template("rankings/round.html", round=round_, top_html=top_html,
                           read_at=read_at,
                           awards=published_awards(round_) if round_.results_published else [])


def contest_or_404():
    contest = current_contest()
    if contest is None:
        abort(404)
    return contest


def _scope(contest):
    """The round asked for (?dot=ID), or the whole contest (?dot=toan-cuoc)."""
    wanted = request.args.get("dot", "")
    if wanted == "toan-cuoc":
        return contest
    if wanted.isdigit():
        round_ = next((r for r in contest.public_rounds if r.id == int(wanted)), None)
        if round_ is None:
            abort(404)
        return round_
    return public.default_round(contest) or contest


def _kind() -> str:
    kind = request.args.get("khoi", "commune")
    if kind not in UNIT_KINDS:
        abort(404)
    return kind


@bp.route("/xep-hang-don-vi")
def units_page():
    contest = contest_or_404()
    scope, kind = _scope(contest), _kind()
    standings, read_at = cached_standings(scope, kind, contest.unit_min_rate)
    # A bloc has up to ~150 units: the table is rendered once per reading of the figures.
    table_html, _ = cached_figures(
        f"unit-table:{public.scope_key(scope)}:{kind}:{read_at.isoformat()}",
        lambda: render_template("rankings/_unit_table_cached.html", standings=standings))
    return render_template("rankings/units.html", contest=contest, scope=scope, kind=kind,
                           kinds=UNIT_KINDS, table_html=table_html, read_at=read_at)


def _svg(data: bytes) -> Response:
    response = Response(data, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = CHART_CSP
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response


@bp.route("/bieu-do/dot-thi/<int:round_id>/theo-ngay.svg")
def chart_by_day(round_id: int):
    round_ = get_round(round_id)
    svg, _ = cached_figures(f"chart-days:{round_.id}", lambda: charts.participation_by_day_svg(
        [(d.day, d.attempts, d.new_participants) for d in participation_by_day(round_)]))
    return _svg(svg)


@bp.route("/bieu-do/don-vi.svg")
def chart_top_units():
    contest = contest_or_404()
    scope, kind = _scope(contest), _kind()
    standings, _ = cached_standings(scope, kind, contest.unit_min_rate)
    with_rate = [s for s in standings if s.rate is not None]
    if with_rate:
        units = [(s.unit.name, s.rate) for s in sorted(with_rate, key=lambda s: -s.rate)[:10]]
        title, label, percent = f"Tỷ lệ tham gia cao nhất — {UNIT_KINDS[kind]}", "Tỷ lệ", True
    else:
        units = [(s.unit.name, s.participants)
                 for s in sorted(standings, key=lambda s: -s.participants)[:10]]
        title, label, percent = f"Nhiều người dự thi nhất — {UNIT_KINDS[kind]}", "Người", False
    return _svg(charts.top_units_svg(units, title, label, percent))
