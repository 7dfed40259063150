"""Drawing the questions of a new attempt, with options shuffled per attempt."""
import secrets
from collections import defaultdict

from sqlalchemy import func, select

from contest.bank.models import Question, QuestionOption, Topic
from contest.extensions import db
from contest.quiz.errors import BankTooSmall
from contest.quiz.models import AttemptItem

_random = secrets.SystemRandom()


def topic_keys(topics: str) -> tuple[str, ...]:
    """A round's ``topics`` column ("a,b"; empty: every topic) as keys."""
    return tuple(key for key in (part.strip() for part in (topics or "").split(",")) if key)


def _drawable(columns, keys: tuple[str, ...]):
    stmt = select(columns).where(Question.active.is_(True), Question.is_current.is_(True))
    if keys:
        stmt = stmt.where(Question.topic_id.in_(select(Topic.id).where(Topic.key.in_(keys))))
    return stmt


def drawable_question_ids(keys: tuple[str, ...] = ()) -> list[int]:
    """Active current questions, of the given topics (none: every topic)."""
    return list(db.session.scalars(_drawable(Question.id, keys)))


def count_drawable(keys: tuple[str, ...] = ()) -> int:
    return db.session.scalar(_drawable(func.count(Question.id), keys))


def option_ids_by_question(question_ids: list[int]) -> dict[int, list[int]]:
    rows = db.session.execute(
        select(QuestionOption.question_id, QuestionOption.id)
        .where(QuestionOption.question_id.in_(question_ids))
    )
    options = defaultdict(list)
    for question_id, option_id in rows:
        options[question_id].append(option_id)
    return options


def draw_items(count: int, keys: tuple[str, ...] = ()) -> list[AttemptItem]:
    """``count`` random questions of the topics ``keys`` (none: every topic) in
    random order, each with its options shuffled."""
    pool = drawable_question_ids(keys)
    if len(pool) < count:
        raise BankTooSmall()
    chosen = _random.sample(pool, count)
    options = option_ids_by_question(chosen)
    items = []
    for position, question_id in enumerate(chosen, start=1):
        order = options[question_id][:]
        _random.shuffle(order)
        items.append(AttemptItem(
            position=position, question_id=question_id,
            option_order=",".join(str(option_id) for option_id in order),
        ))
    return items
