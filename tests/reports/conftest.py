"""A small closed round with known results, built through the real services:
four people in two units, the results computed after the close."""
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from contest.accounts.models import User
from contest.contests.models import Round
from contest.extensions import db
from contest.rankings.services.results import compute_results
from tests.rankings.helpers import take_attempt

AN = "Nguyễn Văn An"
FORMULA = '=HYPERLINK("http://x","Bình")'
AT_SIGN = "@Cường"
TAB = "\tDung"


@dataclass
class Scenario:
    round: Round
    organizer: User
    people: dict[str, User] = field(default_factory=dict)


@pytest.fixture
def export_app(app, tmp_path):
    """Exports run in the request (deterministic) and are written under tmp_path."""
    app.config.update(EXPORTS_RUN_INLINE=True, EXPORT_DIR=str(tmp_path / "exports"))
    return app


def _person(make_user, name: str, unit, phone: str, born: date = date(1990, 1, 1)) -> User:
    user = make_user(phone=phone, unit=unit)
    user.full_name, user.date_of_birth = name, born
    db.session.commit()
    return user


@pytest.fixture
def scenario(export_app, frozen, make_user, make_unit, make_round, make_questions) -> Scenario:
    """Results (5 questions, "how many people answer everything right": 2):

    rank 1  An      agency   5/5  100 s  prediction 2  error 0
    rank 2  =HYP…   agency   5/5   90 s  prediction 5  error 3
    rank 3  @Cường  commune  4/5   60 s  no prediction
    rank 4  \\tDung  commune  3/5  120 s  prediction 1  error 1  (2 attempts)
    """
    make_questions(10)
    round_ = make_round(questions=5, closes_in=timedelta(hours=1))
    round_.prediction_per_attempt = True  # Dung's two attempts keep their own predictions
    agency = make_unit(name="Sở Tư pháp", kind="agency", headcount=4)
    make_unit(name="Sở Y tế", kind="agency", headcount=None)
    commune = make_unit(name="Xã Hải An", kind="commune", headcount=2)
    organizer = make_user(phone="0900000001", role="organizer", unit=agency)
    people = {
        "an": _person(make_user, AN, agency, "0912345671", date(1985, 3, 7)),
        "formula": _person(make_user, FORMULA, agency, "0912345672"),
        "at": _person(make_user, AT_SIGN, commune, "0912345673"),
        "tab": _person(make_user, TAB, commune, "0912345674"),
    }
    take_attempt(people["an"], round_, correct=5, seconds=100, prediction=2)
    take_attempt(people["formula"], round_, correct=5, seconds=90, prediction=5)
    take_attempt(people["at"], round_, correct=4, seconds=60)
    take_attempt(people["tab"], round_, correct=2, seconds=30, prediction=7)
    take_attempt(people["tab"], round_, correct=3, seconds=120, prediction=1)
    frozen.move(hours=1, seconds=10)
    compute_results(round_, organizer)
    return Scenario(round_, organizer, people)
