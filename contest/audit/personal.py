"""Personal values in the audit log, kept so that they can be erased.

The log is append-only: who did what, when, to whom never changes. A personal
value it mentions (a phone before and after, a corrected name, a reason an
organizer typed about someone) is therefore not written into ``details``: it goes
to ``audit_personal_values``, tied to the person it is about, and ``details``
holds a reference ``{"personal": <id>}``. Reading the log resolves references to
the value while it exists; deleting or anonymising the person deletes the values
(``erase_about``), and the log then reads "(đã xóa)" in their place.
"""
from sqlalchemy import delete, select, update

from contest.audit.models import AuditLog, AuditPersonalValue
from contest.extensions import db

REF = "personal"
# Fields of a profile change that tell nobody who the person is: written in clear.
CLEAR_FIELDS = frozenset({"gender", "audience", "unit", "managed_unit", "role",
                          "time_limit_percent"})


class Erased:
    """What a reference reads as once its value is erased."""

    def __str__(self) -> str:
        return "(đã xóa)"


ERASED = Erased()


def keep(user, value):
    """A reference to ``value`` (about ``user``) to write into ``details``;
    an empty value stays as it is (nothing personal to keep)."""
    if value is None or value == "":
        return value
    kept = AuditPersonalValue(user_id=user.id, value=str(value))
    db.session.add(kept)
    db.session.flush()
    return {REF: kept.id}


def kept_changes(user, changes: dict) -> dict:
    """``{field: {before, after}}`` with the personal fields' values as references."""
    return {key: change if key in CLEAR_FIELDS
            else {"before": keep(user, change["before"]), "after": keep(user, change["after"])}
            for key, change in changes.items()}


def resolved(details_list: list) -> list:
    """Each details with its references replaced by the value, or ``ERASED``;
    all of them read in one query."""
    ids = {ref for details in details_list for ref in _references(details)}
    values = dict(db.session.execute(select(AuditPersonalValue.id, AuditPersonalValue.value)
                                     .where(AuditPersonalValue.id.in_(ids))).all()) if ids else {}
    return [_replaced(details, lambda ref: values.get(ref, ERASED)) for details in details_list]


def erase_about(user_ids: list[int]) -> None:
    """Erase what the log keeps about these people: the values about them, and the
    address of the rows they did themselves (who, what and when stay)."""
    db.session.execute(delete(AuditPersonalValue).where(AuditPersonalValue.user_id.in_(user_ids)))
    db.session.execute(update(AuditLog).where(AuditLog.actor_id.in_(user_ids)).values(ip=None))


def _is_reference(value) -> bool:
    return isinstance(value, dict) and value.keys() == {REF} and isinstance(value[REF], int)


def _references(value):
    if _is_reference(value):
        yield value[REF]
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _references(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _references(inner)


def _replaced(value, lookup):
    if _is_reference(value):
        return lookup(value[REF])
    if isinstance(value, dict):
        return {key: _replaced(inner, lookup) for key, inner in value.items()}
    if isinstance(value, list):
        return [_replaced(inner, lookup) for inner in value]
    return value
