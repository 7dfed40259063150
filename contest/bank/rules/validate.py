"""`bank check`: every rule a question file must pass, with file and code per problem."""
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from contest.bank.formats.records import QuestionRecord, read_topic_file, to_record, topic_files
from contest.bank.rules.bank import drawable, whole_bank_problems
from contest.parsing import json_integer
from contest.text import fold, normalise_text

TOPIC_KEY = re.compile(r"^[a-z0-9_]+$")
SCOPE = re.compile(r"^(national|[a-z][a-z_]{1,30})$")  # national, or a province key: gia_lai
GROUP = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE = re.compile(r"^[A-Z0-9]+(?:_[A-Z0-9]+)*-\d{3,}$")
MAX_QUESTION_CHARS = 1000
MAX_OPTION_CHARS = 300
# The columns' lengths (bank/models.py): a longer value would be refused by
# PostgreSQL and cut or kept whole by SQLite.
MAX_CODE_CHARS = 32
MAX_GROUP_CHARS = 64
MAX_SOURCE_CHARS = {"document": 500, "part": 200}
LONGEST_CORRECT_MAX_SHARE = 1 / 3
DIFFICULTY_MIN_SHARE = 0.20

# Options are shuffled per attempt, so none may point at other options or at a position.
REFERS_TO_OTHERS = [re.compile(p) for p in (
    r"\b(tat ca|ca hai|ca ba|ca bon)\s+(cac\s+|nhung\s+)?(y|phuong an|dap an|lua chon|cau)\b",
    r"\b(phuong an|dap an|lua chon|y)\s+[a-f]\b",
    r"\bca\s+[a-f]\s*(,\s*[a-f]\s*)*va\s+[a-f]\b",
    r"\b[a-f]\s+va\s+[a-f]\s+(deu\s+)?(dung|sai)\b",
    r"\bkhong co\s+(phuong an|dap an|y|lua chon)\s+nao\b",
    r"\b(cac|nhung)\s+(phuong an|dap an|y|lua chon)\s+(tren|neu tren|con lai|ben tren|khac)\b",
    r"\b(tat ca|ca hai|ca ba)\s+(deu\s+)?(dung|sai)\b",
    r"\b(deu|cung)\s+(dung|sai)\s*$",
)]


@dataclass(frozen=True)
class Problem:
    file: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.code or '-'}: {self.message}"


@dataclass(frozen=True)
class Minimums:
    total: int = 300
    per_topic: int = 15
    topics: int = 10
    national: int = 220         # questions any province's contest can draw
    national_topics: int = 8


NO_MINIMUMS = Minimums(0, 0, 0, 0, 0)


def refers_to_other_options(option: str) -> bool:
    folded = fold(option)
    return any(pattern.search(folded) for pattern in REFERS_TO_OTHERS)


@dataclass(frozen=True)
class FieldProblem:
    """A problem of one question, with the field it is about (for forms and Excel rows)."""
    field: str  # code, difficulty, question, options, correct, explanation, source.document, source.part
    message: str


def question_problems(raw) -> list[FieldProblem]:
    """Problems of one question dict as the YAML file holds it; empty when valid."""
    if not isinstance(raw, dict):
        return [FieldProblem("question", "không phải là một câu hỏi (cần các trường code, question, options…)")]
    problems = []
    code = raw.get("code")
    if not isinstance(code, str) or not CODE.match(code.strip()):
        problems.append(FieldProblem("code", "mã câu hỏi thiếu hoặc sai dạng (ví dụ NQ76-001)"))
    elif len(code.strip()) > MAX_CODE_CHARS:
        problems.append(FieldProblem("code", f"mã câu hỏi dài quá {MAX_CODE_CHARS} ký tự"))
    if isinstance(raw.get("difficulty"), bool) or raw.get("difficulty") not in (1, 2, 3):
        problems.append(FieldProblem("difficulty", "độ khó phải là 1, 2 hoặc 3"))
    text = raw.get("question")
    if not isinstance(text, str) or not text.strip():
        problems.append(FieldProblem("question", "thiếu nội dung câu hỏi"))
    elif len(text) > MAX_QUESTION_CHARS:
        problems.append(FieldProblem("question", f"câu hỏi dài quá {MAX_QUESTION_CHARS} ký tự"))
    problems += _option_problems(raw.get("options"), raw.get("correct"))
    explanation = raw.get("explanation")
    if not isinstance(explanation, str) or not explanation.strip():
        problems.append(FieldProblem("explanation", "thiếu giải thích"))
    problems += _source_problems(raw.get("source"))
    problems += _marking_problems(raw)
    return problems


