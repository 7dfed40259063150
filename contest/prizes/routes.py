"""The organizer's results console of a round: compute the final results,
review the ranking, verify or disqualify provisional winners, publish."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from contest.access import organizer_required
from contest.accounts.models import ROLE_LABELS
from contest.audiences import AUDIENCES
from contest.contests.queries.contests import contest_or_404, get_round
from contest.contests.queries.prize_groups import groups_for
from contest.errors import Conflict
from contest.forms import CsrfForm
from contest.paging import page_arg
from contest.prizes import services
from contest.prizes.forms import DisqualifyForm
from contest.prizes.queries import contest_labels, prize_book
from contest.prizes.rules.signals import signals_for
from contest.rankings.queries.ranking import Filters, contest_ranking, round_ranking
from contest.rankings.services.results import compute_results, is_over
from contest.units.models import UNIT_KINDS

bp = Blueprint("prizes", __name__, url_prefix="/quan-tri")
PER_PAGE = 50


@bp.route("/ket-qua")
@organizer_required
def rounds():
    return render_template("prizes/rounds.html", contest=contest_or_404())


@bp.route("/ket-qua/toan-cuoc")
@organizer_required
def contest_ranking_page():
    """The whole-contest ranking: sum of per-round best scores, then their time."""
    contest = contest_or_404()
    page = page_arg("trang")
    kind = request.args.get("khoi")
    filters = Filters(unit_kind=kind if kind in UNIT_KINDS else None)
    ranking = contest_ranking(contest, page, PER_PAGE, filters)
    return render_template("prizes/contest_ranking.html", contest=contest, kinds=UNIT_KINDS,
                           ranking=ranking, labels=contest_labels(
                               contest, [row.entry.user_id for row in ranking.rows]))


def _filters(round_) -> Filters:
    """Ranking filters from the query string, checked against known values."""
    groups = {str(g.position): g for g in groups_for(round_.contest)}
    audiences: tuple[str, ...] = ()
    if request.args.get("bang") in groups:
        audiences = groups[request.args["bang"]].audiences
    elif request.args.get("doi-tuong") in AUDIENCES:
        audiences = (request.args["doi-tuong"],)
    kind = request.args.get("khoi")
    return Filters(audiences=audiences, unit_kind=kind if kind in UNIT_KINDS else None)


@bp.route("/dot-thi/<int:round_id>/ket-qua")
@organizer_required
def console(round_id: int):
    return _console_page(get_round(round_id), DisqualifyForm())


def _console_page(round_, disqualify_form, status: int = 200):
    page = page_arg("trang")
    results = services.provisional_winners(round_)
    return render_template(
        "prizes/console.html", round=round_, over=is_over(round_),
        ranking=round_ranking(round_, page, PER_PAGE, _filters(round_)),
        groups=groups_for(round_.contest), audiences=AUDIENCES, kinds=UNIT_KINDS,
        role_labels=ROLE_LABELS,
        results=results, fast_flags=services.fast_flags(results),
        book=prize_book(round_, results), publish_refusal=services.publish_refusal(round_, results),
        confirm_form=CsrfForm(), disqualify_form=disqualify_form,
    ), status


def _back(round_id: int):
    return redirect(url_for("prizes.console", round_id=round_id))


@bp.route("/dot-thi/<int:round_id>/tinh-ket-qua", methods=["POST"])
@organizer_required
def compute(round_id: int):
    round_ = get_round(round_id)
    if not CsrfForm().validate_on_submit():
        abort(400)
    compute_results(round_, actor=current_user)
    flash(f"Đã tính kết quả chính thức. Đáp án câu hỏi dự đoán: {round_.prediction_actual}.",
          "success")
    return _back(round_id)


@bp.route("/dot-thi/<int:round_id>/xac-minh/<int:user_id>", methods=["POST"])
@organizer_required
def verify(round_id: int, user_id: int):
    round_ = get_round(round_id)
    if not CsrfForm().validate_on_submit():
        abort(400)
    services.verify_winner(round_, user_id, current_user)
    flash("Đã xác minh người đạt giải.", "success")
    return _back(round_id)


@bp.route("/dot-thi/<int:round_id>/loai/<int:user_id>", methods=["POST"])
@organizer_required
def disqualify(round_id: int, user_id: int):
    round_ = get_round(round_id)
    form = DisqualifyForm()
    if not form.validate_on_submit():
        message = "; ".join(form.reason.errors) or "Phiên làm việc đã hết hạn, vui lòng tải lại trang."
        flash(message, "danger")
        return _console_page(round_, form, 400)
    services.disqualify_winner(round_, user_id, form.reason.data, current_user)
    flash("Đã loại khỏi danh sách đạt giải; người kế tiếp được xét thay.", "warning")
    return _back(round_id)


@bp.route("/dot-thi/<int:round_id>/cong-bo", methods=["POST"])
@organizer_required
def publish(round_id: int):
    round_ = get_round(round_id)
    if not CsrfForm().validate_on_submit():
        abort(400)
    try:
        awards = services.publish_results(round_, current_user)
    except Conflict as refused:  # refused before any change: the console says why
        flash(refused.message, "danger")
        return _console_page(round_, DisqualifyForm(), refused.status_code)
    flash(f"Đã công bố {len(awards)} người đạt giải.", "success")
    return _back(round_id)


@bp.route("/dot-thi/<int:round_id>/kiem-tra/<int:user_id>")
@organizer_required
def check(round_id: int, user_id: int):
    round_ = get_round(round_id)
    return render_template("prizes/check.html", round=round_,
                           signals=signals_for(round_, user_id))
