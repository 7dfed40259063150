"""Who may do what to an account in the organizer console.

An organizer manages contestant and unit-manager accounts; organizer and admin
accounts (and granting or removing those roles) are an admin's alone. Nobody
changes their own role or locks themselves, and the last admin stays an admin.
"""
from sqlalchemy import select

from contest.accounts.models import ORGANIZER_ROLES, User
from contest.errors import Conflict, DomainError
from contest.extensions import db


class NotAllowed(DomainError):
    status_code = 403
    message = "Chỉ Quản trị mới được thao tác trên tài khoản Ban Tổ chức hoặc Quản trị."


class SelfChange(Conflict):
    message = "Bạn không thể tự đổi vai trò hoặc tự khóa tài khoản của mình."


class LastAdmin(Conflict):
    message = "Không thể hạ quyền hoặc khóa Quản trị cuối cùng của hệ thống."


def may_manage(actor, target: User) -> bool:
    """True when ``actor`` may reset, lock, edit or change ``target``."""
    return actor.role == "admin" or target.role not in ORGANIZER_ROLES


def may_grant(actor, role: str) -> bool:
    return actor.role == "admin" or role not in ORGANIZER_ROLES


def ensure_may_manage(actor, target: User) -> None:
    if not may_manage(actor, target):
        raise NotAllowed()


def ensure_may_grant(actor, role: str) -> None:
    if not may_grant(actor, role):
        raise NotAllowed("Chỉ Quản trị mới được cấp quyền Ban Tổ chức hoặc Quản trị.")


def ensure_not_self(actor, target: User) -> None:
    if actor.id == target.id:
        raise SelfChange()


def ensure_admin_remains(target: User) -> None:
    """Refuse when ``target`` is the only active admin (the other admins' rows are
    locked on PostgreSQL until the commit, so two admins cannot demote each other
    at once)."""
    if target.role != "admin":
        return
    others = select(User.id).where(User.role == "admin", User.id != target.id,
                                   User.locked_at.is_(None)).with_for_update()
    if not db.session.scalars(others).first():
        raise LastAdmin()

