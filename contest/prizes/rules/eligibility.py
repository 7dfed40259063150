"""Who may take an individual prize of a round at all, before any review: the
contest's prize groups, staff passed over (``prizes_exclude_staff``), an attempt
below the contest's minimum score (``prize_min_score``), and, when
the contest gives at most one prize per person (``one_prize_per_person``),
whoever already holds one.

"Already holds one" is read from the published awards of the contest's other
rounds, because only published awards are decided: rounds are usually
published in their order, so a later round passes over earlier winners; if an
earlier round is published after a later one, it is that earlier round that
passes over the later round's winners. Either way nobody ends with two prizes.
For a round already published, only the awards published before it count, so
its reasons read the same afterwards.
"""
from dataclasses import dataclass

from sqlalchemy import select

from contest.accounts.models import STAFF_ROLES
from contest.contests.models import PRIZES, Round
from contest.contests.queries.prize_groups import Group, group_of, groups_for
from contest.extensions import db
from contest.prizes.models import Award

STAFF = "tài khoản Ban Tổ chức, quản trị hoặc lãnh đạo đơn vị"
NO_GROUP = "đối tượng không thuộc bảng giải nào"


def prize_name(prize: str) -> str:
    """"first" -> "giải Nhất" (as it reads inside a sentence)."""
    return "giải " + PRIZES[prize].removeprefix("Giải ")


@dataclass(frozen=True)
class Eligibility:
    groups: list[Group]
    skip_staff: bool
    holders: dict[int, str]  # user id -> the prize already held, as a reader sees it
    min_score: int = 0  # correct answers a best attempt needs to be considered

    def group_of(self, audience: str) -> Group | None:
        return group_of(audience, self.groups)

    def below_min_score(self, score: int | None) -> bool:
        return score is not None and score < self.min_score

    def why_not(self, user_id: int, role: str, audience: str,
                score: int | None = None) -> str | None:
        """Why this person, whose best attempt has ``score`` correct answers, is
        not considered for a prize of the round (None: they are)."""
        if self.group_of(audience) is None:
            return NO_GROUP
        if self.skip_staff and role in STAFF_ROLES:
            return STAFF
        if self.below_min_score(score):
            return f"dưới điểm tối thiểu để xét giải ({self.min_score} câu đúng)"
        held = self.holders.get(user_id)
        return f"đã đạt {held}; mỗi người một giải trong cuộc thi" if held else None


def eligibility_of(round_: Round) -> Eligibility:
    contest = round_.contest
    return Eligibility(groups_for(contest), contest.prizes_exclude_staff,
                       prize_holders(round_) if contest.one_prize_per_person else {},
                       contest.prize_min_score or 0)


def prize_holders(round_: Round) -> dict[int, str]:
    """People holding a published prize of another round of the contest (for a
    published round: one published before it), with that prize and round."""
    stmt = (select(Award.user_id, Award.prize, Round.name).join(Round, Round.id == Award.round_id)
            .where(Round.contest_id == round_.contest_id, Round.id != round_.id)
            .order_by(Round.results_published_at, Round.number))
    if round_.results_published:
        stmt = stmt.where(Round.results_published_at < round_.results_published_at)
    holders: dict[int, str] = {}
    for user_id, prize, name in db.session.execute(stmt):
        holders.setdefault(user_id, f"{prize_name(prize)} ({name})")
    return holders
