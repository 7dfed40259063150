"""Individual prizes of a round: the provisional winners walked down the ranking,
the organizer's verification or disqualification (the next in order moves up),
and publication, which snapshots the winners for the public page.

One prize per person per round (a person belongs to one group; the awards
table's unique (round, person) guards it). Who is passed over before any review
(staff, people outside every group, holders of a prize of the contest when it
gives one prize per person) is ``prizes.rules.eligibility``; the walk notes them where
they stood, so the console shows who was skipped and why.
"""
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from contest.audit.services import record
from contest.caching import results_changed
from contest.clock import now
from contest.contests.models import Contest, Round
from contest.contests.queries.prize_groups import Group
from contest.errors import Conflict, DomainError
from contest.extensions import db
from contest.prizes.models import Award, WinnerReview
from contest.prizes.rules.eligibility import Eligibility, eligibility_of
from contest.quiz.models import Attempt
from contest.rankings.queries.ranking import RankedRow, iter_round_ranking
from contest.rankings.services.results import is_over
from contest.reasons import required_reason

DISQUALIFY_REASON_MISSING = "Vui lòng ghi lý do loại."


class ResultsNotFinal(Conflict):
    message = "Kết quả đợt thi chưa được tính chính thức (đợt thi chưa kết thúc)."


RESULTS_NOT_COMPUTED = ("Kết quả chính thức chưa được tính: hãy bấm «Tính kết quả chính thức» "
                        "trước khi xác minh và công bố.")


class AlreadyPublished(Conflict):
    message = "Kết quả đợt thi đã được công bố, không thể thay đổi danh sách đạt giải."


class NotAWinner(DomainError):
    status_code = 404
    message = "Người này không có trong danh sách dự kiến đạt giải của đợt thi."


class WinnersNotVerified(Conflict):
    message = "Còn người dự kiến đạt giải chưa được xác minh. Hãy xác minh hoặc loại từng người trước khi công bố."

    def __init__(self, count: int | None = None):
        super().__init__(f"Còn {count} người dự kiến đạt giải chưa được xác minh. Hãy xác minh "
                         "hoặc loại từng người trước khi công bố." if count else None)


@dataclass
class Winner:
    prize: str
    place: int
    row: RankedRow
    review: WinnerReview | None

    @property
    def verified(self) -> bool:
        return self.review is not None and self.review.decision == "verified"


@dataclass
class GroupResult:
    group: Group
    winners: list[Winner] = field(default_factory=list)
    disqualified: list[tuple[RankedRow, WinnerReview]] = field(default_factory=list)
    passed_over: list[tuple[RankedRow, str]] = field(default_factory=list)  # (row, why)

    @property
    def full(self) -> bool:
        return len(self.winners) >= len(self.group.slots)

    @property
    def set_aside(self) -> list[RankedRow]:
        """Everyone above the group's last winner who takes no prize, in rank order."""
        rows = [row for row, _ in self.disqualified] + [row for row, _ in self.passed_over]
        return sorted(rows, key=lambda row: row.rank)


def reviews_of(round_: Round) -> dict[int, WinnerReview]:
    return {review.user_id: review for review in db.session.scalars(
        select(WinnerReview).where(WinnerReview.round_id == round_.id))}


def provisional_winners(round_: Round) -> list[GroupResult]:
    """Walk the ranking until every group has its prizes."""
    rules = eligibility_of(round_)
    results = [GroupResult(group) for group in rules.groups]
    by_position = {result.group.position: result for result in results}
    reviews = reviews_of(round_)
    for row in iter_round_ranking(round_, batch=500):
        # The ranking goes down by score: past the minimum score nobody takes a prize.
        if all(result.full for result in results) or rules.below_min_score(row.entry.score):
            break
        group = rules.group_of(row.entry.audience)
        if group is not None and not by_position[group.position].full:
            _consider(by_position[group.position], row, rules, reviews)
    return results


def _consider(result: GroupResult, row: RankedRow, rules: Eligibility,
              reviews: dict[int, WinnerReview]) -> None:
    """The next person of the group's part of the ranking: passed over, disqualified
    (the next in order moves up) or the group's next winner."""
    user_id = row.entry.user_id
    why = rules.why_not(user_id, row.role, row.entry.audience, row.entry.score)
    review = reviews.get(user_id)
    if why is not None:
        result.passed_over.append((row, why))
    elif review is not None and review.decision == "disqualified":
        result.disqualified.append((row, review))
    else:
        result.winners.append(Winner(result.group.slots[len(result.winners)],
                                     len(result.winners) + 1, row, review))


