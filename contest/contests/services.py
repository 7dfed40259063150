"""Reading contests and rounds for the public pages."""
from dataclasses import dataclass

from sqlalchemy import case, distinct, func, select

from contest.accounts.models import User
from contest.clock import now
from contest.contests.models import Contest, Round
from contest.errors import NotFound
from contest.extensions import db
from contest.quiz.models import SUBMITTED, Attempt


@dataclass(frozen=True)
class Counters:
    registered: int
    participants: int
    attempts_submitted: int


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


def contest_counters(contest: Contest) -> Counters:
    round_ids = [r.id for r in contest.rounds]
    attempts, participants = db.session.execute(
        select(func.count(Attempt.id), func.count(distinct(Attempt.user_id)))
        .where(Attempt.round_id.in_(round_ids), Attempt.status == SUBMITTED)
    ).one()
    registered = db.session.scalar(select(func.count(User.id)).where(User.role == "contestant"))
    return Counters(registered=registered, participants=participants, attempts_submitted=attempts)


def round_counters(round_: Round) -> dict:
    """Attempts, participants and the score distribution of a round, in one query."""
    score, total = Attempt.score, Attempt.total
    row = db.session.execute(
        select(
            func.count(Attempt.id),
            func.count(distinct(Attempt.user_id)),
            func.sum(case((score == total, 1), else_=0)),
            func.sum(case(((score < total) & (score * 4 >= total * 3), 1), else_=0)),
            func.sum(case(((score * 4 < total * 3) & (score * 4 >= total), 1), else_=0)),
            func.sum(case((score * 4 < total, 1), else_=0)),
        ).where(Attempt.round_id == round_.id, Attempt.status == SUBMITTED)
    ).one()
    attempts, participants, full, high, mid, low = (value or 0 for value in row)
    return {
        "attempts": attempts, "participants": participants,
        "bands": {"full": full, "high": high, "mid": mid, "low": low},
    }
