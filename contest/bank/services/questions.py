"""Organizer changes to the bank: create, edit (a new version once shown), show or
hide, import from Excel. Each change and its audit row commit together."""
from dataclasses import replace

from sqlalchemy import select

from contest.audit.services import record as audit
from contest.bank.formats.excel import LABELS
from contest.bank.formats.records import QuestionRecord
from contest.bank.models import Question, Topic
from contest.bank.services.loader import (
    LoadReport, current_version, current_versions, save_record, upsert_topic,
)
from contest.errors import Conflict
from contest.extensions import db
from contest.lookups import found_or_404
from contest.spreadsheets import RowError
from contest.text import normalise_text

QUESTION_NOT_FOUND = "Không tìm thấy câu hỏi."


class CodeTaken(Conflict):
    message = "Mã câu hỏi này đã có trong ngân hàng."


class DuplicateText(Conflict):
    message = "Đã có câu hỏi với nội dung này trong ngân hàng."


def get_current(code: str) -> Question:
    return found_or_404(current_version(code), QUESTION_NOT_FOUND)


def question_record(question: Question) -> QuestionRecord:
    return QuestionRecord(
        code=question.code, topic=question.topic.key, difficulty=question.difficulty,
        question=question.text, options=tuple(o.text for o in question.options),
        correct=question.correct_option.position, explanation=question.explanation,
        source_document=question.source_document, source_part=question.source_part,
        scope=question.scope, group=question.fact_group or "",
    )


def current_records() -> list[QuestionRecord]:
    questions = db.session.scalars(
        select(Question).where(Question.is_current.is_(True)).order_by(Question.code))
    return [question_record(q) for q in questions]


def text_owner(text: str) -> str | None:
    """The code of the current question whose normalised text equals ``text``."""
    key = normalise_text(text)
    rows = db.session.execute(select(Question.code, Question.text).where(Question.is_current.is_(True)))
    return next((code for code, other in rows if normalise_text(other) == key), None)


def _topic_for(key: str) -> Topic:
    topic = db.session.scalar(select(Topic).where(Topic.key == key))
    return topic or upsert_topic(key, key)


def create_question(record: QuestionRecord, actor) -> Question:
    if current_version(record.code) is not None:
        raise CodeTaken()
    if text_owner(record.question):
        raise DuplicateText()
    report = LoadReport()
    question = save_record(record, _topic_for(record.topic), report)
    db.session.flush()
    audit("question.create", actor=actor, target=question, code=record.code)
    return question


def edit_question(code: str, record: QuestionRecord, actor) -> Question:
    """Change a question; a version already shown in an attempt is kept as it was."""
    before = get_current(code)
    owner = text_owner(record.question)
    if owner not in (None, code):
        raise DuplicateText(f"Đã có câu hỏi {owner} với nội dung này.")
    report = LoadReport()
    question = save_record(record, _topic_for(record.topic), report)
    db.session.flush()
    audit("question.edit", actor=actor, target=question, code=code,
          version_before=before.version, version_after=question.version,
          new_version=bool(report.new_versions))
    return question


def set_active(code: str, active: bool, actor) -> Question:
    question = get_current(code)
    question.active = active
    audit("question.activate" if active else "question.deactivate", actor=actor,
          target=question, code=code)
    return question


def bank_conflicts(rows: list[tuple[int, QuestionRecord]]) -> list[RowError]:
    """Rows whose text is already another question's (under another code)."""
    by_text = {}
    for code, text in db.session.execute(
            select(Question.code, Question.text).where(Question.is_current.is_(True))):
        by_text[normalise_text(text)] = code
    errors = []
    for row, record in rows:
        owner = by_text.get(normalise_text(record.question))
        if owner not in (None, record.code):
            errors.append(RowError(row, LABELS["question"], f"nội dung trùng với câu {owner} đã có"))
    return errors


def validate_workbook(data: bytes) -> tuple[list[tuple[int, QuestionRecord]], list[RowError]]:
    """Every row of an uploaded workbook checked: the bank's rules, then clashes
    with questions already in the bank. Nothing is written."""
    from contest.bank.formats.excel import read_questions

    rows, errors = read_questions(data)
    errors += bank_conflicts(rows) + topic_errors(rows)
    scopes = dict(db.session.execute(select(Topic.key, Topic.scope)).all())
    rows = [(row, replace(record, scope=scopes.get(record.topic, record.scope)))
            for row, record in rows]
    return rows, sorted(errors, key=lambda error: error.row)


def topic_errors(rows: list[tuple[int, QuestionRecord]]) -> list[RowError]:
    """Rows naming a topic the bank does not have (a typo would make a new topic),
    or a scope other than their topic's (a topic is national or one province's)."""
    scopes = dict(db.session.execute(select(Topic.key, Topic.scope)).all())
    errors = []
    for row, record in rows:
        if record.topic not in scopes:
            errors.append(RowError(row, LABELS["topic"],
                                   f"chủ đề «{record.topic}» chưa có trong ngân hàng"))
        elif record.scope and record.scope != scopes[record.topic]:
            errors.append(RowError(row, LABELS["scope"], (
                f"chủ đề «{record.topic}» thuộc phạm vi {scopes[record.topic]}, "
                f"không phải {record.scope}")))
    return errors


def import_records(rows: list[tuple[int, QuestionRecord]], actor, filename: str) -> LoadReport:
    """Create or update every row in one transaction (rows already validated)."""
    report = LoadReport()
    topics: dict[str, Topic] = {}
    current = current_versions()
    for _, record in rows:
        topic = topics.get(record.topic) or _topic_for(record.topic)
        topics[record.topic] = topic
        save_record(record, topic, report, current)
    audit("bank.import", actor=actor, filename=filename, created=len(report.created),
          updated=len(report.updated), new_versions=len(report.new_versions),
          unchanged=report.unchanged)
    return report


def bank_workbook(actor, with_questions: bool) -> bytes:
    """The whole bank (or the empty template) as Excel; the download is audited."""
    from contest.bank.formats import excel

    records = current_records() if with_questions else []
    workbook = excel.workbook(records)
    audit("bank.export" if with_questions else "bank.template", actor=actor, rows=len(records))
    return workbook
