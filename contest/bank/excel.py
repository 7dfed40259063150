"""The bank's Excel template: one row per question, the same fields as the YAML files."""
from dataclasses import dataclass

import pandas as pd

from contest.bank.records import QuestionRecord
from contest.spreadsheets import MAX_ROWS, Limits, Sheet, read_sheet
from contest.bank.validate import SCOPE, TOPIC_KEY, question_problems
from contest.text import normalise_text
from contest.text import fold

MAX_OPTIONS = 6
COLUMNS = [
    ("code", "Mã câu hỏi"), ("topic", "Chủ đề"), ("difficulty", "Độ khó"), ("question", "Câu hỏi"),
    *[(f"option_{i}", f"Phương án {i}") for i in range(1, MAX_OPTIONS + 1)],
    ("correct", "Đáp án đúng"), ("explanation", "Giải thích"),
    ("source_document", "Văn bản nguồn"), ("source_part", "Phần/mục"),
    ("scope", "Phạm vi"), ("group", "Nhóm câu hỏi"),
]
REQUIRED = [key for key, _ in COLUMNS if key not in ("scope", "group")]
LABELS = dict(COLUMNS)
FIELD_COLUMNS = {  # validator field -> column label shown in errors
    "code": LABELS["code"], "topic": LABELS["topic"], "difficulty": LABELS["difficulty"],
    "question": LABELS["question"], "options": "Phương án", "correct": LABELS["correct"],
    "explanation": LABELS["explanation"], "source.document": LABELS["source_document"],
    "source.part": LABELS["source_part"], "group": LABELS["group"], "scope": LABELS["scope"],
}
SHEET = "Ngân hàng câu hỏi"
GUIDE_SHEET = "Hướng dẫn"
MAX_BYTES = 5 * 1024 * 1024  # the whole shipped bank (500 questions) is about 100 KB
LIMITS = Limits.for_template(len(COLUMNS), MAX_BYTES, MAX_ROWS)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


def record_to_row(record: QuestionRecord) -> dict:
    row = {"code": record.code, "topic": record.topic, "difficulty": record.difficulty,
           "question": record.question}
    for i in range(1, MAX_OPTIONS + 1):
        row[f"option_{i}"] = record.options[i - 1] if i <= len(record.options) else ""
    row.update(correct=record.correct, explanation=record.explanation,
               source_document=record.source_document, source_part=record.source_part,
               scope=record.scope, group=record.group)
    return row


def records_frame(records: list[QuestionRecord]) -> pd.DataFrame:
    frame = pd.DataFrame([record_to_row(r) for r in records], columns=[key for key, _ in COLUMNS])
    return frame.rename(columns=LABELS)


def guide_frame() -> pd.DataFrame:
    rows = [
        (LABELS["code"], "Duy nhất trong ngân hàng, không dùng lại, ví dụ NQ76-031. Mã đã có: cập nhật câu đó."),
        (LABELS["topic"], "Mã một chủ đề đã có trong ngân hàng, ví dụ nq76, chi_so."),
        (LABELS["difficulty"], "1 dễ, 2 trung bình, 3 khó."),
        (LABELS["question"], "Nội dung câu hỏi."),
        ("Phương án 1 … 6", "Từ 2 đến 6 phương án khác nhau. Không dùng “Cả A và B”, “Tất cả các phương án trên”: phương án được đảo thứ tự."),
        (LABELS["correct"], "Số thứ tự của phương án đúng, từ 1."),
        (LABELS["explanation"], "Giải thích vì sao, một đến ba câu."),
        (LABELS["source_document"], "Văn bản nguồn: số, ngày, cơ quan ban hành."),
        (LABELS["source_part"], "Phần, mục, điều, khoản hoặc dòng phụ lục chứa thông tin."),
        (LABELS["scope"], "Không bắt buộc: national (toàn quốc) hoặc mã tỉnh, ví dụ gia_lai; "
                          "phải trùng với phạm vi của chủ đề. Để trống: theo chủ đề."),
        (LABELS["group"], "Không bắt buộc: các câu cùng hỏi một sự kiện, hoặc câu này nêu đáp án "
                          "của câu kia, ghi cùng một nhóm (chữ thường, không dấu, nối bằng gạch "
                          "ngang); một lượt thi không có hai câu cùng nhóm."),
    ]
    return pd.DataFrame(rows, columns=["Cột", "Cách điền"])


