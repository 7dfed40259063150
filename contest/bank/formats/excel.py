"""The bank's Excel template: one row per question, the same fields as the YAML files."""
from contest.bank.formats.records import QuestionRecord
from contest.bank.rules.validate import SCOPE, TOPIC_KEY, question_problems
from contest.spreadsheets import (
    HEADER_ROW, MAX_ROWS, FirstRows, Limits, RowError, Sheet, Table, filled_rows, header_map,
    missing_columns, read_sheet, template_workbook,
)
from contest.text import normalise_text

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
# The Vietnamese labels and the English keys (the YAML files' names) are both accepted.
HEADER_NAMES = {label: key for key, label in COLUMNS} | {key: key for key, _ in COLUMNS}
FIELD_COLUMNS = {  # validator field -> column label shown in errors
    "code": LABELS["code"], "topic": LABELS["topic"], "difficulty": LABELS["difficulty"],
    "question": LABELS["question"], "options": "Phương án", "correct": LABELS["correct"],
    "explanation": LABELS["explanation"], "source.document": LABELS["source_document"],
    "source.part": LABELS["source_part"], "group": LABELS["group"], "scope": LABELS["scope"],
}
SHEET = "Ngân hàng câu hỏi"
MAX_BYTES = 5 * 1024 * 1024  # the whole shipped bank (500 questions) is about 100 KB
LIMITS = Limits.for_template(len(COLUMNS), MAX_BYTES, MAX_ROWS)


def record_cells(record: QuestionRecord) -> list:
    """A question as a row of the sheet, in the order of ``COLUMNS``."""
    options = [*record.options, *[""] * (MAX_OPTIONS - len(record.options))]
    return [record.code, record.topic, record.difficulty, record.question, *options,
            record.correct, record.explanation, record.source_document, record.source_part,
            record.scope, record.group]


def workbook(records: list[QuestionRecord]) -> bytes:
    """The bank's sheet (empty: the template) and how to fill it in."""
    rows = (record_cells(record) for record in records)
    return template_workbook(Table(SHEET, list(LABELS.values()), rows), _guide_rows())


def _guide_rows() -> list[tuple[str, str]]:
    return [
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
    keys = header_map(sheet.headers, HEADER_NAMES)
    missing = missing_columns(keys, {key: LABELS[key] for key in REQUIRED[:6] + REQUIRED[-4:]})
    if missing:
        return [], [RowError(HEADER_ROW, ", ".join(missing), "thiếu cột trong dòng tiêu đề")]
    records, errors = [], []
    for row, cells in filled_rows(sheet, keys):
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
    """A code, or a question's text, written on an earlier row too."""
    errors, codes, texts = [], FirstRows(), FirstRows()
    for row, record in rows:
        if (first := codes.repeat_of(row, record.code)) is not None:
            errors.append(RowError(row, LABELS["code"], f"mã câu hỏi trùng với dòng {first}"))
        if (first := texts.repeat_of(row, normalise_text(record.question))) is not None:
            errors.append(RowError(row, LABELS["question"], f"nội dung trùng với dòng {first}"))
    return errors
