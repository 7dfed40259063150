"""The closed round of tests/reports (four people in two units, results computed)
and a registration form for the privacy tests."""
import pytest

from tests.reports.conftest import export_app, scenario  # noqa: F401  (fixtures)


@pytest.fixture
def unit(make_unit):
    return make_unit(name="Sở Nội vụ")


def registration(unit, **changes) -> dict:
    data = {
        "full_name": "Trần Thị Mai", "date_of_birth": "1991-02-03", "gender": "nu",
        "phone": "0934567890", "email": "", "cccd": "", "audience": "cbccvc",
        "unit_id": str(unit.id), "password": "matkhau123", "password_confirm": "matkhau123",
        "consent": "y",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