def fast_flags(results: list[GroupResult]) -> dict[int, str]:
    """Attempt id -> the flag of each provisional winner's attempt submitted too
    fast (``quiz.rules.plausibility``): the organizer decides before verifying."""
    ids = [winner.row.entry.attempt_id for result in results for winner in result.winners]
    if not ids:
        return {}
    return {attempt.id: attempt.fast_flag for attempt in db.session.scalars(
        select(Attempt).where(Attempt.id.in_(ids), Attempt.flagged_fast.is_(True)))}


def _flagged_fast(winner: Winner) -> bool:
    return bool(db.session.scalar(
        select(Attempt.flagged_fast).where(Attempt.id == winner.row.entry.attempt_id)))


def _check_reviewable(round_: Round) -> None:
    if round_.results_published:
        raise AlreadyPublished()
    if not round_.results_final:
        raise ResultsNotFinal()


def _winner(round_: Round, user_id: int) -> Winner:
    """Only a current provisional winner can be reviewed (never trust an id)."""
    for result in provisional_winners(round_):
        for winner in result.winners:
            if winner.row.entry.user_id == user_id:
                return winner
    raise NotAWinner()


def _review(round_: Round, winner: Winner, decision: str, reason: str | None,
            actor) -> WinnerReview:
    """Record the decision; verifying a winner whose attempt was flagged as too
    fast is the organizer clearing the flag (the audit says so)."""
    user_id = winner.row.entry.user_id
    review = db.session.scalar(select(WinnerReview).where(
        WinnerReview.round_id == round_.id, WinnerReview.user_id == user_id))
    before = review.decision if review else None
    values = dict(decision=decision, reason=reason, actor_id=actor.id, at=now())
    if review is None:
        review = WinnerReview(round_id=round_.id, user_id=user_id, **values)
        db.session.add(review)
    else:
        for name, value in values.items():
            setattr(review, name, value)
    record(f"prizes.{decision}", actor=actor, target=round_, user_id=user_id,
           before=before, after=decision, reason=reason, flagged_fast=_flagged_fast(winner))
    return review


def verify_winner(round_: Round, user_id: int, actor) -> WinnerReview:
    _check_reviewable(round_)
    review = _review(round_, _winner(round_, user_id), "verified", None, actor)
    return review


def disqualify_winner(round_: Round, user_id: int, reason: str, actor) -> WinnerReview:
    reason = required_reason(reason, DISQUALIFY_REASON_MISSING)
    _check_reviewable(round_)
    review = _review(round_, _winner(round_, user_id), "disqualified", reason, actor)
    return review


def publish_refusal(round_: Round, results: list[GroupResult]) -> Conflict | None:
    """Why the winners cannot be published now (the console shows it instead of
    the button); None when they can."""
    if round_.results_published:
        return AlreadyPublished()
    if not round_.results_final:
        return ResultsNotFinal(RESULTS_NOT_COMPUTED if is_over(round_) else None)
    unverified = sum(not winner.verified for result in results for winner in result.winners)
    return WinnersNotVerified(unverified) if unverified else None


def publish_results(round_: Round, actor) -> list[Award]:
    """Snapshot the verified winners and make them public."""
    _check_reviewable(round_)
    _lock_contest_prizes(round_)
    results = provisional_winners(round_)
    refusal = publish_refusal(round_, results)
    if refusal is not None:
        raise refusal
    db.session.execute(delete(Award).where(Award.round_id == round_.id))
    awards = [_award(round_, result.group, winner) for result in results
              for winner in result.winners]
    db.session.add_all(awards)
    round_.results_published_at = now()
    record("results.publish", actor=actor, target=round_, winners=len(awards),
           prediction_actual=round_.prediction_actual)
    results_changed()
    return awards


def _lock_contest_prizes(round_: Round) -> None:
    """With one prize per person, two rounds published at the same moment must not
    both award the same person: the second waits on the contest's row (PostgreSQL;
    SQLite writes one transaction at a time) and then reads the first's awards."""
    if round_.contest.one_prize_per_person:
        db.session.execute(select(Contest.id).where(Contest.id == round_.contest_id)
                           .with_for_update())


def _award(round_: Round, group: Group, winner: Winner) -> Award:
    entry = winner.row.entry
    return Award(
        round_id=round_.id, group_name=group.name, group_position=group.position,
        prize=winner.prize, place=winner.place, rank=winner.row.rank, user_id=entry.user_id,
        attempt_id=entry.attempt_id, full_name=winner.row.full_name,
        unit_name=winner.row.unit_name, score=entry.score, total=entry.total,
        duration_ms=entry.duration_ms, prediction=entry.prediction,
        prediction_error=entry.prediction_error,
    )


def published_awards(round_: Round) -> list[Award]:
    return list(db.session.scalars(select(Award).where(Award.round_id == round_.id)
                                   .order_by(Award.group_position, Award.place)))
