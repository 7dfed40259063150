"""Loading the bank into the database.

A question version that an attempt has shown is never changed in place: a
changed question gets a new version and the old one stops being drawn.
"""
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from contest.bank.formats.records import QuestionRecord
from contest.bank.models import Question, QuestionOption, Topic
from contest.extensions import db
from contest.text import fold


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: int = 0


def upsert_topic(key: str, title: str, scope: str | None = None) -> Topic:
    topic = db.session.scalar(select(Topic).where(Topic.key == key))
    if topic is None:
        topic = Topic(key=key, title=title)
        db.session.add(topic)
    topic.title = title
    if scope:
        topic.scope = scope
    return topic


def current_version(code: str) -> Question | None:
    return db.session.scalar(
        select(Question).where(Question.code == code, Question.is_current.is_(True))
    )


def was_shown(question: Question) -> bool:
    return db.session.scalar(select(Question.drawn_in.any()).where(Question.id == question.id))


def same_content(question: Question, record: QuestionRecord) -> bool:
    return (
        question.topic.key == record.topic and question.difficulty == record.difficulty
        and question.text == record.question and question.explanation == record.explanation
        and question.source_document == record.source_document
        and question.source_part == record.source_part
        and [o.text for o in question.options] == list(record.options)
        and question.correct_option.position == record.correct
    )


def _mark(question: Question, record: QuestionRecord, topic: Topic) -> None:
    """What the file says about a question beyond its content: scope (its topic's),
    fact group, retirement. Changed in place: a contestant never sees these."""
    question.scope = topic.scope or record.scope
    question.fact_group = record.group or None
    if record.retired:
        question.active = False


def _fill(question: Question, record: QuestionRecord, topic: Topic) -> None:
    _mark(question, record, topic)
    question.topic = topic
    question.difficulty = record.difficulty
    question.text = record.question
    question.explanation = record.explanation
    question.source_document = record.source_document
    question.source_part = record.source_part
    question.search_text = fold(f"{record.code} {record.question}")
    _fill_options(question, record)


def _fill_options(question: Question, record: QuestionRecord) -> None:
    """Rewrite options position by position (never two rows with one position)."""
    by_position = {option.position: option for option in question.options}
    for position, text in enumerate(record.options, start=1):
        option = by_position.get(position)
        if option is None:
            option = QuestionOption(position=position)
            question.options.append(option)
        option.text = text
        option.is_correct = position == record.correct
    for position, option in by_position.items():
        if position > len(record.options):
            question.options.remove(option)


def current_versions() -> dict[str, Question]:
    """Every current question with its options, by code (one query each)."""
    questions = db.session.scalars(
        select(Question).where(Question.is_current.is_(True))
        .options(selectinload(Question.options)))
    return {question.code: question for question in questions}


def save_record(record: QuestionRecord, topic: Topic, report: LoadReport,
                current: dict[str, Question] | None = None) -> Question:
    """Create, update in place, or add a new version of the question ``record.code``.

    ``current`` (from ``current_versions()``) saves a query per record in bulk loads.
    """
    existing = current.get(record.code) if current is not None else current_version(record.code)
    if existing is None:
        question = Question(code=record.code, version=1)
        _fill(question, record, topic)
        db.session.add(question)
        report.created.append(record.code)
        return question
    if same_content(existing, record):
        _mark(existing, record, topic)
        report.unchanged += 1
        return existing
    if not was_shown(existing):
        _fill(existing, record, topic)
        db.session.flush()
        report.updated.append(record.code)
        return existing
    existing.is_current = False
    question = Question(code=record.code, version=existing.version + 1, active=existing.active)
    _fill(question, record, topic)
    db.session.add(question)
    report.new_versions.append(record.code)
    return question


def load_records(records: list[QuestionRecord], titles: dict[str, str],
                 scopes: dict[str, str] | None = None) -> LoadReport:
    """Write every record, in the caller's unit of work (with its audit row)."""
    report = LoadReport()
    scopes = scopes or {}
    topics = {key: upsert_topic(key, title, scopes.get(key)) for key, title in titles.items()}
    current = current_versions()
    for record in records:
        save_record(record, topics[record.topic], report, current)
    return report
