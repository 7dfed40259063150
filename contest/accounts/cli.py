"""`flask --app wsgi create-admin`: the first admin of a fresh installation."""
import sys
from datetime import date

import click

from contest.accounts.services.management import create_admin
from contest.errors import DomainError
from contest.parsing import BIRTH_YEARS, DAY_FORMAT, parse_day

MIN_PASSWORD, MAX_PASSWORD = 8, 128


def _parse_date(_ctx, _param, value: str) -> date:
    # A prompted value comes back a second time as str(date): yyyy-mm-dd.
    born = parse_day(value, (DAY_FORMAT, "%Y-%m-%d"), BIRTH_YEARS)
    if born is not None:
        return born
    raise click.BadParameter("ngày sinh phải có dạng dd/mm/yyyy, ví dụ 17/05/1985.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")


@click.command("create-admin")
@click.option("--phone", prompt="Số điện thoại", help="số di động, dùng để đăng nhập")
@click.option("--name", prompt="Họ và tên", help="họ và tên đầy đủ")
@click.option("--date-of-birth", prompt="Ngày sinh (dd/mm/yyyy)", callback=_parse_date,
              help="dd/mm/yyyy")
@click.option("--unit-code", default=None,
              help="mã đơn vị; bỏ trống: đơn vị BTC «Ban Tổ chức» (tạo mới nếu chưa có đơn vị nào)")
@click.option("--password-stdin", is_flag=True, help="đọc mật khẩu từ dòng đầu của stdin")
def create_admin_command(phone, name, date_of_birth, unit_code, password_stdin):
    """Create an admin account (audited as account.create_admin)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise click.ClickException("Họ và tên phải có từ 1 đến 100 ký tự.")
    password = _read_password(password_stdin)
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise click.ClickException(
            f"Mật khẩu phải dài từ {MIN_PASSWORD} đến {MAX_PASSWORD} ký tự.")
    try:
        user = create_admin(full_name=name, phone=phone, date_of_birth=date_of_birth,
                            password=password, unit_code=unit_code)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Đã tạo tài khoản Quản trị {user.full_name} ({user.phone}), "
               f"đơn vị {user.unit.code} — {user.unit.name}.")
