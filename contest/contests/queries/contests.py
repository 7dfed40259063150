"""Reading contests and rounds for the public pages.

A draft round (not yet scheduled by the organizer) does not exist for the
public: it is left out of every list and its pages answer 404.
"""
from flask import abort, g, has_request_context
from sqlalchemy import exists, select
from sqlalchemy.orm import defer, joinedload

from contest.clock import now
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.lookups import get_or_404

ROUND_NOT_FOUND = "Không tìm thấy đợt thi."
HAS_SCHEDULED_ROUND = exists().where(Round.contest_id == Contest.id, Round.scheduled_at.is_not(None))


def current_contest() -> Contest | None:
    """The contest shown on the home page: the most recently created one that
    has at least one scheduled round (its logo is read by the logo route only),
    with its rounds in the same statement (every page that shows the contest
    lists or checks them). Read once per request: the page and its branding both ask."""
    if has_request_context() and "current_contest" in g:
        return g.current_contest
    contest = db.session.scalar(
        select(Contest).where(HAS_SCHEDULED_ROUND)
        .options(defer(Contest.logo), joinedload(Contest.rounds))
        .order_by(Contest.created_at.desc(), Contest.id.desc()).limit(1))
    if has_request_context():
        g.current_contest = contest
    return contest


def public_rounds(contest: Contest) -> list[Round]:
    return contest.public_rounds


def get_round(round_id: int) -> Round:
    """A round the public may see: a draft is not found."""
    return get_or_404(Round, round_id, ROUND_NOT_FOUND, is_draft=False)


def get_any_round(round_id: int) -> Round:
    """Any round, drafts included (organizer pages)."""
    return get_or_404(Round, round_id, ROUND_NOT_FOUND)


def next_event(contest: Contest):
    """(label, moment) of the next opening or closing, for the countdown."""
    at = now()
    for round_ in public_rounds(contest):
        if round_.is_open(at):
            return f"{round_.name} kết thúc sau", round_.closes_at
        if round_.opens_at > at:
            return f"{round_.name} bắt đầu sau", round_.opens_at
    return None


def contest_or_404():
    contest = current_contest()
    if contest is None:
        abort(404)
    return contest
