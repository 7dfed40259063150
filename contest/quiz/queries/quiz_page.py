"""What the quiz page shows of an attempt: each question's text and its options in
the order this attempt shows them, and the choice saved so far. Read with two
plain queries (the items; the texts of their questions and options), no ORM
object: the page is opened at every start and every reload of a rush."""
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from contest.bank.models import Question, QuestionOption
from contest.extensions import db
from contest.quiz.models import AttemptItem

ITEMS = (select(AttemptItem.position, AttemptItem.question_id, AttemptItem.option_order,
                AttemptItem.chosen_option_id)
         .where(AttemptItem.attempt_id == bindparam("attempt_id"))
         .order_by(AttemptItem.position))
TEXTS = (select(Question.id, Question.text, QuestionOption.id, QuestionOption.text)
         .join(QuestionOption, QuestionOption.question_id == Question.id)
         .where(Question.id.in_(bindparam("question_ids", expanding=True))))


@dataclass(frozen=True)
class ShownOption:
    text: str


@dataclass(frozen=True)
class QuizItem:
    position: int
    text: str
    options: tuple[ShownOption, ...]  # in this attempt's display order
    chosen_index: int | None


def quiz_items(attempt_id: int) -> list[QuizItem]:
    connection = db.session.connection()
    items = connection.execute(ITEMS, {"attempt_id": attempt_id}).all()
    questions: dict[int, str] = {}
    options: dict[int, str] = {}
    for question_id, question_text, option_id, option_text in connection.execute(
            TEXTS, {"question_ids": sorted({item.question_id for item in items})}):
        questions[question_id] = question_text
        options[option_id] = option_text
    return [_shown(item, questions, options) for item in items]


def _shown(item, questions: dict[int, str], options: dict[int, str]) -> QuizItem:
    order = [int(part) for part in item.option_order.split(",")]
    chosen = order.index(item.chosen_option_id) if item.chosen_option_id in order else None
    return QuizItem(item.position, questions[item.question_id],
                    tuple(ShownOption(options[option_id]) for option_id in order), chosen)
