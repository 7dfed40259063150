"""Practice (luyện tập): untimed, unranked, counted nowhere, with the explanation
and source after each answer.

The pool is the questions whose answers are already public, and nothing a round
can still ask, by the one key rule (``quiz.rules.keys``):

- public: a question version drawn in a submitted attempt (the per-question
  tallies record each one) of a round whose review moment has come
  (``quiz.rules.keys.rounds_past_review``); still current and active;
- minus every question that a round of any contest not settled can still draw
  (``quiz.rules.keys.drawable_codes``: the draw's own selection rules, drafts and
  prize groups' own topics included).

It is read from the database on every use, never cached: a worker must not keep
offering a key after another worker learnt of a round that can draw it.

Nothing is stored: an answer is checked and forgotten, so attempts, attempt
counts, rankings, statistics and prizes never see a practice answer.
"""
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from contest.bank.models import Question, QuestionTally
from contest.clock import now
from contest.errors import DomainError, NotFound
from contest.extensions import db
from contest.ids import MAX_ID
from contest.parsing import json_integer, whole_numbers
from contest.quiz.rules.keys import drawable_codes, rounds_past_review

SET_SIZE = 10
_random = secrets.SystemRandom()


class NotInPractice(NotFound):
    message = "Câu hỏi này không có trong phần luyện tập."


class InvalidChoice(DomainError):
    message = "Vui lòng chọn một phương án của câu hỏi."


@dataclass(frozen=True)
class Feedback:
    """A practice answer checked: options indexed as the page shows them (by position)."""
    question: Question
    chosen_index: int
    correct_index: int

    @property
    def is_correct(self) -> bool:
        return self.chosen_index == self.correct_index

    @property
    def chosen(self):
        return self.question.options[self.chosen_index]

    @property
    def correct(self):
        return self.question.options[self.correct_index]


@dataclass(frozen=True)
class PracticeItem:
    position: int
    question: Question
    feedback: Feedback | None


# --- the pool ----------------------------------------------------------------------

def pool_ids(among: list[int] | None = None) -> frozenset[int]:
    """Ids of the question versions practice may show now (of ``among`` only, when
    given: checking one answer reads one question, not the whole pool)."""
    at = now()
    rounds = rounds_past_review(at)
    if not rounds:
        return frozenset()
    shown = select(QuestionTally.question_id).where(QuestionTally.round_id.in_(rounds))
    public = select(Question.id, Question.code).where(
        Question.id.in_(shown), Question.is_current.is_(True), Question.active.is_(True))
    if among is not None:
        public = public.where(Question.id.in_(among))
    rows = db.session.execute(public).all()
    if not rows:
        return frozenset()
    hidden = drawable_codes(public.with_only_columns(Question.code), at)
    return frozenset(id_ for id_, code in rows if code not in hidden)


def practice_available() -> bool:
    """Whether practice has a question to show now: the pages link to it only then
    (one small query while no round's review has come, as during the first round)."""
    return bool(pool_ids())


# --- a practice set and its answers --------------------------------------------

def _questions(ids: list[int]) -> list[Question]:
    """The questions with their options, in the order of ``ids``."""
    by_id = {question.id: question for question in db.session.scalars(
        select(Question).where(Question.id.in_(ids)).options(selectinload(Question.options)))}
    return [by_id[id_] for id_ in ids]


def new_set(size: int = SET_SIZE) -> list[Question]:
    """Up to ``size`` questions of the pool, at random (none when it is empty)."""
    pool = sorted(pool_ids())
    return _questions(_random.sample(pool, min(size, len(pool))))


def questions_in_pool(ids: list[int]) -> list[Question]:
    """The questions a page sent back, each checked to be in the pool (else 404)."""
    if not ids or len(ids) > SET_SIZE or len(set(ids)) != len(ids):
        raise DomainError("Bộ câu hỏi luyện tập gửi lên không hợp lệ. Vui lòng mở lại trang luyện tập.")
    if any(not 0 <= id_ <= MAX_ID for id_ in ids):  # never asked of the database
        raise NotInPractice()
    pool = pool_ids(ids)
    if any(id_ not in pool for id_ in ids):
        raise NotInPractice()
    return _questions(ids)


def parse_ids(text: str | None) -> list[int]:
    """"12,7,30" as ids; anything else (a part of 5,000 digits, "²") as no ids,
    which ``questions_in_pool`` refuses."""
    return whole_numbers(text, MAX_ID) or []


def feedback_for(question: Question, choice) -> Feedback:
    """Check ``choice`` (the display index of an option) against the key."""
    choice = json_integer(choice, len(question.options) - 1)
    if choice is None:
        raise InvalidChoice()
    correct = next(index for index, option in enumerate(question.options) if option.is_correct)
    return Feedback(question, choice, correct)


def check_answer(question_id, choice) -> Feedback:
    """One answer from the page's script: the question must be in the pool."""
    id_ = json_integer(question_id, MAX_ID)
    if id_ is None:
        raise NotInPractice()
    return feedback_for(questions_in_pool([id_])[0], choice)


def checked_items(questions: list[Question], answers: dict[int, int]) -> list[PracticeItem]:
    """The set as the page shows it, with feedback where an answer was given
    (``answers``: position → display index)."""
    return [PracticeItem(position, question,
                         feedback_for(question, answers[position]) if position in answers else None)
            for position, question in enumerate(questions, start=1)]
