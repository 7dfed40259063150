"""A round of the Gia Lai contest that a commune's clerk takes part in, then
closed (and its prizes published) the way the organizer does it."""
from datetime import date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from contest import clock
from contest.certificates.models import Certificate
from contest.extensions import db
from contest.accounts.rules.cccd import stored_fields
from contest.prizes import services as prizes
from contest.rankings.services.results import compute_results
from tests.rankings.helpers import take_attempt

CONTEST_NAME = "Cuộc thi trực tuyến tìm hiểu về cải cách hành chính tỉnh Gia Lai năm 2025"
ORGANIZER_NAME = "Ủy ban nhân dân tỉnh Gia Lai"


@pytest.fixture
def round_(frozen, make_questions, make_round):
    """'Đợt 1' of 5 questions, open since an hour ago, closing in a day."""
    make_questions(10)
    round_ = make_round(questions=5, closes_in=timedelta(days=1))
    round_.name = "Đợt 1"
    round_.contest.name, round_.contest.organizer_name = CONTEST_NAME, ORGANIZER_NAME
    db.session.commit()
    return round_


@pytest.fixture
def person(make_user, make_unit):
    """Make a contestant with a Vietnamese name, unit and personal data."""
    def make(full_name, unit_name="Xã Ia Grai", phone=None, cccd=None):
        user = make_user(phone=phone, unit=make_unit(name=unit_name, kind="commune"))
        user.full_name, user.date_of_birth = full_name, date(1987, 3, 14)
        for key, value in stored_fields(cccd).items():
            setattr(user, key, value)
        db.session.commit()
        return user
    return make


@pytest.fixture
def nhung(person):
    return person("Nguyễn Thị Hồng Nhung", phone="0905123456", cccd="064187001234")


@pytest.fixture
def took_part():
    """``user`` submits an attempt with ``correct`` right answers (of 5)."""
    def take(user, round_, correct=4, seconds=75):
        return take_attempt(user, round_, correct=correct, seconds=seconds, prediction=1)
    return take


@pytest.fixture
def close():
    """Move past the round's close and compute its results, as the organizer does."""
    def close_(round_):
        clock.freeze(round_.closes_at + timedelta(minutes=5))
        return compute_results(round_)
    return close_


@pytest.fixture
def publish(make_user):
    """Verify every provisional winner and publish the round's results."""
    def publish_(round_):
        organizer = make_user(role="organizer")
        for result in prizes.provisional_winners(round_):
            for winner in result.winners:
                prizes.verify_winner(round_, winner.row.entry.user_id, organizer)
        return prizes.publish_results(round_, organizer)
    return publish_


def url(round_, kind="tham-gia") -> str:
    return f"/chung-nhan/dot-thi/{round_.id}/{kind}.pdf"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def certificates_of(user) -> list[Certificate]:
    db.session.expire_all()
    return db.session.query(Certificate).filter_by(user_id=user.id).all()