def _marking_problems(raw: dict) -> list[FieldProblem]:
    """The optional fields: fact group, retirement, pairs judged distinct."""
    problems = []
    group = raw.get("group")
    if group is not None and (not isinstance(group, str) or not GROUP.match(group.strip())
                              or len(group.strip()) > MAX_GROUP_CHARS):
        problems.append(FieldProblem("group", "nhóm (group) viết thường, không dấu, nối bằng "
                                              "gạch ngang, ví dụ nd118-thay-the-nd61"))
    if raw.get("retired") not in (None, True, False):
        problems.append(FieldProblem("retired", "retired chỉ nhận true hoặc false"))
    elif raw.get("retired") is True and not str(raw.get("retired_reason") or "").strip():
        problems.append(FieldProblem("retired", "câu hỏi thôi dùng phải ghi lý do (retired_reason)"))
    distinct = raw.get("distinct_from")
    if distinct is not None and not (isinstance(distinct, list) and all(
            isinstance(code, str) and CODE.match(code.strip()) for code in distinct)):
        problems.append(FieldProblem("distinct_from", "distinct_from là danh sách mã câu hỏi"))
    return problems


def _option_problems(options, correct) -> list[FieldProblem]:
    if not isinstance(options, list) or not 2 <= len(options) <= 6:
        return [FieldProblem("options", "cần từ 2 đến 6 phương án")]
    if not all(isinstance(o, (str, int, float)) and not isinstance(o, bool) and str(o).strip()
               for o in options):
        return [FieldProblem("options", "có phương án rỗng")]
    texts = [str(o).strip() for o in options]
    problems = []
    if len({normalise_text(t) for t in texts}) != len(texts):
        problems.append(FieldProblem("options", "có hai phương án trùng nhau"))
    if any(len(t) > MAX_OPTION_CHARS for t in texts):
        problems.append(FieldProblem("options", f"có phương án dài quá {MAX_OPTION_CHARS} ký tự"))
    for text in texts:
        if refers_to_other_options(text):
            problems.append(FieldProblem("options", (
                f"phương án «{text}» dẫn chiếu phương án khác, "
                "không dùng được khi đảo thứ tự phương án")))
    if json_integer(correct, len(texts), minimum=1) is None:  # YAML, typed like JSON
        problems.append(FieldProblem("correct", (
            f"đáp án đúng phải là một số thứ tự phương án, từ 1 đến {len(texts)}")))
    return problems


def _source_problems(source) -> list[FieldProblem]:
    if not isinstance(source, dict):
        source = {}
    problems = []
    for key, label in (("document", "văn bản nguồn"), ("part", "phần/mục của văn bản nguồn")):
        value = source.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(FieldProblem(f"source.{key}", f"thiếu {label}"))
        elif len(value.strip()) > MAX_SOURCE_CHARS[key]:
            problems.append(FieldProblem(f"source.{key}",
                                         f"{label} dài quá {MAX_SOURCE_CHARS[key]} ký tự"))
    return problems


def correct_is_longest(record: QuestionRecord) -> bool:
    lengths = [len(option) for option in record.options]
    answer = lengths[record.correct - 1]
    return all(answer > length for i, length in enumerate(lengths) if i != record.correct - 1)


def check_directory(directory: str | Path, minimums: Minimums = Minimums(),
                    whole_bank_rules: bool = True):
    """(records, problems) for every file of the bank. ``whole_bank_rules`` off
    checks each question and file only (what loading needs)."""
    records, problems = [], []
    for path in topic_files(directory):
        file_records, file_problems = check_file(path)
        records += file_records
        problems += file_problems
    if whole_bank_rules:
        problems += bank_problems(records, minimums, str(directory))
        problems += [Problem(p.topic, p.code, p.message)
                     for p in whole_bank_problems(records, str(directory))]
    return records, problems


