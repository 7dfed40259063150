"""Which answers a closed round's review may show. With review after each round,
a question that an open or later round of the contest can still draw keeps its
key hidden: otherwise a closed round's review would hand the key of shared
questions to everyone taking the next round."""
from sqlalchemy import select

from contest.bank.models import Question
from contest.clock import now
from contest.contests.models import Contest
from contest.extensions import db
from contest.prizes.groups import groups_with_topics
from contest.quiz.selection import DrawSpec, candidates, keys_of, spec_for
from contest.rankings.caches import cached_figures


def still_drawable_codes(contest: Contest) -> frozenset[str]:
    """Codes of the questions a round of the contest that has not closed (drafts
    included: they may be scheduled) can draw, for anyone; cached like the
    result figures."""
    codes, _ = cached_figures(f"drawable-codes:{contest.id}", lambda: _drawable_codes(contest))
    return codes


def _drawable_codes(contest: Contest) -> frozenset[str]:
    at = now()
    pending = [round_ for round_ in contest.rounds if round_.status(at) != "closed"]
    if not pending:
        return frozenset()
    specs = [spec_for(round_) for round_ in pending]
    scopes = keys_of(contest.question_scopes) or ("national",)
    specs += [DrawSpec(1, scopes, topics) for topics in groups_with_topics(contest)]
    ids = {candidate.id for spec in specs for candidate in candidates(spec)}
    if not ids:
        return frozenset()
    return frozenset(db.session.scalars(select(Question.code).where(Question.id.in_(ids))))
