from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import StringField, TextAreaField

from contest.bank.formats.excel import MAX_OPTIONS
from contest.bank.formats.records import QuestionRecord
from contest.bank.models import Question
from contest.bank.rules.validate import question_problems
from contest.forms import ChoiceField, clean, clean_lines, fits
from contest.parsing import whole_number

# validator field -> form field that shows the error
ERROR_FIELDS = {"code": "code", "difficulty": "difficulty", "question": "question",
                "options": "option_1", "correct": "correct", "explanation": "explanation",
                "source.document": "source_document", "source.part": "source_part",
                "group": "group"}


def _number(value) -> int | None:
    """A difficulty or an option number (the validator says which are allowed)."""
    return whole_number(value, 99)


class QuestionForm(FlaskForm):
    code = StringField("Mã câu hỏi", filters=[clean], validators=[fits(Question.code)])
    topic = ChoiceField("Chủ đề", choices=[])
    difficulty = ChoiceField("Độ khó", choices=[("1", "1 — Dễ"), ("2", "2 — Trung bình"), ("3", "3 — Khó")])
    question = TextAreaField("Câu hỏi", filters=[clean_lines])
    correct = ChoiceField("Đáp án đúng", choices=[(str(i), f"Phương án {i}") for i in range(1, MAX_OPTIONS + 1)])
    explanation = TextAreaField("Giải thích", filters=[clean_lines])
    source_document = StringField("Văn bản nguồn", filters=[clean],
                                  validators=[fits(Question.source_document)])
    source_part = StringField("Phần/mục (điều, khoản, mục, dòng phụ lục)", filters=[clean],
                              validators=[fits(Question.source_part)])
    group = StringField("Nhóm câu hỏi (không bắt buộc)", filters=[clean],
                        validators=[fits(Question.fact_group)], description=(
        "Các câu cùng hỏi một sự kiện, hoặc câu này nêu đáp án của câu kia, ghi cùng một nhóm "
        "(ví dụ nd118-thay-the-nd61): một lượt thi không có hai câu cùng nhóm."))

    def option_fields(self):
        return [getattr(self, f"option_{i}") for i in range(1, MAX_OPTIONS + 1)]

    def raw(self) -> dict:
        options = [field.data or "" for field in self.option_fields()]
        while options and not options[-1]:
            options.pop()
        return {
            "code": self.code.data, "difficulty": _number(self.difficulty.data),
            "question": self.question.data, "options": options,
            "correct": _number(self.correct.data), "explanation": self.explanation.data,
            "source": {"document": self.source_document.data, "part": self.source_part.data},
            **({"group": self.group.data} if self.group.data else {}),
        }

    def validate_question_rules(self) -> bool:
        """The bank's rules (the same as `bank check`), errors placed by their field."""
        problems = question_problems(self.raw())
        for problem in problems:
            getattr(self, ERROR_FIELDS[problem.field]).errors.append(problem.message)
        return not problems

    def record(self) -> QuestionRecord:
        raw = self.raw()
        return QuestionRecord(
            code=raw["code"], topic=self.topic.data, difficulty=raw["difficulty"],
            question=raw["question"], options=tuple(o.strip() for o in raw["options"]),
            correct=raw["correct"], explanation=raw["explanation"],
            source_document=raw["source"]["document"], source_part=raw["source"]["part"],
            group=raw.get("group", ""),
        )


for _i in range(1, MAX_OPTIONS + 1):
    setattr(QuestionForm, f"option_{_i}", StringField(f"Phương án {_i}", filters=[clean]))


class ImportForm(FlaskForm):
    file = FileField("Tệp Excel (.xlsx)", validators=[
        FileRequired("Vui lòng chọn tệp Excel."),
        FileAllowed(["xlsx"], "Chỉ nhận tệp Excel .xlsx."),
    ])
