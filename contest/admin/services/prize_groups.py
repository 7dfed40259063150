"""Editing a contest's prize groups (bảng): name, audience groups, prize counts
and, optionally, topics of its own (its people then draw from those topics, and
the round's topic mix does not apply to them; empty: the round's topics).

An audience belongs to at most one group of a contest. A group's topics lie in
the contest's scopes and fill an attempt of every round that has not closed. Once any round of the
contest has published results, the groups are frozen: what was published was
decided with them.
"""
from dataclasses import asdict, dataclass

from sqlalchemy import func, select

from contest.admin.rules import group_topics_problem
from contest.audiences import AUDIENCES
from contest.audit.services import record
from contest.caching import results_changed
from contest.changes import audit_change
from contest.contests.models import PRIZES, Contest, PrizeGroup, Round
from contest.contests.rules.scopes import topics_problem
from contest.errors import Conflict, DomainError
from contest.extensions import db
from contest.key_lists import keys_of
from contest.lookups import get_or_404
from contest.transactions import refused_as

MAX_PRIZES = 1000
MAX_NAME = 120


@dataclass
class GroupSettings:
    name: str
    audiences: tuple[str, ...]
    counts: dict[str, int]
    topics: tuple[str, ...] = ()  # empty: the round's topics

    @classmethod
    def of(cls, group: PrizeGroup) -> "GroupSettings":
        return cls(group.name, group.audience_keys, group.counts, keys_of(group.topics))

    def columns(self) -> dict:
        return {"name": self.name.strip(), "audiences": ",".join(self.audiences),
                "topics": ",".join(sorted(set(self.topics))),
                **{f"{prize}_prizes": self.counts[prize] for prize in PRIZES}}


class InvalidGroup(DomainError):
    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


class GroupsLocked(Conflict):
    message = ("Đã có đợt thi công bố kết quả nên không thể thay đổi bảng giải "
               "(danh sách đạt giải đã công bố được xét theo các bảng hiện tại).")


def groups_of(contest: Contest) -> list[PrizeGroup]:
    return list(db.session.scalars(select(PrizeGroup).where(PrizeGroup.contest_id == contest.id)
                                   .order_by(PrizeGroup.position)))


def get_group(contest: Contest, group_id: int) -> PrizeGroup:
    """The group if it belongs to this contest (never trust an id from the browser)."""
    return get_or_404(PrizeGroup, group_id, "Không tìm thấy bảng giải.", contest_id=contest.id)


def groups_locked(contest: Contest) -> bool:
    return db.session.scalar(select(Round.id).where(
        Round.contest_id == contest.id, Round.results_published_at.is_not(None)).limit(1)) is not None


def unassigned_audiences(contest: Contest) -> list[str]:
    """Audience groups no prize group ranks (they win no individual prize)."""
    taken = {key for group in groups_of(contest) for key in group.audience_keys}
    return [key for key in AUDIENCES if key not in taken] if taken else []


def _problems(contest: Contest, group: PrizeGroup | None, settings: GroupSettings) -> dict[str, str]:
    problems = {}
    if not settings.name.strip() or len(settings.name.strip()) > MAX_NAME:
        problems["name"] = f"Vui lòng nhập tên bảng (tối đa {MAX_NAME} ký tự)."
    if not settings.audiences or any(key not in AUDIENCES for key in settings.audiences):
        problems["audiences"] = "Vui lòng chọn ít nhất một đối tượng trong danh sách."
    else:
        clash = _audience_clash(contest, group, settings.audiences)
        if clash:
            problems["audiences"] = clash
    for prize, label in PRIZES.items():
        count = settings.counts.get(prize)
        if count is None or not 0 <= count <= MAX_PRIZES:
            problems[prize] = f"Số {label.lower()} phải từ 0 đến {MAX_PRIZES}."
    topics = sorted(set(settings.topics))
    changed_topics = group is None or topics != sorted(keys_of(group.topics))
    if topics and changed_topics:
        problem = topics_problem(contest, topics) or group_topics_problem(contest, topics)
        if problem:
            problems["topics"] = problem
    return problems


def _audience_clash(contest: Contest, group: PrizeGroup | None, audiences) -> str | None:
    for other in groups_of(contest):
        if group is not None and other.id == group.id:
            continue
        shared = [AUDIENCES[key] for key in audiences if key in other.audience_keys]
        if shared:
            return (f"Đối tượng {', '.join(shared)} đã thuộc {other.name}: "
                    "mỗi đối tượng chỉ thuộc một bảng.")
    return None


def _check(contest: Contest, group: PrizeGroup | None, settings: GroupSettings) -> None:
    if groups_locked(contest):
        raise GroupsLocked()
    problems = _problems(contest, group, settings)
    if problems:
        raise InvalidGroup(problems)


def add_group(contest: Contest, settings: GroupSettings, actor) -> PrizeGroup:
    _check(contest, None, settings)
    position = (db.session.scalar(select(func.max(PrizeGroup.position))
                                  .where(PrizeGroup.contest_id == contest.id)) or 0) + 1
    with refused_as(_changed_meanwhile):  # two organizers adding a group at once
        group = PrizeGroup(contest_id=contest.id, position=position, **settings.columns())
        db.session.add(group)
    record("prize_group.create", actor=actor, target=group, contest_id=contest.id,
           position=position, **_audit(settings))
    results_changed()  # the home page lists each group's prizes
    return group


def update_group(contest: Contest, group: PrizeGroup, settings: GroupSettings, actor) -> PrizeGroup:
    _check(contest, group, settings)
    before = _audit(GroupSettings.of(group))
    for name, value in settings.columns().items():
        setattr(group, name, value)
    after = _audit(settings)
    record("prize_group.update", actor=actor, target=group, contest_id=contest.id,
           **audit_change(before, after))
    results_changed()  # the home page's prizes
    return group


def remove_group(contest: Contest, group: PrizeGroup, actor) -> None:
    if groups_locked(contest):
        raise GroupsLocked()
    record("prize_group.delete", actor=actor, target=group, contest_id=contest.id,
           **_audit(GroupSettings.of(group)))
    db.session.delete(group)
    results_changed()  # the home page's prizes


def _audit(settings: GroupSettings) -> dict:
    values = asdict(settings)
    return {"name": values["name"].strip(), "audiences": list(values["audiences"]),
            "topics": sorted(set(values["topics"])),
            **{f"{prize}_prizes": count for prize, count in values["counts"].items()}}


def _changed_meanwhile(_refused) -> Conflict:
    """Two organizers adding a group at once race on (contest, position)."""
    return Conflict("Bảng giải vừa được người khác thay đổi. Vui lòng tải lại trang và thử lại.")
