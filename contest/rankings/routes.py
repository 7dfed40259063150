"""Public result pages: a round's ranking once published, unit rankings, charts."""
from flask import Blueprint, Response, abort, render_template, request

from contest.caching import cached_figures
from contest.clock import now
from contest.contests.services import current_contest, get_round
from contest.ids import id_of
from contest.prizes.services import published_awards
from contest.prizes.statuses import public_statuses
from contest.rankings import charts, public
from contest.rankings.caches import cached_page
from contest.rankings.disclosure import shown_for, shown_from
from contest.rankings.queries import round_ranking
from contest.rankings.public import scope_key, shown_standings
from contest.replica import reads_from_replica
from contest.reports.figures import participation_by_day
from contest.units.models import UNIT_KINDS

bp = Blueprint("rankings", __name__)

PUBLIC_TOP = 100
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'"


@bp.route("/dot-thi/<int:round_id>/xep-hang")
@reads_from_replica
def round_page(round_id: int):
    """The top of the round's ranking, public once the organizer has published it."""
    round_ = get_round(round_id)
    return cached_page(f"round-page:{round_id}", shown_for(round_), lambda: _round_body(round_))


def _round_body(round_) -> tuple[str, str]:
    top, awards = [], []
    if round_.results_published:
        top, awards = round_ranking(round_, 1, PUBLIC_TOP).rows, published_awards(round_)
    return f"Bảng xếp hạng {round_.name}", render_template(
        "rankings/_round_body.html", round=round_, top=top, awards=awards, read_at=now(),
        statuses=public_statuses(round_, top))


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
    round_id = id_of(wanted)
    if round_id is not None:
        round_ = next((r for r in contest.public_rounds if r.id == round_id), None)
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
@reads_from_replica
def units_page():
    kind = _kind()
    contest = contest_or_404()
    scope = _scope(contest)
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
    response.headers["Content-Security-Policy"] = CHART_CSP
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
    scope, kind = _scope(contest), _kind()
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
