"""Building contests, rounds in a given state and questions whose answers a review
has shown, for the practice tests."""
from datetime import timedelta

from contest import clock
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.bank.models import QuestionTally

# Each state's (opens, closes) relative to now, and whether the round is scheduled.
STATES = {
    "closed": (timedelta(days=-2), timedelta(days=-1), True),
    "open": (timedelta(hours=-1), timedelta(days=1), True),
    "upcoming": (timedelta(days=1), timedelta(days=2), True),
    "draft": (timedelta(days=3), timedelta(days=4), False),
}


def add_contest(slug: str, scopes: str = "national", review_after: str = "contest") -> Contest:
    contest = Contest(slug=slug, name=f"Cuộc thi {slug}", organizer_name="Ban Tổ chức",
                      rules="Thể lệ.", question_scopes=scopes, review_after=review_after)
    db.session.add(contest)
    db.session.flush()
    return contest


def add_round(contest: Contest, state: str, topics: str = "", questions: int = 1) -> Round:
    opens, closes, scheduled = STATES[state]
    at = clock.now()
    round_ = Round(contest_id=contest.id, number=len(contest.rounds) + 1, name=f"Đợt {state}",
                   opens_at=at + opens, closes_at=at + closes, questions_per_attempt=questions,
                   topics=topics, scheduled_at=at if scheduled else None)
    contest.rounds.append(round_)
    db.session.flush()
    return round_


def mark_shown(round_: Round, questions) -> None:
    """Tally ``questions`` as drawn in a submitted attempt of ``round_`` (what a
    submit records), so that the round's review shows their keys once it opens."""
    for question in questions:
        db.session.add(QuestionTally(round_id=round_.id, question_id=question.id, total=1,
                                     score=1, drawn=1, correct=1))
    db.session.flush()
