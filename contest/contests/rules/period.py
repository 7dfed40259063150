"""The one rule of a contest's dates: each round lies within the contest's period
(from its start to its end; a side the organizer left empty bounds nothing).

Checked when a round's times are set (its settings, its extension) and when the
contest's period is edited; the pages read the period from one function,
``contests.queries.overview.contest_period``."""
from datetime import datetime

from contest.formatting import format_local


def _bounds(starts_at: datetime | None, ends_at: datetime | None) -> str:
    return f"{format_local(starts_at) if starts_at else '…'} – {format_local(ends_at) if ends_at else '…'}"


def round_outside(starts_at: datetime | None, ends_at: datetime | None,
                  opens_at: datetime | None, closes_at: datetime | None) -> dict[str, str]:
    """{"opens_at" or "closes_at": message} for a round's times outside the contest's
    period; empty when they lie within it."""
    period = _bounds(starts_at, ends_at)
    problems = {}
    if starts_at and opens_at and opens_at < starts_at:
        problems["opens_at"] = (f"Giờ mở ({format_local(opens_at)}) trước khi cuộc thi bắt đầu: "
                                f"đợt thi phải nằm trong thời gian cuộc thi ({period}).")
    if ends_at and closes_at and closes_at > ends_at:
        problems["closes_at"] = (f"Giờ đóng ({format_local(closes_at)}) sau khi cuộc thi kết thúc: "
                                 f"đợt thi phải nằm trong thời gian cuộc thi ({period}).")
    return problems


def rounds_outside_problem(rounds, starts_at: datetime | None,
                           ends_at: datetime | None) -> tuple[str, str] | None:
    """Why the contest's period cannot become ``starts_at``–``ends_at``: ("starts_at"
    or "ends_at", the side that leaves it out; a message naming the first round, by
    number, that would fall outside it); None when every round fits."""
    for round_ in sorted(rounds, key=lambda r: r.number):
        outside = round_outside(starts_at, ends_at, round_.opens_at, round_.closes_at)
        if outside:
            side = "starts_at" if "opens_at" in outside else "ends_at"
            return side, (f"{round_.name} ({format_local(round_.opens_at)} – "
                    f"{format_local(round_.closes_at)}) nằm ngoài thời gian cuộc thi mới "
                    f"({_bounds(starts_at, ends_at)}). Sửa giờ của đợt thi trước, hoặc chọn "
                    "thời gian cuộc thi bao gồm mọi đợt thi.")
    return None