def _column_keys(headers: list[str]) -> dict[int, str]:
    """Column index -> field key; accepts the Vietnamese labels and the English keys."""
    known = {fold(label): key for key, label in COLUMNS} | {fold(key): key for key, _ in COLUMNS}
    return {index: known[fold(header)] for index, header in enumerate(headers)
            if fold(header) in known}


def _to_int(text: str):
    text = (text or "").strip()
    try:
        number = float(text)
    except ValueError:
        return text or None
    return int(number) if number.is_integer() else text


def _raw_question(cells: dict) -> dict:
    options = [cells.get(f"option_{i}", "").strip() for i in range(1, MAX_OPTIONS + 1)]
    while options and not options[-1]:
        options.pop()
    return {
        "code": cells.get("code", "").strip(), "difficulty": _to_int(cells.get("difficulty")),
        "question": cells.get("question", "").strip(), "options": options,
        "correct": _to_int(cells.get("correct")), "explanation": cells.get("explanation", "").strip(),
        "source": {"document": cells.get("source_document", "").strip(),
                   "part": cells.get("source_part", "").strip()},
        **({"group": cells["group"].strip()} if cells.get("group", "").strip() else {}),
    }


def read_questions(data: bytes) -> tuple[list[tuple[int, QuestionRecord]], list[RowError]]:
    """An uploaded workbook read (``SpreadsheetError`` when it is not a readable
    .xlsx within ``LIMITS``) and every row validated."""
    return parse_sheet(read_sheet(data, LIMITS))


def parse_sheet(sheet: Sheet) -> tuple[list[tuple[int, QuestionRecord]], list[RowError]]:
    """Every row validated: ([(Excel row number, record)], errors)."""
    keys = _column_keys(sheet.headers)
    missing = [LABELS[key] for key in REQUIRED[:6] + REQUIRED[-4:] if key not in keys.values()]
    if missing:
        return [], [RowError(1, ", ".join(missing), "thiếu cột trong dòng tiêu đề")]
    records, errors = [], []
    for row, values in sheet.rows:
        cells = {key: values[index] for index, key in keys.items()}
        if not any(value.strip() for value in cells.values()):
            continue
        raw = _raw_question(cells)
        topic, scope = cells.get("topic", "").strip(), cells.get("scope", "").strip()
        problems = [(p.field, p.message) for p in question_problems(raw)]
        if not TOPIC_KEY.match(topic):
            problems.append(("topic", "mã chủ đề thiếu hoặc sai dạng [a-z0-9_]+"))
        if scope and not SCOPE.match(scope):
            problems.append(("scope", "phạm vi là national hoặc mã tỉnh, ví dụ gia_lai"))
        errors += [RowError(row, FIELD_COLUMNS[field], message) for field, message in problems]
        if not problems:
            records.append((row, _record(topic, raw, scope)))
    errors += _duplicate_errors(records)
    return records, sorted(errors, key=lambda e: e.row)


def _record(topic: str, raw: dict, scope: str) -> QuestionRecord:
    """``scope`` may be empty: the topic's scope is filled in when the bank is read."""
    return QuestionRecord(
        code=raw["code"], topic=topic, difficulty=raw["difficulty"], question=raw["question"],
        options=tuple(raw["options"]), correct=raw["correct"], explanation=raw["explanation"],
        source_document=raw["source"]["document"], source_part=raw["source"]["part"],
        scope=scope, group=raw.get("group", ""),
    )


def _duplicate_errors(rows: list[tuple[int, QuestionRecord]]) -> list[RowError]:
    errors, codes, texts = [], {}, {}
    for row, record in rows:
        if record.code in codes:
            errors.append(RowError(row, LABELS["code"], f"mã câu hỏi trùng với dòng {codes[record.code]}"))
        codes.setdefault(record.code, row)
        key = normalise_text(record.question)
        if key in texts:
            errors.append(RowError(row, LABELS["question"], f"nội dung trùng với dòng {texts[key]}"))
        texts.setdefault(key, row)
    return errors
