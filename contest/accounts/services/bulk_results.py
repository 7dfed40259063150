"""Creating the accounts of a checked upload (``bulk.check_workbook``) and what
the organizer gets back: a result page and the workbook of initial passwords.

The new accounts, the stored result (``BulkCreation``) and the audit rows are
written in one transaction. Each new person must choose their own password at
their first login (``User.must_change_password``).

The workbook of initial passwords is kept in the result's row for
``RESULT_KEPT`` (30 minutes), so that the organizer who uploaded the file
(and only they: the one who will hand the passwords out) may download it
again if the first download was lost; then it is cleared together with the
refused rows, and only the counts stay. The passwords are never shown in a
page nor written to the audit log.

Audit: one ``account.bulk_create`` row for the upload (target: the result,
with the counts) and one per created person (target: the account, with the
result's id), so the person's page lists how their account was made;
``account.bulk_download`` for each download of the workbook.
"""
from datetime import timedelta

from sqlalchemy import select, update
from werkzeug.security import generate_password_hash

from contest import formatting
from contest.accounts.models import BulkCreation, User
from contest.accounts.services.accounts import DuplicateAccount
from contest.accounts.services.bulk import Checked, StaffRow, units_by_code
from contest.accounts.services.passwords import INITIAL_HASH_METHOD, new_password
from contest.audit.services import record
from contest.clock import now
from contest.errors import DomainError, NotFound
from contest.extensions import db
from contest.spreadsheets import Table, write_xlsx
from contest.transactions import refused_as

RESULT_KEPT = timedelta(minutes=30)
RESULT_SHEET = "Tài khoản đã tạo"
RESULT_HEADERS = ("Họ và tên", "Ngày sinh", "Số điện thoại", "Mã đơn vị", "Tên đơn vị",
                  "Mật khẩu ban đầu")
DOWNLOAD_NAME = "tai-khoan-moi-tao.xlsx"


class NotYourUpload(DomainError):
    status_code = 403
    message = ("Chỉ người đã tải tệp này lên mới xem được kết quả và tải lại tệp mật khẩu "
               "ban đầu.")


class PasswordsExpired(DomainError):
    status_code = 410
    message = (f"Tệp mật khẩu ban đầu chỉ được giữ {RESULT_KEPT.seconds // 60} phút sau khi tạo "
               "tài khoản và đã bị xóa. Mật khẩu không thể lấy lại: nếu chưa kịp chuyển cho ai, "
               "hãy đặt lại mật khẩu ở trang tài khoản của người đó.")


def create_accounts(checked: Checked, actor, filename: str) -> BulkCreation:
    """Create the accounts of ``checked.new`` (at least one) and keep the result."""
    units = units_by_code()
    created = []
    for row in checked.new:
        password = new_password()
        created.append((_new_account(row, units, password), password))
    with refused_as(_created_meanwhile):
        db.session.add_all(user for user, _ in created)
    result = BulkCreation(
        created_by_id=actor.id, expires_at=now() + RESULT_KEPT, filename=filename[:255],
        created_count=len(created), existing_count=len(checked.existing),
        refused_count=checked.refused_rows,
        refused=[{"row": error.row, "column": error.column, "message": error.message}
                 for error in checked.refused],
        workbook=write_xlsx(Table(RESULT_SHEET, RESULT_HEADERS, _workbook_rows(created))))
    db.session.add(result)
    db.session.flush()  # its public id, for the audit rows
    _record_creation(result, [user for user, _ in created], actor)
    return result


def _new_account(row: StaffRow, units, password: str) -> User:
    user = User(full_name=row.full_name, date_of_birth=row.date_of_birth, gender=row.gender,
                phone=row.phone, audience=row.audience, unit=units[row.unit_code],
                role="contestant", must_change_password=True)
    user.password_hash = generate_password_hash(password, method=INITIAL_HASH_METHOD)
    return user


def _workbook_rows(created: list[tuple[User, str]]) -> list[tuple]:
    return [(user.full_name, formatting.day(user.date_of_birth), user.phone, user.unit.code,
             user.unit.name, password) for user, password in created]


def _record_creation(result: BulkCreation, users: list[User], actor) -> None:
    record("account.bulk_create", actor=actor, target=result, filename=result.filename,
           count=result.created_count, existing=result.existing_count,
           refused=result.refused_count, units=sorted({user.unit.code for user in users}))
    for user in users:
        record("account.bulk_create", actor=actor, target=user, batch=result.public_id,
               unit=user.unit.code)


def _created_meanwhile(_refused) -> DuplicateAccount:
    """A phone of the file registered since the check (the same file sent twice at
    once, a double click): nothing of this upload is created."""
    return DuplicateAccount("Một số người trong tệp vừa được tạo tài khoản bởi một lần gửi khác "
                            "(có thể do bấm gửi hai lần): lần gửi này chưa tạo thêm tài khoản nào. "
                            "Hãy tải tệp lên lại để xem ai đã có tài khoản.")


# --- the stored result ------------------------------------------------------------

def result_for(public_id: str, viewer) -> BulkCreation:
    """The result of an upload, for the organizer who made it only."""
    result = db.session.scalar(select(BulkCreation).where(BulkCreation.public_id == public_id))
    if result is None:
        raise NotFound("Không tìm thấy kết quả tạo tài khoản này.")
    if result.created_by_id != viewer.id:
        raise NotYourUpload()
    return result


def password_workbook(result: BulkCreation, viewer) -> bytes:
    """The workbook of initial passwords, while it is kept; the download audited."""
    if not result.kept:
        raise PasswordsExpired()
    record("account.bulk_download", actor=viewer, target=result, count=result.created_count)
    return result.workbook


def purge_expired_results() -> int:
    """Clear the workbook and the refused rows of every result past its time (the
    counts stay); returns how many were cleared. Run whenever the bulk pages are
    opened and by ``flask exports purge`` (cron): a workbook past its time is never
    handed out (``BulkCreation.kept``), and none stays stored long after."""
    return db.session.execute(update(BulkCreation).where(
        BulkCreation.expires_at <= now(), BulkCreation.workbook.is_not(None))
        .values(workbook=None, refused=None)
        .execution_options(synchronize_session="fetch")).rowcount
