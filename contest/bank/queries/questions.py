"""Reading the bank for the organizers' pages."""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from contest.bank.models import Question, Topic
from contest.extensions import db
from contest.text import fold

PER_PAGE = 50


@dataclass(frozen=True)
class BankFilter:
    query: str = ""
    topic: str = ""
    difficulty: str = ""
    active: str = ""  # "", "1" (active) or "0" (hidden)

    @classmethod
    def from_args(cls, args) -> "BankFilter":
        return cls(
            query=args.get("q", "")[:200].strip(), topic=args.get("topic", "")[:64],
            difficulty=args.get("difficulty", "") if args.get("difficulty") in ("1", "2", "3") else "",
            active=args.get("active", "") if args.get("active") in ("0", "1") else "",
        )


def topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.key)))


def topic_titles(keys) -> list[str]:
    """The titles of the topics ``keys`` ("kh_gia_lai,mot_cua" or a list), in that
    order; a key no topic has any more stays as it is."""
    keys = [key for key in (keys.split(",") if isinstance(keys, str) else keys or []) if key]
    if not keys:
        return []
    titles = dict(db.session.execute(select(Topic.key, Topic.title).where(Topic.key.in_(keys))).all())
    return [titles.get(key, key) for key in keys]


def filtered_questions(filters: BankFilter):
    stmt = (select(Question).where(Question.is_current.is_(True))
            .options(selectinload(Question.options)).order_by(Question.code))
    for word in fold(filters.query).split():
        stmt = stmt.where(Question.search_text.contains(word, autoescape=True))
    if filters.topic:
        stmt = stmt.join(Question.topic).where(Topic.key == filters.topic)
    if filters.difficulty:
        stmt = stmt.where(Question.difficulty == int(filters.difficulty))
    if filters.active:
        stmt = stmt.where(Question.active.is_(filters.active == "1"))
    return stmt


def page_of_questions(filters: BankFilter, page: int):
    return db.paginate(filtered_questions(filters), page=page, per_page=PER_PAGE, error_out=False)


def versions_of(code: str) -> list[Question]:
    return list(db.session.scalars(
        select(Question).where(Question.code == code).order_by(Question.version.desc())))