def check_file(path: Path) -> tuple[list[QuestionRecord], list[Problem]]:
    name = path.name
    try:
        topic_file = read_topic_file(path)
    except yaml.YAMLError as error:
        return [], [Problem(name, "", f"không đọc được YAML: {error}")]
    problems = []
    if not TOPIC_KEY.match(topic_file.topic):
        problems.append(Problem(name, "", "mã chủ đề (topic) thiếu hoặc sai dạng [a-z0-9_]+"))
    if not topic_file.title.strip():
        problems.append(Problem(name, "", "thiếu tên chủ đề (title)"))
    if not SCOPE.match(topic_file.scope):
        problems.append(Problem(name, "", (
            "thiếu phạm vi (scope): national cho câu hỏi toàn quốc, hoặc mã tỉnh "
            "(ví dụ gia_lai) cho câu hỏi về kế hoạch của tỉnh")))
    if not topic_file.raw_questions:
        problems.append(Problem(name, "", "không có câu hỏi nào (questions)"))
    records = []
    for index, raw in enumerate(topic_file.raw_questions, start=1):
        code = str(raw.get("code", f"#{index}")) if isinstance(raw, dict) else f"#{index}"
        found = question_problems(raw)
        problems += [Problem(name, code, f"{p.field}: {p.message}") for p in found]
        if not found:
            records.append(to_record(topic_file.topic, raw, topic_file.scope))
    return records, problems


def bank_problems(records: list[QuestionRecord], minimums: Minimums, where: str) -> list[Problem]:
    problems = _duplicate_problems(records)
    records = drawable(records)
    if not records:
        return problems
    total = len(records)
    longest = sum(correct_is_longest(r) for r in records)
    if longest / total > LONGEST_CORRECT_MAX_SHARE:
        problems.append(Problem(where, "", (
            f"đáp án đúng là phương án dài nhất ở {longest}/{total} câu "
            f"(tối đa một phần ba)")))
    by_difficulty = Counter(r.difficulty for r in records)
    for level in (1, 2, 3):
        if by_difficulty[level] / total < DIFFICULTY_MIN_SHARE:
            problems.append(Problem(where, "", (
                f"độ khó {level} chỉ có {by_difficulty[level]}/{total} câu (cần ít nhất 20%)")))
    problems += _size_problems(records, minimums, where)
    return problems


def _duplicate_problems(records: list[QuestionRecord]) -> list[Problem]:
    problems, codes, texts = [], {}, {}
    for record in records:
        if record.code in codes:
            problems.append(Problem(record.topic, record.code, "mã câu hỏi bị trùng"))
        codes[record.code] = record
        key = normalise_text(record.question)
        if key in texts:
            problems.append(Problem(record.topic, record.code,
                                    f"trùng nội dung với câu {texts[key].code}"))
        texts[key] = record
    return problems


def _size_problems(records, minimums: Minimums, where: str) -> list[Problem]:
    problems = []
    per_topic = Counter(r.topic for r in records)
    if len(records) < minimums.total:
        problems.append(Problem(where, "", f"ngân hàng có {len(records)} câu, cần ít nhất {minimums.total}"))
    if len(per_topic) < minimums.topics:
        problems.append(Problem(where, "", f"có {len(per_topic)} chủ đề, cần ít nhất {minimums.topics}"))
    for topic, count in sorted(per_topic.items()):
        if count < minimums.per_topic:
            problems.append(Problem(topic, "", f"chủ đề có {count} câu, cần ít nhất {minimums.per_topic}"))
    national = [r for r in records if r.scope == "national"]
    national_topics = len({r.topic for r in national})
    if len(national) < minimums.national or national_topics < minimums.national_topics:
        problems.append(Problem(where, "", (
            f"phần toàn quốc có {len(national)} câu trong {national_topics} chủ đề, cần ít nhất "
            f"{minimums.national} câu trong {minimums.national_topics} chủ đề")))
    return problems
