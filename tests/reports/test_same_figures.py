"""A unit's participation rate reads the same on the web page and in the Word
report: one rounding rule (half up) for every figure a person reads."""
import io

from docx import Document
from sqlalchemy import select

from contest.extensions import db
from contest.units.models import Unit
from tests.conftest import login


def word_cells(data: bytes) -> list[list[str]]:
    return [[cell.text for cell in row.cells]
            for table in Document(io.BytesIO(data)).tables for row in table.rows]


def test_a_units_rate_reads_the_same_on_the_page_and_in_the_word_report(client, scenario):
    agency = db.session.scalar(select(Unit).where(Unit.name == "Sở Tư pháp"))
    agency.headcount = 32  # 2 people of 32: 6,25 %, exactly halfway
    db.session.commit()
    login(client, scenario.organizer)

    report = client.get(f"/quan-tri/dot-thi/{scenario.round.id}/xuat/bao-cao.docx")
    row = next(row for row in word_cells(report.data) if row[1] == "Sở Tư pháp")
    page = client.get("/xep-hang-don-vi?khoi=agency").get_data(as_text=True)

    assert row[-1] == "6,3%"
    assert "6,3%" in page and "6,2%" not in page
