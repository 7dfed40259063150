"""Extra time for a person (WCAG 2.2.1, Timing adjustable).

An organizer may give a person who needs it (a disability, a slow assistive
device) a longer time limit: a multiple of each round's limit from a fixed
list, with a reason, audited in the same transaction. Attempts started
afterwards get ``deadline = start + limit × multiple`` (``quiz.services.attempts.
deadline_for``), still cut at the round's close time. Such attempts are ranked
like every other one, on the time actually used (the rules page says so).
"""
from contest.accounts.models import User
from contest.accounts.rules import permissions
from contest.accounts.services.management import NothingChanged
from contest.audit.personal import keep
from contest.audit.services import record
from contest.errors import DomainError
from contest.reasons import required_reason

STANDARD = 100  # percent of the round's limit: no extra time
TIME_LIMIT_PERCENTS = {
    STANDARD: "Như mọi người (không thêm thời gian)",
    125: "Gấp 1,25 lần thời gian quy định",
    150: "Gấp 1,5 lần thời gian quy định",
    200: "Gấp 2 lần thời gian quy định",
}


EXTRA_TIME_REASON_MISSING = "Vui lòng ghi lý do cho thêm thời gian làm bài."


class UnknownTimeLimit(DomainError):
    message = "Mức thời gian làm bài không hợp lệ: vui lòng chọn một mức trong danh sách."


def time_limit_label(percent: int | None) -> str:
    return TIME_LIMIT_PERCENTS.get(percent or STANDARD, f"{percent}% thời gian quy định")


def set_time_limit_percent(target: User, percent: int, reason: str, actor) -> None:
    """Give ``target`` ``percent`` of each round's time limit (``STANDARD``: none),
    for attempts they start from now on."""
    permissions.ensure_may_manage(actor, target)
    if percent not in TIME_LIMIT_PERCENTS:
        raise UnknownTimeLimit()
    reason = required_reason(reason, EXTRA_TIME_REASON_MISSING)
    before = target.time_limit_percent or STANDARD
    if percent == before:
        raise NothingChanged("Người này đã có đúng mức thời gian làm bài này.")
    target.time_limit_percent = None if percent == STANDARD else percent
    record("account.extra_time", actor=actor, target=target, reason=keep(target, reason),
           changes={"time_limit_percent": {"before": before, "after": percent}})

