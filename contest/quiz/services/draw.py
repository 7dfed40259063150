"""Drawing the questions of a new attempt, with options shuffled per attempt."""
import secrets
from collections import defaultdict

from sqlalchemy import select

from contest.bank.models import QuestionOption
from contest.extensions import db
from contest.quiz.rules.selection import DrawSpec, choose_questions

_random = secrets.SystemRandom()


def option_ids_by_question(question_ids: list[int]) -> dict[int, list[int]]:
    rows = db.session.execute(
        select(QuestionOption.question_id, QuestionOption.id)
        .where(QuestionOption.question_id.in_(question_ids))
    )
    options = defaultdict(list)
    for question_id, option_id in rows:
        options[question_id].append(option_id)
    return options


def draw_items(spec: DrawSpec) -> list[dict]:
    """The questions ``spec`` asks for (``quiz.rules.selection``) in random order, each
    with its options shuffled: the rows of ``attempt_items`` but the attempt's id."""
    chosen = choose_questions(spec)
    options = option_ids_by_question(chosen)
    items = []
    for position, question_id in enumerate(chosen, start=1):
        order = options[question_id][:]
        _random.shuffle(order)
        items.append({"position": position, "question_id": question_id,
                      "option_order": ",".join(str(option_id) for option_id in order)})
    return items
