"""The list of a unit's people who have not taken part in a round, as its
manager calls them: titled with the unit, the round and the moment it was read,
and with full phones for the unit's own manager only (``phones_shown_in_full``)."""
from datetime import datetime

from contest.formatting import format_local
from contest.masking import masked_phone
from contest.rankings.queries.members import Absentee
from contest.spreadsheets import PrintSetup, Table, write_xlsx

HEADERS = ("STT", "Họ và tên", "Số điện thoại", "Đối tượng / chức vụ", "Tình trạng")
REGISTERED, NOT_REGISTERED = "chưa dự thi", "chưa đăng ký"


def phones_shown_in_full(user, unit) -> bool:
    """The manager the organizer appointed for this unit sees its people's
    phones in full, to remind them; everyone else (organizers, other units'
    managers) sees them masked."""
    return user.role == "unit_manager" and user.managed_unit_id == unit.id


def absentees_title(unit, round_, read_at: datetime) -> str:
    return (f"Danh sách chưa dự thi — {unit.name} — {round_.name} — "
            f"tính đến {format_local(read_at)}")


def shown_phone(phone: str | None, full: bool) -> str:
    return (phone or "—") if full else masked_phone(phone)


def status(person: Absentee) -> str:
    return REGISTERED if person.registered else NOT_REGISTERED


def absentees_workbook(title: str, people: list[Absentee], full_phones: bool) -> bytes:
    """The title on the first row, the header on the second, a person a row."""
    rows = [(number, person.full_name, shown_phone(person.phone, full_phones), person.detail,
             status(person)) for number, person in enumerate(people, start=1)]
    return write_xlsx(Table("Chưa dự thi", HEADERS, rows, title=title),
                      print_setup=PrintSetup(title=title))
