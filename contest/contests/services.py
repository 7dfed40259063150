"""The contest's branding: the issuing body, its logo and a contact line, shown
on every public page.

A logo is PNG or JPEG, at most 512 KB, recognised by its content (Pillow reads its
header), never by its name or the type the browser claims; its pixels are
bounded and a small copy stored (``logo_pixels``).
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from contest.audit.services import record
from contest.caching import cached_figures, results_changed
from contest.clock import now
from contest.contests.models import Contest
from contest.contests.queries.contests import current_contest
from contest.contests.rules import logo_pixels
from contest.errors import DomainError, NotFound
from contest.extensions import db
from contest.formatting import number

MAX_LOGO_BYTES = 512 * 1024
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg"}


class InvalidLogo(DomainError):
    message = "Logo phải là ảnh PNG hoặc JPEG, dung lượng không quá 512 KB."


@dataclass(frozen=True)
class Branding:
    contest_id: int
    contest_name: str
    organizer_name: str
    contact_line: str
    logo_version: str | None  # cache-busting ?v= of the logo; None: no logo


def set_logo(contest: Contest, data: bytes, actor) -> None:
    if len(data) > MAX_LOGO_BYTES:
        raise InvalidLogo(f"Logo quá lớn ({len(data) // 1024} KB): tối đa 512 KB.")
    kind = logo_pixels.image_type(data)
    if kind is None:
        raise InvalidLogo("Tệp tải lên không phải ảnh PNG hoặc JPEG.")
    data = _stored_copy(data, kind)
    before = (contest.logo_type, len(contest.logo) if contest.logo else 0)
    contest.logo, contest.logo_type, contest.logo_updated_at = data, kind, now()
    record("contest.logo", actor=actor, target=contest, before_type=before[0],
           before_bytes=before[1], after_type=kind, after_bytes=len(data))
    results_changed()


def _stored_copy(data: bytes, kind: str) -> bytes:
    try:
        return logo_pixels.stored_copy(data, kind)
    except logo_pixels.TooManyPixels as error:
        raise InvalidLogo(f"Ảnh logo quá lớn: {error.width} × {error.height} điểm ảnh (tối đa "
                          f"{number(logo_pixels.MAX_LOGO_PIXELS)} điểm ảnh, ví dụ 2000 × 2000). "
                          "Hãy thu nhỏ ảnh rồi tải lên lại.") from error
    except logo_pixels.UnreadableImage as error:
        raise InvalidLogo("Không đọc được ảnh logo. Hãy lưu lại ảnh dưới dạng PNG hoặc JPEG "
                          "rồi tải lên lại.") from error


def shrink_stored_logos() -> dict[int, bool]:
    """Each stored logo larger than the certificates draw, replaced by its small
    copy (logos stored before uploads were scaled down): {contest id: shrunk,
    or False when it cannot be decoded (the organizer must upload it again)}."""
    outcome = {}
    for contest in db.session.scalars(select(Contest).where(Contest.logo.is_not(None))):
        try:
            smaller = logo_pixels.shrunk(contest.logo, contest.logo_type)
        except logo_pixels.UnreadableImage:
            outcome[contest.id] = False
            continue
        if smaller is not None:
            record("contest.logo", target=contest, before_type=contest.logo_type,
                   before_bytes=len(contest.logo), after_type=contest.logo_type,
                   after_bytes=len(smaller), shrunk=True)
            contest.logo, contest.logo_updated_at = smaller, now()
            outcome[contest.id] = True
    results_changed()
    return outcome


def remove_logo(contest: Contest, actor) -> None:
    if contest.logo is None:
        raise InvalidLogo("Cuộc thi chưa có logo.")
    record("contest.logo", actor=actor, target=contest, before_type=contest.logo_type,
           before_bytes=len(contest.logo), after_type=None, after_bytes=0)
    contest.logo, contest.logo_type, contest.logo_updated_at = None, None, now()
    results_changed()


def logo_version(updated_at: datetime | None) -> str | None:
    return str(int(updated_at.timestamp())) if updated_at else None


def logo_of(contest_id: int) -> tuple[bytes, str, str | None]:
    """(bytes, content type, version) of a contest's logo; 404 when it has none."""
    row = db.session.execute(select(Contest.logo, Contest.logo_type, Contest.logo_updated_at)
                             .where(Contest.id == contest_id)).first()
    if row is None or row.logo is None or row.logo_type not in EXTENSIONS:
        raise NotFound("Không tìm thấy logo.")
    return row.logo, row.logo_type, logo_version(row.logo_updated_at)


def page_branding() -> Branding | None:
    """The branding of the contest the public sees, or None (no contest yet, or
    the database is unreachable: an error page must still render). Read on every
    page, so cached like the public figures (and cleared when it changes)."""
    try:
        branding, _ = cached_figures("branding", _branding)
    except SQLAlchemyError:
        return None
    return branding


def _branding() -> Branding | None:
    contest = current_contest()
    if contest is None:
        return None
    return Branding(contest.id, contest.name, contest.organizer_name, contest.contact_line,
                    logo_version(contest.logo_updated_at) if contest.logo_type else None)
