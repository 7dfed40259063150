import io

import pandas as pd

from contest.bank.formats.excel import LABELS, record_cells
from contest.bank.models import Question
from contest.bank.services.questions import current_records
from contest.extensions import db


def bank_snapshot():
    """Everything about every question version, to compare before and after."""
    db.session.expire_all()
    return sorted(
        (q.code, q.version, q.is_current, q.active, q.topic.key, q.difficulty, q.text,
         q.explanation, q.source_document, q.source_part,
         tuple((o.position, o.text, o.is_correct) for o in q.options))
        for q in db.session.query(Question).all()
    )


def workbook_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def current_frame() -> pd.DataFrame:
    """The current bank as the template's sheet (Vietnamese headers)."""
    return pd.DataFrame([record_cells(record) for record in current_records()],
                        columns=list(LABELS.values()))


def column(key: str) -> str:
    return LABELS[key]
