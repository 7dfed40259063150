"""A question from a spreadsheet or a YAML file is held to the columns' lengths,
as the organizer's form is: PostgreSQL would refuse a longer value with a server
error, and SQLite would keep it whole."""
import pytest

from contest.bank.rules.validate import question_problems


def question(**changes) -> dict:
    base = {"code": "ABC-001", "difficulty": 1, "question": "Câu hỏi thử?",
            "options": ["Một", "Hai", "Ba"], "correct": 1, "explanation": "Giải thích.",
            "source": {"document": "Nghị quyết 76/NQ-CP", "part": "Mục II"}}
    return base | changes


@pytest.mark.parametrize("changes, field, message", [
    ({"code": "A" * 29 + "-001"}, "code", "mã câu hỏi dài quá 32 ký tự"),
    ({"source": {"document": "V" * 501, "part": "Mục II"}}, "source.document",
     "văn bản nguồn dài quá 500 ký tự"),
    ({"source": {"document": "Nghị quyết", "part": "M" * 201}}, "source.part",
     "phần/mục của văn bản nguồn dài quá 200 ký tự"),
    ({"group": "a" * 65}, "group", "nhóm (group)"),
])
def test_a_value_longer_than_its_column_is_a_problem(changes, field, message):
    problems = question_problems(question(**changes))
    assert any(p.field == field and p.message.startswith(message) for p in problems), problems


def test_values_at_the_columns_lengths_pass():
    assert question_problems(question(code="A" * 28 + "-001", group="a" * 64, source={
        "document": "V" * 500, "part": "M" * 200})) == []
