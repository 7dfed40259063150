"""The bank's file format (question_bank/<topic>.yaml), read into plain records.

A file is one topic of one scope: ``scope: national`` (any province's contest may
draw it) or a province key (``gia_lai``: questions on that province's plans). A
question may name a fact ``group`` (one attempt never holds two questions of a
group), list the codes it was judged ``distinct_from`` (a similar pair a reviewer
kept apart), or be ``retired`` with a reason (kept for history, never drawn).
"""
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class QuestionRecord:
    code: str
    topic: str
    difficulty: int
    question: str
    options: tuple[str, ...]
    correct: int  # 1-based
    explanation: str
    source_document: str
    source_part: str
    scope: str = "national"
    group: str = ""
    retired: bool = False
    retired_reason: str = ""
    distinct_from: tuple[str, ...] = ()


NATIONAL = "national"


def key_of(record: QuestionRecord) -> str:
    return record.options[record.correct - 1]


def can_meet(first: QuestionRecord, second: QuestionRecord) -> bool:
    """Two questions can be in one attempt unless they belong to two provinces."""
    return NATIONAL in (first.scope, second.scope) or first.scope == second.scope


def same_group(first: QuestionRecord, second: QuestionRecord) -> bool:
    """One attempt never holds two questions of a fact group."""
    return bool(first.group) and first.group == second.group


@dataclass(frozen=True)
class TopicFile:
    path: Path
    topic: str
    title: str
    raw_questions: list
    scope: str = ""


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present


def read_topic_file(path: Path) -> TopicFile:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader) or {}
    if not isinstance(data, dict):
        data = {}
    questions = data.get("questions")
    return TopicFile(
        path=path, topic=str(data.get("topic", "")), title=str(data.get("title", "")),
        raw_questions=questions if isinstance(questions, list) else [],
        scope=str(data.get("scope", "") or ""),
    )


def topic_files(directory: str | Path) -> list[Path]:
    return sorted(Path(directory).glob("*.yaml"))


def to_record(topic: str, raw: dict, scope: str = "national") -> QuestionRecord:
    """A record from one YAML question (assumes it passed validation)."""
    source = raw.get("source") or {}
    return QuestionRecord(
        code=str(raw["code"]).strip(), topic=topic, difficulty=int(raw["difficulty"]),
        question=str(raw["question"]).strip(),
        options=tuple(str(option).strip() for option in raw["options"]),
        correct=int(raw["correct"]), explanation=str(raw["explanation"]).strip(),
        source_document=str(source["document"]).strip(), source_part=str(source["part"]).strip(),
        scope=scope, group=str(raw.get("group") or "").strip(),
        retired=raw.get("retired") is True,
        retired_reason=str(raw.get("retired_reason") or "").strip(),
        distinct_from=tuple(str(code).strip() for code in raw.get("distinct_from") or ()),
    )
