"""Everything kept about a person outside their account row, erased when their
data is deleted (a request carried out) or anonymised (``flask privacy
anonymise``): one function, so both paths always erase the same places.

Each place a person's data lives adds its own step here."""
from sqlalchemy import update

from contest.audit.personal import erase_about
from contest.extensions import db
from contest.privacy.models import DeletionRequest
from contest.reports.services.retention import forget_exports_of


def erase_personal_data(user_ids: list[int]) -> None:
    """Erase what is kept about ``user_ids`` besides the ``users`` row (which
    ``anonymise_user`` replaces), in the caller's transaction."""
    if not user_ids:
        return
    erase_about(user_ids)  # the audit log's personal values and addresses
    db.session.execute(update(DeletionRequest).where(DeletionRequest.user_id.in_(user_ids))
                       .values(reason=None))  # may hold the name and phone they typed
    forget_exports_of(user_ids)  # built export files and cached result pages naming them
