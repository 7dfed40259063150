"""Where each person of a round's ranking stands on prizes, in the words every
reader sees: the public ranking, the organizer's console and every export take
their labels from here and nowhere else.

- "Đạt giải Nhất" … (the published awards; before publication, for organizers:
  "Dự kiến đạt giải Nhất", the provisional list with the reviews applied);
- "Bị loại: <lý do>" for organizers. The public reads only "Bị loại": a
  province publishes that someone was excluded, not why (the reason can name a
  fault that is the person's own business and the organizer's);
- "Không xét giải: <vì sao>" (staff passed over, an audience outside every prize
  group, a prize already held when the contest gives one per person); the public
  reads "Không xét giải";
- nothing for everyone else.

A person's rank never changes with these: the ranking is the order, and a
prize not given to someone above goes to the next in order.
"""
from dataclasses import dataclass

from sqlalchemy import select

from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.prizes.models import Award, WinnerReview
from contest.prizes.rules.eligibility import Eligibility, eligibility_of, prize_name
from contest.prizes.services import GroupResult, provisional_winners, published_awards
from contest.rankings.queries.ranking import RankedRow

WON, DISQUALIFIED, PASSED_OVER = "won", "disqualified", "passed_over"
STATUS_HEADER = "Xét giải"  # the column that shows them, on every page and export


@dataclass(frozen=True)
class PrizeStatus:
    kind: str            # WON, DISQUALIFIED or PASSED_OVER
    detail: str          # the prize key, the reason for a disqualification, or why not considered
    provisional: bool = False
    where: str = ""      # the round, where a reader sees several (the whole-contest ranking)

    @property
    def label(self) -> str:
        """As the organizer reads it, reasons included."""
        if self.kind == WON:
            won = "Dự kiến đạt" if self.provisional else "Đạt"
            return f"{won} {prize_name(self.detail)}{self._where}"
        head = "Bị loại" if self.kind == DISQUALIFIED else "Không xét giải"
        return f"{head}{self._where}: {self.detail}"

    @property
    def public_label(self) -> str:
        """As a visitor reads it: that a person was excluded, never why."""
        if self.kind == WON:
            return f"Đạt {prize_name(self.detail)}"
        return "Bị loại" if self.kind == DISQUALIFIED else "Không xét giải"

    @property
    def _where(self) -> str:
        return f" ({self.where})" if self.where else ""


@dataclass(frozen=True)
class PrizeBook:
    """A round's decisions, read once, asked about row by row (an export reads
    hundreds of thousands of rows: a lookup each)."""
    rules: Eligibility
    prizes: dict[int, str]        # user id -> prize key
    disqualified: dict[int, str]  # user id -> reason
    provisional: bool

    def status(self, user_id: int, role: str, audience: str,
               score: int | None = None) -> PrizeStatus | None:
        if user_id in self.prizes:
            return PrizeStatus(WON, self.prizes[user_id], self.provisional)
        if user_id in self.disqualified:
            return PrizeStatus(DISQUALIFIED, self.disqualified[user_id])
        why = self.rules.why_not(user_id, role, audience, score)
        return PrizeStatus(PASSED_OVER, why) if why else None

    def of_row(self, row: RankedRow) -> PrizeStatus | None:
        return self.status(row.entry.user_id, row.role, row.entry.audience, row.entry.score)

    def label(self, user_id: int, role: str, audience: str,
              score: int | None = None) -> str | None:
        """The organizer's label, or None (an empty cell) for everyone else."""
        status = self.status(user_id, role, audience, score)
        return status.label if status else None


def prize_book(round_: Round, results: list[GroupResult] | None = None) -> PrizeBook:
    """The published awards once the round is published, else the provisional
    winners (``results``, when the caller has walked them already)."""
    if round_.results_published:
        prizes = {award.user_id: award.prize for award in published_awards(round_)}
    else:
        prizes = {winner.row.entry.user_id: winner.prize
                  for result in (provisional_winners(round_) if results is None else results)
                  for winner in result.winners}
    disqualified = dict(db.session.execute(select(WinnerReview.user_id, WinnerReview.reason).where(
        WinnerReview.round_id == round_.id, WinnerReview.decision == "disqualified")).all())
    return PrizeBook(eligibility_of(round_), prizes, disqualified, not round_.results_published)


def public_statuses(round_: Round, rows: list[RankedRow]) -> dict[int, PrizeStatus]:
    """User id -> where they stand, for the public ranking (which reads
    ``public_label``); empty until publication."""
    if not round_.results_published:
        return {}
    book = prize_book(round_)
    return {row.entry.user_id: status for row in rows
            if (status := book.of_row(row)) is not None}


def contest_labels(contest: Contest, user_ids: list[int]) -> dict[int, str]:
    """For the whole-contest ranking (organizers): each person's published prizes
    and disqualifications, round by round."""
    if not user_ids:
        return {}
    awards = db.session.execute(
        select(Award.user_id, Round.number, Round.name, Award.prize)
        .join(Round, Round.id == Award.round_id)
        .where(Round.contest_id == contest.id, Award.user_id.in_(user_ids)))
    excluded = db.session.execute(
        select(WinnerReview.user_id, Round.number, Round.name, WinnerReview.reason)
        .join(Round, Round.id == WinnerReview.round_id)
        .where(Round.contest_id == contest.id, WinnerReview.user_id.in_(user_ids),
               WinnerReview.decision == "disqualified"))
    found = [(user_id, number, PrizeStatus(WON, prize, where=name))
             for user_id, number, name, prize in awards]
    found += [(user_id, number, PrizeStatus(DISQUALIFIED, reason, where=name))
              for user_id, number, name, reason in excluded]
    labels: dict[int, list[str]] = {}
    for user_id, _, status in sorted(found, key=lambda item: (item[0], item[1])):
        labels.setdefault(user_id, []).append(status.label)
    return {user_id: "; ".join(parts) for user_id, parts in labels.items()}
