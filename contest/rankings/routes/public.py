"""Public ranking pages: unit rankings and the charts (a round's published ranking
with its winners is a site page: it shows prizes too)."""
from flask import Blueprint, Response, render_template

from contest.caching import cached_figures
from contest.contests.queries.contests import contest_or_404, get_round
from contest.rankings.documents import charts
from contest.rankings.queries.figures import participation_by_day
from contest.rankings.queries.public import scope_key, shown_standings
from contest.rankings.routes.caches import cached_page
from contest.rankings.rules.disclosure import shown_for, shown_from
from contest.rankings.rules.params import scope_arg, unit_kind_arg
from contest.replica import reads_from_replica
from contest.units.models import UNIT_KINDS

bp = Blueprint("rankings", __name__)


@bp.route("/xep-hang-don-vi")
@reads_from_replica
def units_page():
    kind = unit_kind_arg()
    contest = contest_or_404()
    scope = scope_arg(contest)
    shown = shown_for(scope)  # read once: the body is cached under it
    return cached_page(f"units-page:{scope_key(scope)}:{kind}", shown,
                       lambda: _units_body(contest, scope, kind, shown))


def _units_body(contest, scope, kind: str, shown) -> tuple[str, str]:
    standings, read_at = shown_standings(scope, kind, contest.unit_min_rate, shown)
    return "Xếp hạng đơn vị", render_template(
        "rankings/_units_body.html", contest=contest, scope=scope, kind=kind, kinds=UNIT_KINDS,
        standings=standings, read_at=read_at, shown=shown, shown_from=shown_from(scope))


def _svg(data: bytes) -> Response:
    response = Response(data, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = charts.CHART_CSP
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response


@bp.route("/bieu-do/dot-thi/<int:round_id>/theo-ngay.svg")
@reads_from_replica
def chart_by_day(round_id: int):
    round_ = get_round(round_id)
    if not shown_for(round_).counts:
        return _svg(charts.sealed_svg(charts.BY_DAY_TITLE))
    svg, _ = cached_figures(f"chart-days:{round_.id}", lambda: charts.participation_by_day_svg(
        [(d.day, d.attempts, d.new_participants) for d in participation_by_day(round_)]))
    return _svg(svg)


@bp.route("/bieu-do/don-vi.svg")
@reads_from_replica
def chart_top_units():
    contest = contest_or_404()
    scope, kind = scope_arg(contest), unit_kind_arg()
    shown = shown_for(scope)
    if not shown.counts:
        return _svg(charts.sealed_svg(f"Tham gia theo đơn vị — {UNIT_KINDS[kind]}"))
    standings, _ = shown_standings(scope, kind, contest.unit_min_rate, shown)
    with_rate = [s for s in standings if s.rate is not None]
    if with_rate:
        units = [(s.unit.name, s.rate) for s in sorted(with_rate, key=lambda s: -s.rate)[:10]]
        title, label, percent = f"Tỷ lệ tham gia cao nhất — {UNIT_KINDS[kind]}", "Tỷ lệ", True
    else:
        units = [(s.unit.name, s.participants)
                 for s in sorted(standings, key=lambda s: -s.participants)[:10]]
        title, label, percent = f"Nhiều người dự thi nhất — {UNIT_KINDS[kind]}", "Người", False
    return _svg(charts.top_units_svg(units, title, label, percent))
