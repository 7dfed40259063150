"""Organizer actions on accounts: reset a password, lock and unlock, change a
role, appoint a unit manager, correct locked profile fields, create an admin.

Each action checks who may do it (``permissions``), changes the account and
writes its audit row in one transaction; a refusal raises a domain error and
changes nothing.
"""
from datetime import date

from sqlalchemy import select

from contest.accounts.models import ROLES, User
from contest.accounts.rules import passwords as password_rules, permissions
from contest.accounts.rules.phone import is_valid_mobile, normalize_phone
from contest.accounts.services.accounts import DuplicateAccount
from contest.accounts.services.passwords import new_password
from contest.audit.personal import keep, kept_changes
from contest.audit.services import record
from contest.clock import now
from contest.errors import Conflict, DomainError, NotFound
from contest.extensions import db
from contest.lookups import get_or_404
from contest.reasons import optional_reason, required_reason
from contest.transactions import refused_as
from contest.units.models import Unit
from contest.units.services import upsert_unit

LOCK_REASON_MISSING = "Vui lòng ghi lý do khóa tài khoản."
CORRECTION_REASON_MISSING = "Vui lòng ghi lý do sửa (ví dụ: theo CCCD, theo đơn đề nghị)."
ORGANIZER_UNIT = ("BTC", "Ban Tổ chức", "organizer")


class NothingChanged(DomainError):
    message = "Không có thông tin nào thay đổi."


class UnknownRole(DomainError):
    message = "Vai trò không hợp lệ."


class InactiveUnit(Conflict):
    message = "Đơn vị này đã ngừng hoạt động, không thể chọn."


def get_user(user_id: int) -> User:
    return get_or_404(User, user_id, "Không tìm thấy tài khoản.")


def get_active_unit(unit_id: int) -> Unit:
    unit = get_or_404(Unit, unit_id, "Không tìm thấy đơn vị.")
    if not unit.active:
        raise InactiveUnit()
    return unit


def reset_password(target: User, actor) -> str:
    """A new random password, returned once to show; only its hash is kept. The
    person's sessions end: whoever was logged in with the old password is logged out.
    The person sets their own at their next login (``rules.first_login``)."""
    permissions.ensure_may_manage(actor, target)
    password = new_password()
    target.set_password(password)
    target.must_change_password = True
    target.end_sessions()
    record("account.reset_password", actor=actor, target=target)
    return password


def lock(target: User, reason: str, actor) -> None:
    permissions.ensure_may_manage(actor, target)
    permissions.ensure_not_self(actor, target)
    reason = required_reason(reason, LOCK_REASON_MISSING)
    if target.is_locked:
        raise Conflict("Tài khoản này đã bị khóa.")
    permissions.ensure_admin_remains(target)
    target.locked_at = now()
    target.end_sessions()  # they stay ended after an unlock
    record("account.lock", actor=actor, target=target, reason=keep(target, reason))


def unlock(target: User, reason: str | None, actor) -> None:
    permissions.ensure_may_manage(actor, target)
    reason = optional_reason(reason)
    if not target.is_locked:
        raise Conflict("Tài khoản này không bị khóa.")
    locked_at = target.locked_at
    target.locked_at = None
    record("account.unlock", actor=actor, target=target, reason=keep(target, reason),
           locked_at=locked_at.isoformat())


def _check_role_change(target: User, role: str, actor) -> None:
    if role not in ROLES:
        raise UnknownRole()
    permissions.ensure_may_manage(actor, target)
    permissions.ensure_may_grant(actor, role)
    permissions.ensure_not_self(actor, target)
    if role != "admin":
        permissions.ensure_admin_remains(target)


def change_role(target: User, role: str, actor) -> None:
    """A new role; made a unit manager this way, the person manages their own unit
    (the organizer picks another with ``make_unit_manager``); no longer one, they
    manage none."""
    _check_role_change(target, role, actor)
    if role == target.role:
        raise NothingChanged("Tài khoản đã có vai trò này.")
    details, managed_before = {"before": target.role, "after": role}, _code(target.managed_unit)
    target.role = role
    target.managed_unit = target.unit if role == "unit_manager" else None
    if _code(target.managed_unit) != managed_before:
        details["changes"] = {"managed_unit": {"before": managed_before,
                                               "after": _code(target.managed_unit)}}
    record("account.role", actor=actor, target=target, **details)


