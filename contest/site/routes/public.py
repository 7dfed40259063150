"""Public pages that put several domains on one page: the home page (the
contest, its rounds, participation, prizes and, for a logged-in person, their
attempts), a round's results (participation, score bands, published awards) and
a round's published ranking with its winners."""
from flask import Blueprint, render_template
from flask_login import current_user

from contest.clock import now
from contest.contests.documents.markdown import render_markdown
from contest.contests.queries import contests as contest_queries, overview, setup, sharing
from contest.forms import CsrfForm
from contest.practice.services import practice_available
from contest.prizes.queries import public_statuses
from contest.prizes.services import published_awards
from contest.quiz.services.attempts import attempts_used, finish_overdue, in_progress_attempt
from contest.rankings.queries import public
from contest.rankings.queries.figures import score_bands
from contest.rankings.queries.ranking import round_ranking
from contest.rankings.routes.caches import cached_page
from contest.rankings.rules import disclosure
from contest.rankings.rules.disclosure import shown_for
from contest.replica import reads_from_replica

bp = Blueprint("site", __name__)

OVERDUE_PER_PAGE_VIEW = 200
PUBLIC_TOP = 100


@bp.route("/")
def home():
    contest = contest_queries.current_contest()
    if contest is None:  # the organizer reads the first steps; the public, a neutral page
        return render_template("contests/empty.html", steps=setup.setup_steps()
                               if current_user.is_authenticated and current_user.is_organizer
                               else None)
    participation, read_at = public.contest_participation(contest)
    registered = public.registered_count()
    rounds = contest_queries.public_rounds(contest)
    countdown = contest_queries.next_event(contest)
    return render_template(
        "contests/home.html", contest=contest, rounds=_by_relevance(rounds),
        rules_html=render_markdown(contest.rules), participation=participation,
        registered=registered, read_at=read_at,
        countdown=countdown, countdown_then=_after_opening(rounds, countdown),
        my_rounds=_my_rounds(contest), practice_open=_practice_open(),
        # Only a logged-in person sees the start button: building the form for a
        # visitor would put a CSRF token in a new session cookie and make the
        # public home page uncacheable.
        start_form=CsrfForm() if current_user.is_authenticated else None,
        share=sharing.share_card(contest, rounds),
        summary=overview.rules_summary(contest, rounds), prizes=overview.contest_prizes(contest),
    )


def _by_relevance(rounds: list) -> list:
    """The rounds as the home page lists them: the open ones first, then those to
    come, then the closed ones, so that on a phone the round a person can act on
    is the first card under the contest's name."""
    order = {"open": 0, "upcoming": 1, "closed": 2}
    at = now()
    return sorted(rounds, key=lambda round_: order[round_.status(at)])


def _after_opening(rounds: list, countdown) -> tuple[str, object] | None:
    """What the countdown shows once the round it counts down to has opened (its
    closing), for the page's script: the page turns open without a reload."""
    if countdown is None:
        return None
    at = now()
    opening = next((round_ for round_ in rounds
                    if round_.opens_at == countdown[1] and round_.opens_at > at), None)
    return (f"{opening.name} kết thúc sau", opening.closes_at) if opening else None


def _practice_open() -> bool:
    """Whether the practice link leads anywhere: only a logged-in person sees it."""
    return current_user.is_authenticated and practice_available()


def _my_rounds(contest) -> dict[int, dict]:
    """For a logged-in person: per round, attempts used and the one in progress."""
    if not current_user.is_authenticated:
        return {}
    return {
        round_.id: {
            "used": attempts_used(current_user.id, round_.id),
            "current": in_progress_attempt(current_user.id, round_.id),
        }
        for round_ in contest_queries.public_rounds(contest)
    }


@bp.route("/dot-thi/<int:round_id>/ket-qua")
def round_results(round_id: int):
    round_ = contest_queries.get_round(round_id)
    finish_overdue(round_id=round_.id, limit=OVERDUE_PER_PAGE_VIEW)
    participation, read_at = public.round_participation(round_)
    return render_template(
        "contests/round_results.html", round=round_, participation=participation,
        read_at=read_at, counts_shown_from=disclosure.shown_from(round_),
        # The score distribution tells how many answered everything: only once final.
        bands=score_bands(round_) if round_.results_final else None,
        awards=published_awards(round_) if round_.results_published else [],
    )


@bp.route("/dot-thi/<int:round_id>/xep-hang")
@reads_from_replica
def round_page(round_id: int):
    """The top of the round's ranking, public once the organizer has published it."""
    round_ = contest_queries.get_round(round_id)
    return cached_page(f"round-page:{round_id}", shown_for(round_), lambda: _round_body(round_))


def _round_body(round_) -> tuple[str, str]:
    top, awards = [], []
    if round_.results_published:
        top, awards = round_ranking(round_, 1, PUBLIC_TOP).rows, published_awards(round_)
    return f"Bảng xếp hạng {round_.name}", render_template(
        "rankings/_round_body.html", round=round_, top=top, awards=awards, read_at=now(),
        statuses=public_statuses(round_, top))
