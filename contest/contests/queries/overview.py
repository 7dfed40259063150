"""What the contest tells about itself at a glance: its dates, a summary of its
rules and its prizes. Shown on the home page, in the link preview of a shared
page (``sharing``) and on the QR poster (``poster``).

The home page is on the hot path of a rush: the dates and the rules summary come
from the rounds the page loads anyway, and the prizes are read once and cached
like the public figures (``cached_figures``), cleared when a prize group changes.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from contest import formatting
from contest.audiences import AUDIENCES
from contest.caching import cached_figures
from contest.clock import local_day, to_local
from contest.contests.models import PRIZES, Contest, Round
from contest.contests.queries.prize_groups import groups_for

MAX_ROUNDS_LISTED = 4  # more rounds than this: a shared link gives the whole period


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def text(self) -> str:
        """'01/12/2026 – 07/12/2026', or one day."""
        if self.first == self.last:
            return formatting.day(self.first)
        return f"{formatting.day(self.first)} – {formatting.day(self.last)}"


@dataclass(frozen=True)
class RoundFormat:
    questions: int
    minutes: int
    attempts: int


@dataclass(frozen=True)
class RulesSummary:
    round_count: int
    period: Period | None
    same_format: RoundFormat | None  # None: the rounds differ (each card says its own)


@dataclass(frozen=True)
class PrizeLine:
    """A prize group as the public reads it: plain values, cheap to cache."""
    name: str
    audiences: tuple[str, ...]  # labels; empty when the group ranks every audience
    prizes: tuple[tuple[str, int], ...]  # ('giải Nhất', count) of each kind it gives


def last_day(moment: datetime) -> date:
    """The last local day a window ending at ``moment`` covers: a round closing at
    00:00 on the 8th ends with the 7th."""
    local = to_local(moment)
    if local.time() == time(0):
        return local.date() - timedelta(days=1)
    return local.date()


def period_of(opens_at: datetime, closes_at: datetime) -> Period:
    first = local_day(opens_at)
    return Period(first, max(first, last_day(closes_at)))


def contest_period(contest: Contest, rounds: list[Round]) -> Period | None:
    """The contest's period, the one every page shows (the rules page, the home
    page's summary, the shared link, the QR poster): the contest's own start and
    end; a side the organizer left empty is its rounds' first opening or last
    close. Rounds lie within the contest's period (``contests.rules.period``), so
    this covers every round. None when neither gives both ends."""
    first = contest.starts_at or min((r.opens_at for r in rounds), default=None)
    last = contest.ends_at or max((r.closes_at for r in rounds), default=None)
    if first is None or last is None:
        return None
    return period_of(first, last)


def round_dates(rounds: list[Round]) -> list[tuple[str, Period]]:
    """(round name, its period) in round order."""
    return [(round_.name, period_of(round_.opens_at, round_.closes_at)) for round_ in rounds]


def dates_text(contest: Contest, rounds: list[Round]) -> str:
    """The dates in one line: each round's when there are a few, else the whole period."""
    if rounds and len(rounds) <= MAX_ROUNDS_LISTED:
        return "; ".join(f"{name}: {period.text}" for name, period in round_dates(rounds))
    period = contest_period(contest, rounds)
    return f"Từ {period.text}" if period else ""


def rules_summary(contest: Contest, rounds: list[Round]) -> RulesSummary:
    formats = {RoundFormat(r.questions_per_attempt, r.time_limit_seconds // 60, r.max_attempts)
               for r in rounds}
    return RulesSummary(len(rounds), contest_period(contest, rounds),
                        formats.pop() if len(formats) == 1 else None)


def contest_prizes(contest: Contest) -> list[PrizeLine]:
    """Each prize group's prizes per round, read once per cache period."""
    lines, _ = cached_figures(f"prizes:{contest.id}", lambda: prize_lines(contest))
    return lines


def prize_lines(contest: Contest) -> list[PrizeLine]:
    return [
        PrizeLine(group.name,
                  () if set(group.audiences) == set(AUDIENCES)
                  else tuple(AUDIENCES[key] for key in group.audiences),
                  tuple((_in_sentence(label), group.counts[kind]) for kind, label in PRIZES.items()
                        if group.counts.get(kind)))
        for group in groups_for(contest)
    ]


def _in_sentence(label: str) -> str:
    """'Giải Nhất' inside a sentence: 'giải Nhất'."""
    return label[:1].lower() + label[1:]
