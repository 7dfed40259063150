"""Consents and deletion requests. Each change is written with its audit row in
one transaction. Withdrawing consent is asking for deletion: the request stamps
every consent the person gave as withdrawn."""
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from contest.accounts.models import Consent
from contest.audit.services import record
from contest.clock import now
from contest.errors import Conflict
from contest.extensions import db
from contest.lookups import get_or_404
from contest.privacy.models import DeletionRequest
from contest.privacy.services.anonymise import anonymise_user
from contest.privacy.services.erasure import erase_personal_data
from contest.reasons import optional_reason
from contest.transactions import savepoint


class AlreadyCarriedOut(Conflict):
    message = "Yêu cầu này đã được thực hiện trước đó."


def consents_of(user) -> list[Consent]:
    return list(db.session.scalars(
        select(Consent).where(Consent.user_id == user.id).order_by(Consent.given_at)))


def deletion_request_of(user) -> DeletionRequest | None:
    return db.session.scalar(select(DeletionRequest).where(DeletionRequest.user_id == user.id))


def request_deletion(user, reason: str | None) -> tuple[DeletionRequest, bool]:
    """The person's request (and whether it is new): recorded once, consent withdrawn."""
    reason = optional_reason(reason)
    existing = deletion_request_of(user)
    if existing is not None:
        return existing, False
    request = DeletionRequest(user_id=user.id, requested_at=now(), reason=reason or None)
    try:
        with savepoint():
            db.session.add(request)
    except IntegrityError:  # the same request sent twice at once
        return deletion_request_of(user), False
    db.session.execute(update(Consent).where(Consent.user_id == user.id,
                                             Consent.withdrawn_at.is_(None))
                       .values(withdrawn_at=request.requested_at))
    record("privacy.deletion_request", actor=user, target=user)
    return request, True


def get_request(request_id: int) -> DeletionRequest:
    return get_or_404(DeletionRequest, request_id, "Không tìm thấy yêu cầu xóa dữ liệu.")


def carry_out(request: DeletionRequest, actor) -> None:
    """An organizer carries out a request: the person's data anonymised now."""
    if request.is_done:
        raise AlreadyCarriedOut()
    user = request.user
    anonymise_user(user)
    erase_personal_data([user.id])
    request.carried_out_at, request.carried_out_by_id = now(), actor.id
    record("privacy.deletion_carried_out", actor=actor, target=user, request_id=request.id)


def deletion_requests(pending_only: bool) -> list[DeletionRequest]:
    stmt = select(DeletionRequest).order_by(DeletionRequest.carried_out_at.is_not(None),
                                            DeletionRequest.requested_at.desc()).limit(500)
    if pending_only:
        stmt = stmt.where(DeletionRequest.carried_out_at.is_(None))
    return list(db.session.scalars(stmt))
