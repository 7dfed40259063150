"""The lifecycle of a round: draft → scheduled → open → closed → published.

A draft (``scheduled_at`` NULL) is invisible to the public and cannot be taken.
The organizer schedules it ("Công bố lịch"); from then on its times open and
close it; publishing its results ends it. Every transition here is checked
against the round's current state, refused with a Vietnamese message (409) when
not allowed, and audited in the same transaction as the change.
"""
from datetime import datetime, timedelta

from sqlalchemy import exists, func, select, update

from contest.admin.rules import overlap_problem, schedule_problems
from contest.audit.services import record
from contest.caching import results_changed
from contest.clock import now
from contest.contests.models import Round
from contest.contests.rules.period import round_outside
from contest.errors import Conflict
from contest.extensions import db
from contest.formatting import format_local
from contest.quiz.models import IN_PROGRESS, Attempt
from contest.quiz.rules.keys import reopen_problem
from contest.reasons import required_reason

STATUS_LABELS = {
    "draft": "Bản nháp",
    "scheduled": "Đã công bố lịch",
    "open": "Đang mở",
    "closed": "Đã kết thúc",
    "published": "Đã công bố kết quả",
}
EXTEND_REASON_MISSING = "Vui lòng ghi lý do gia hạn."


class TransitionRefused(Conflict):
    message = "Không thể chuyển trạng thái đợt thi lúc này."


def status(round_: Round, at: datetime | None = None) -> str:
    """'draft', 'scheduled', 'open', 'closed' or 'published' at ``at`` (default: now)."""
    if round_.is_draft:
        return "draft"
    if round_.results_published:
        return "published"
    by_time = round_.status(at or now())
    return "scheduled" if by_time == "upcoming" else by_time


def has_attempts(round_: Round) -> bool:
    """Any attempt, in progress or submitted."""
    return bool(db.session.scalar(select(exists().where(Attempt.round_id == round_.id))))


def attempt_count(round_: Round) -> int:
    return db.session.scalar(select(func.count(Attempt.id)).where(Attempt.round_id == round_.id))


def locked_round(round_id: int) -> Round:
    """The round, re-read and locked for the transition (PostgreSQL; SQLite
    serialises writers anyway)."""
    return db.session.scalar(select(Round).where(Round.id == round_id).with_for_update()
                             .execution_options(populate_existing=True))


# --- transitions -----------------------------------------------------------

def schedule(round_: Round, actor) -> Round:
    """draft → scheduled, only while the times are valid and not in the past."""
    round_ = locked_round(round_.id)
    if status(round_) != "draft":
        raise TransitionRefused("Chỉ đợt thi ở trạng thái bản nháp mới có thể công bố lịch.")
    problems = schedule_problems(round_)
    if problems:
        raise TransitionRefused(" ".join(problems))
    round_.scheduled_at = now()
    record("round.schedule", actor=actor, target=round_, opens_at=_iso(round_.opens_at),
           closes_at=_iso(round_.closes_at))
    results_changed()  # the public pages (the key rule reads no cache)
    return round_


def unschedule(round_: Round, actor) -> Round:
    """scheduled → draft, only before it opens and while nobody has an attempt."""
    round_ = locked_round(round_.id)
    if status(round_) != "scheduled":
        raise TransitionRefused("Chỉ đợt thi đã công bố lịch và chưa mở mới có thể đưa về bản nháp.")
    if has_attempts(round_):
        raise TransitionRefused("Đợt thi đã có lượt thi, không thể đưa về bản nháp.")
    before = round_.scheduled_at
    round_.scheduled_at = None
    record("round.unschedule", actor=actor, target=round_, scheduled_at=_iso(before))
    results_changed()  # the public pages (the key rule reads no cache)
    return round_


def close_early(round_: Round, actor) -> Round:
    """open → closed now. Attempts in progress keep what they saved and end now
    (their deadline is cut, as it would be at the planned close)."""
    round_ = locked_round(round_.id)
    if status(round_) != "open":
        raise TransitionRefused("Chỉ có thể đóng sớm đợt thi đang mở.")
    at = max(now(), round_.opens_at + timedelta(seconds=1))
    before = round_.closes_at
    round_.closes_at = at
    cut = db.session.execute(
        update(Attempt).where(Attempt.round_id == round_.id, Attempt.status == IN_PROGRESS,
                              Attempt.deadline_at > at)
        .values(deadline_at=at).execution_options(synchronize_session=False))
    record("round.close_early", actor=actor, target=round_, before=_iso(before), after=_iso(at),
           attempts_cut=cut.rowcount)
    results_changed()  # the public pages (the key rule reads no cache)
    return round_


def extend(round_: Round, closes_at: datetime, reason: str, actor) -> Round:
    """Move the close time later, while open or closed with no results computed,
    and never once keys it can draw may have been shown (``quiz.rules.keys.reopen_problem``)."""
    reason = required_reason(reason, EXTEND_REASON_MISSING)
    round_ = locked_round(round_.id)
    _check_extendable(round_, closes_at)
    contest = round_.contest
    clash = (round_outside(contest.starts_at, contest.ends_at, None, closes_at).get("closes_at")
             or overlap_problem(round_, round_.contest_id, round_.opens_at, closes_at,
                                round_.allow_overlap))
    if clash:
        raise TransitionRefused(clash)
    before = round_.closes_at
    round_.closes_at = closes_at
    record("round.extend", actor=actor, target=round_, before=_iso(before),
           after=_iso(closes_at), reason=reason)
    results_changed()  # the public pages (the key rule reads no cache)
    return round_


def _check_extendable(round_: Round, closes_at: datetime) -> None:
    if round_.results_computed_at is not None:
        raise TransitionRefused("Kết quả đợt thi đã được tính, không thể gia hạn.")
    if status(round_) not in ("open", "closed"):
        raise TransitionRefused("Chỉ có thể gia hạn đợt thi đang mở hoặc đã kết thúc "
                                "(đợt chưa mở: sửa giờ đóng trong phần cài đặt).")
    keys_shown = reopen_problem(round_)
    if keys_shown:
        raise TransitionRefused(keys_shown)
    if closes_at <= round_.closes_at:
        raise TransitionRefused("Giờ đóng mới phải sau giờ đóng hiện tại "
                                f"({format_local(round_.closes_at)}).")
    if closes_at <= now():
        raise TransitionRefused("Giờ đóng mới phải ở tương lai.")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
