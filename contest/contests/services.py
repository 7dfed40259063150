"""Reading contests and rounds for the public pages."""
from sqlalchemy import select

from contest.clock import now
from contest.contests.models import Contest, Round
from contest.errors import NotFound
from contest.extensions import db


def current_contest() -> Contest | None:
    """The contest shown on the home page: the most recently created one."""
    return db.session.scalar(select(Contest).order_by(Contest.created_at.desc(), Contest.id.desc()))


def get_round(round_id: int) -> Round:
    round_ = db.session.get(Round, round_id)
    if round_ is None:
        raise NotFound("Không tìm thấy đợt thi.")
    return round_


def open_round(contest: Contest) -> Round | None:
    at = now()
    return next((r for r in contest.rounds if r.is_open(at)), None)


def next_event(contest: Contest):
    """(label, moment) of the next opening or closing, for the countdown."""
    at = now()
    for round_ in contest.rounds:
        if round_.is_open(at):
            return f"{round_.name} kết thúc sau", round_.closes_at
        if round_.opens_at > at:
            return f"{round_.name} bắt đầu sau", round_.opens_at
    return None