def make_unit_manager(target: User, unit_id: int, actor) -> None:
    """Make ``target`` the unit manager of the unit ``unit_id``: the unit they
    manage (``managed_unit``, which only an organizer sets) and their own unit."""
    _check_role_change(target, "unit_manager", actor)
    unit = target.unit if unit_id == target.unit_id else get_active_unit(unit_id)
    if target.role == "unit_manager" and target.managed_unit_id == unit.id == target.unit_id:
        raise NothingChanged("Người này đã là lãnh đạo của đơn vị này.")
    before = {"role": target.role, "unit": target.unit.code,
              "managed_unit": _code(target.managed_unit)}
    target.role = "unit_manager"
    target.unit = target.managed_unit = unit
    record("account.unit_manager", actor=actor, target=target, before=before,
           after={"role": "unit_manager", "unit": unit.code, "managed_unit": unit.code})


def _code(unit: Unit | None) -> str | None:
    return unit.code if unit is not None else None


def correct_profile(target: User, *, full_name: str, date_of_birth: date, unit_id: int,
                    reason: str, actor) -> dict:
    """Correct the fields a contestant cannot edit (prizes are paid on them);
    returns the fields changed."""
    permissions.ensure_may_manage(actor, target)
    reason = required_reason(reason, CORRECTION_REASON_MISSING)
    unit = target.unit if unit_id == target.unit_id else get_active_unit(unit_id)
    before = _profile(target.full_name, target.date_of_birth, target.unit)
    after = _profile(full_name.strip(), date_of_birth, unit)
    changed = {key: {"before": before[key], "after": after[key]}
               for key in before if before[key] != after[key]}
    if not changed:
        raise NothingChanged()
    target.full_name, target.date_of_birth, target.unit = after["full_name"], date_of_birth, unit
    record("account.correct", actor=actor, target=target, reason=keep(target, reason),
           changes=kept_changes(target, changed))
    return changed


def _profile(full_name: str, date_of_birth: date, unit: Unit) -> dict:
    return {"full_name": full_name, "date_of_birth": date_of_birth.isoformat(), "unit": unit.code}


# --- the first admin, from the command line ------------------------------------

def create_admin(*, full_name: str, phone: str, date_of_birth: date, password: str,
                 unit_code: str | None = None) -> User:
    phone = normalize_phone(phone)
    if not is_valid_mobile(phone):
        raise DomainError("Số điện thoại di động không hợp lệ (10 chữ số, ví dụ 0912345678).")
    if db.session.scalar(select(User.id).where(User.phone == phone)) is not None:
        raise DuplicateAccount(f"Số điện thoại {phone} đã được dùng cho một tài khoản khác.")
    password_rules.ensure_acceptable(password, password_rules.Person(
        phone=phone, date_of_birth=date_of_birth))
    unit, unit_created = _admin_unit(unit_code)
    user = User(full_name=full_name.strip(), date_of_birth=date_of_birth, gender="khac",
                phone=phone, audience="cbccvc", unit=unit, role="admin")
    user.set_password(password)
    with refused_as(lambda _refused: DuplicateAccount()):  # a phone taken meanwhile
        db.session.add(user)
    record("account.create_admin", target=user, unit=unit.code, unit_created=unit_created)
    return user


def _admin_unit(code: str | None) -> tuple[Unit, bool]:
    """The unit named by ``code``; without one, "Ban Tổ chức" (created when the
    database has no unit at all, so a fresh install can start)."""
    wanted = (code or ORGANIZER_UNIT[0]).strip()
    unit = db.session.scalar(select(Unit).where(Unit.code == wanted))
    if unit is not None:
        return unit, False
    if code is None and db.session.scalar(select(Unit.id).limit(1)) is None:
        unit = upsert_unit(*ORGANIZER_UNIT, headcount=None)
        db.session.flush()
        return unit, True
    raise NotFound(f"Không có đơn vị mã {wanted}. Hãy chọn một mã đơn vị đã có (--unit-code).")
