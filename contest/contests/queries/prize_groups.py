"""A contest's prize groups (bảng), or the one default group when it has none."""
from dataclasses import dataclass, field

from sqlalchemy import select

from contest.audiences import AUDIENCES
from contest.contests.models import DEFAULT_COUNTS, PRIZES, Contest, PrizeGroup
from contest.extensions import db
from contest.key_lists import keys_of

DEFAULT_GROUP_NAME = "Bảng chung"


@dataclass
class Group:
    position: int
    name: str
    audiences: tuple[str, ...]
    counts: dict[str, int]
    slots: list[str] = field(init=False)

    def __post_init__(self):
        # Prize kinds in the order they are awarded down the ranking.
        self.slots = [prize for prize in PRIZES for _ in range(self.counts.get(prize, 0))]


def groups_for(contest: Contest) -> list[Group]:
    rows = db.session.scalars(select(PrizeGroup).where(PrizeGroup.contest_id == contest.id)
                              .order_by(PrizeGroup.position)).all()
    if not rows:
        return [Group(1, DEFAULT_GROUP_NAME, tuple(AUDIENCES), dict(DEFAULT_COUNTS))]
    return [Group(row.position, row.name, row.audience_keys, row.counts) for row in rows]


def group_of(audience: str, groups: list[Group]) -> Group | None:
    """The first group (by position) that ranks this audience."""
    return next((group for group in groups if audience in group.audiences), None)


def group_topics(contest: Contest, audience: str) -> tuple[str, ...]:
    """The topics the prize group of ``audience`` draws from (empty: the round's)."""
    rows = db.session.scalars(select(PrizeGroup).where(PrizeGroup.contest_id == contest.id)
                              .order_by(PrizeGroup.position))
    group = next((row for row in rows if audience in row.audience_keys), None)
    return keys_of(group.topics) if group is not None else ()


def groups_with_topics(contest: Contest) -> list[tuple[str, ...]]:
    """The topic sets of the contest's prize groups that draw their own topics."""
    rows = db.session.scalars(select(PrizeGroup.topics).where(PrizeGroup.contest_id == contest.id))
    return [keys_of(topics) for topics in rows if keys_of(topics)]
