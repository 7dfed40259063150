"""Shared by the hostile-input and fuzz tests: the database as plain values, and
the requests a contestant and an organizer can make."""
from contest.extensions import db
from tests.conftest import login
from tests.database import committed_view

NOT_FOUND = "Không tìm thấy trang bạn yêu cầu."
UNREADABLE = "Dữ liệu gửi lên chứa ký tự không hợp lệ."
BAD_JSON = "Dữ liệu gửi lên không hợp lệ."
BAD_ANSWER = "Câu trả lời không hợp lệ."


def database_rows() -> dict[str, list[str]]:
    """Every row of every table as text, as committed: equal before and after a
    refused request when the request changed nothing."""
    db.session.expire_all()
    with committed_view() as connection:
        return {table.name: sorted(repr(tuple(row)) for row in connection.execute(table.select()))
                for table in db.metadata.sorted_tables}


def logged_in_client(app, user):
    client = app.test_client()
    login(client, user)
    return client


def question_form(topic: str, **changes) -> dict:
    """A valid new question for the organizer's form."""
    data = {"code": "ORG-001", "topic": topic, "difficulty": "2",
            "question": "Chương trình tổng thể CCHC giai đoạn 2021–2030 do văn bản nào ban hành?",
            "option_1": "Nghị quyết 30c/NQ-CP", "option_2": "Nghị quyết 76/NQ-CP",
            "option_3": "Quyết định 136/2001/QĐ-TTg", "option_4": "Chỉ thị 23/CT-TTg",
            "correct": "2", "explanation": "Nghị quyết 76/NQ-CP ngày 15/7/2021 ban hành Chương trình.",
            "source_document": "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
            "source_part": "Trích yếu"}
    data.update(changes)
    return data


FORGED_HOST = "attacker.example"


def forge_host(client) -> dict:
    """Headers that send the next request with the attacker's Host header; the
    client's session cookie goes along (as a script would send it)."""
    session = client.get_cookie("session")
    if session is not None:
        client.set_cookie("session", session.value, domain=FORGED_HOST)
    return {"Host": FORGED_HOST}
