"""Replacing a person's personal fields, and doing it for everyone of a contest
closed for longer than the retention period.

What stays: the account row and its id, gender, audience group and unit, every
attempt and answer, the rankings, unit figures and statistics built on them, and
the prize lists already published (``awards`` keep the name and unit printed on
them: they are the contest's record of who was awarded). What goes: the name
(→ "Người dự thi #id"), phone (→ "x<id>", never a valid number), e-mail and CCCD
(→ empty), day and month of birth (→ 1 January of the year), and the password
(the account is locked and can no longer log in).
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update

from contest.accounts.models import User
from contest.audit.services import record
from contest.clock import now
from contest.contests.models import Contest, Round
from contest.errors import DomainError
from contest.extensions import db
from contest.formatting import format_local
from contest.privacy.models import DeletionRequest
from contest.privacy.services.erasure import erase_personal_data
from contest.quiz.models import Attempt

UNUSABLE_PASSWORD = "!anonymised"  # matches no password (contest.accounts.rules.hashing)
CHUNK = 500


class RetentionNotOver(DomainError):
    status_code = 409


@dataclass(frozen=True)
class AnonymiseReport:
    anonymised: int
    kept_for_other_contests: int


def placeholder_name(user_id: int) -> str:
    return f"Người dự thi #{user_id}"


def placeholder_phone(user_id: int) -> str:
    """Unique (the id) and never a phone number (a letter first)."""
    return f"x{user_id}"


def anonymise_user(user: User) -> None:
    """Replace the personal fields of ``user`` (idempotent)."""
    if user.anonymised_at is not None:
        return
    user.full_name = placeholder_name(user.id)
    user.phone = placeholder_phone(user.id)
    user.email = user.cccd_hash = user.cccd_last4 = None
    user.date_of_birth = date(user.date_of_birth.year, 1, 1)
    user.password_hash = UNUSABLE_PASSWORD
    user.anonymised_at = now()
    user.locked_at = user.locked_at or user.anonymised_at  # a session still open ends


def closed_at(contest: Contest) -> datetime | None:
    """When the contest's last round closed (or its end, if later); None while a
    round is still to close or it has none."""
    latest = db.session.scalar(select(func.max(Round.closes_at)).where(Round.contest_id == contest.id))
    if latest is None:
        return None
    latest = max(latest, contest.ends_at) if contest.ends_at else latest
    return latest if latest <= now() else None


def _retained_contest_ids(days: int) -> list[int]:
    """Contests still open, or closed less than ``days`` ago."""
    return [contest.id for contest in db.session.scalars(select(Contest))
            if (end := closed_at(contest)) is None or end + timedelta(days=days) > now()]


def _contestants_to_anonymise(contest: Contest, days: int) -> tuple[list[int], int]:
    """Ids of the contest's contestants not yet anonymised, and how many are kept
    because they also took part in a contest still within retention."""
    took_part = (select(Attempt.user_id).join(Round, Round.id == Attempt.round_id)
                 .where(Round.contest_id == contest.id).distinct())
    ids = set(db.session.scalars(select(User.id).where(
        User.id.in_(took_part), User.role == "contestant", User.anonymised_at.is_(None))))
    retained = _retained_contest_ids(days)
    kept = set(db.session.scalars(
        select(Attempt.user_id).join(Round, Round.id == Attempt.round_id)
        .where(Round.contest_id.in_(retained)).distinct())) if retained else set()
    return sorted(ids - kept), len(ids & kept)


def anonymise_contest(contest: Contest, days: int) -> AnonymiseReport:
    """Anonymise the contestants of ``contest``, closed for more than ``days`` days;
    refused before that. Pending deletion requests of those people are marked done."""
    end = closed_at(contest)
    if end is None:
        raise RetentionNotOver(f"Cuộc thi «{contest.name}» chưa kết thúc: không ẩn danh được.")
    if now() < end + timedelta(days=days):
        raise RetentionNotOver(
            f"Cuộc thi «{contest.name}» kết thúc lúc {format_local(end)}; chỉ ẩn danh được sau "
            f"{days} ngày, từ {format_local(end + timedelta(days=days))}.")
    ids, kept = _contestants_to_anonymise(contest, days)
    for start in range(0, len(ids), CHUNK):
        _anonymise_chunk(ids[start:start + CHUNK])
    record("privacy.anonymise", target=contest, count=len(ids), kept=kept, retention_days=days)
    return AnonymiseReport(len(ids), kept)


def _anonymise_chunk(ids: list[int]) -> None:
    for user in db.session.scalars(select(User).where(User.id.in_(ids))):
        anonymise_user(user)
    erase_personal_data(ids)
    db.session.execute(update(DeletionRequest).where(
        DeletionRequest.user_id.in_(ids), DeletionRequest.carried_out_at.is_(None))
        .values(carried_out_at=now()))
    db.session.flush()
