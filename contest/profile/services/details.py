"""A person's own profile: phone, e-mail and password at any time; name, date of
birth and unit only until their first submitted attempt. Prizes are paid on those
three, so afterwards only the organizer corrects them, with a reason in the log
(``management.correct_profile``). Staff accounts (unit managers, organizers,
admins) never change their own unit: the organizer assigns it.

Each change is written with its audit row in one transaction; a phone or e-mail
another account took meanwhile (the unique constraints) changes nothing.
"""
from datetime import date

from sqlalchemy import select

from contest.accounts.forms import PRIZE_FIELDS
from contest.accounts.models import User
from contest.accounts.services.accounts import DuplicateAccount
from contest.accounts.services.management import get_active_unit
from contest.audit.personal import kept_changes
from contest.audit.services import record
from contest.errors import DomainError
from contest.extensions import db
from contest.quiz.models import SUBMITTED, Attempt
from contest.transactions import refused_as
from contest.units.models import Unit
from contest.units.queries import all_units

ASK_THE_ORGANIZER = ("Họ và tên, ngày sinh và đơn vị không tự sửa được sau khi bạn đã nộp bài thi "
                     "(giải thưởng được trao theo các thông tin này). Nếu cần sửa, vui lòng liên hệ "
                     "Ban Tổ chức.")


class ProfileLocked(DomainError):
    status_code = 403
    message = ASK_THE_ORGANIZER


UNIT_SET_BY_ORGANIZER = ("Tài khoản lãnh đạo đơn vị, Ban Tổ chức và quản trị không tự đổi đơn vị "
                         "được: đơn vị của các tài khoản này do Ban Tổ chức giao. Nếu cần đổi, "
                         "vui lòng liên hệ Ban Tổ chức.")


class UnitSetByOrganizer(DomainError):
    message = UNIT_SET_BY_ORGANIZER


class SamePassword(DomainError):
    message = "Mật khẩu mới phải khác mật khẩu hiện tại."


class WrongPassword(DomainError):
    message = "Mật khẩu hiện tại không đúng."


def prize_fields_locked(user: User) -> bool:
    """True once the person has a submitted attempt."""
    submitted = select(Attempt.id).where(Attempt.user_id == user.id, Attempt.status == SUBMITTED)
    return db.session.scalar(submitted.limit(1)) is not None


def unit_locked(user: User) -> bool:
    """Staff accounts do not pick their own unit: a unit manager's rights, and
    what an organizer's account shows, come with the unit the organizer gave."""
    return user.role != "contestant"


def units_for(user: User) -> list[Unit]:
    """The units a person may pick: the active ones, and their own even if no longer active."""
    units = all_units()
    return units if any(unit.id == user.unit_id for unit in units) else [user.unit, *units]


def update_profile(user: User, values: dict) -> dict:
    """Apply ``values`` (by ``User`` attribute; ``unit_id`` for the unit) and return
    what changed, before and after; nothing changed returns ``{}`` and writes nothing."""
    if values.keys() & set(PRIZE_FIELDS) and prize_fields_locked(user):
        raise ProfileLocked()
    if values.get("unit_id", user.unit_id) != user.unit_id and unit_locked(user):
        raise UnitSetByOrganizer()
    values = dict(values)
    unit_id = values.pop("unit_id", user.unit_id)
    changes = {key: _change(getattr(user, key), value)
               for key, value in values.items() if getattr(user, key) != value}
    if unit_id != user.unit_id:
        unit = get_active_unit(unit_id)
        changes["unit"] = _change(user.unit.code, unit.code)
        user.unit = unit
    if not changes:
        return {}
    # A phone or e-mail taken meanwhile fails on the flush; nothing is changed.
    with refused_as(lambda _refused: DuplicateAccount()):
        for key in values.keys() & changes.keys():
            setattr(user, key, values[key])
    record("account.profile", actor=user, target=user, changes=kept_changes(user, changes))
    return changes


def _change(before, after) -> dict:
    return {"before": _plain(before), "after": _plain(after)}


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def change_password(user: User, current: str, new: str) -> None:
    """The person's own new password; one an organizer gave is replaced by it (the
    audit row says so). Every session ends, and ``user.session_version`` is read
    back for the one device that stays logged in (``profile.routes``)."""
    if not user.check_password(current):
        raise WrongPassword()
    if new == current:
        raise SamePassword()
    replaced_initial = user.must_change_password
    user.set_password(new)
    user.must_change_password = False
    user.end_sessions()  # every other device logs in again, with the new password
    record("account.password_change", actor=user, target=user,
           **({"replaced_initial": True} if replaced_initial else {}))
    db.session.flush()
