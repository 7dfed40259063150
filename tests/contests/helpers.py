from datetime import datetime

from contest.extensions import db
from contest.formatting import format_local


def local(moment: datetime) -> str:
    """A UTC time as the organizer types it (dd/mm/yyyy HH:MM, Vietnam time)."""
    return format_local(moment)


def reload(obj):
    db.session.expire_all()
    return db.session.get(type(obj), obj.id)


def contest_form(**overrides) -> dict:
    data = {
        "name": "Cuộc thi CCHC tỉnh Gia Lai 2026", "description": "Tìm hiểu cải cách hành chính.",
        "rules": "## Đối tượng\n\nCán bộ, công chức.", "starts_at": "01/12/2026 08:00",
        "ends_at": "31/12/2026 17:00", "organizer_name": "UBND tỉnh Gia Lai",
        "contact_line": "Văn phòng UBND tỉnh", "prediction_kind": "perfect_scorers",
        "review_after": "contest", "unit_min_rate": "50", "prizes_exclude_staff": "y",
        "question_scopes": ["national"],
    }
    data.update(overrides)
    return data


def round_form(opens: datetime, closes: datetime, **overrides) -> dict:
    """A valid round form; an override of None leaves the field out (a disabled input)."""
    data = {
        "name": "Tuần 1", "number": "1", "opens_at": local(opens), "closes_at": local(closes),
        "questions_per_attempt": "5", "time_limit_minutes": "20", "max_attempts": "3",
        "prediction_kind": "perfect_scorers", "prediction_question": "", "topics_shown": "1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def messages(response) -> str:
    return response.get_data(as_text=True)
