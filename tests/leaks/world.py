"""Building a world of the leak hunt (``tests.leaks.spec``) in the database, the
way it would come about: contests and rounds as the organizer leaves them,
attempts started, answered and submitted through the app's services at frozen
times (in the order of those times), results computed and published by an
organizer. Every question carries unique markers in its stem, options and
explanation, so a page that shows one can be caught.

The draw is seeded per attempt, so two builds of one spec draw the same
questions, even when one of them has an attempt more."""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from contest import clock
from contest.accounts.rules.hashing import hash_password
from contest.accounts.models import User
from contest.bank.models import Question, QuestionOption, Topic
from contest.contests.models import PREDICTION_KINDS, Contest, Round
from contest.extensions import db
from contest.contests.models import PrizeGroup
from contest.prizes.services import provisional_winners, publish_results, verify_winner
from contest.quiz.services import saving
from contest.quiz.services import attempts as services
from contest.quiz.models import Attempt
from contest.rankings.services.results import compute_results
from contest.text import fold
from contest.units.models import Unit
from tests.conftest import PASSWORD
from tests.database import empty_tables
from tests.leaks.spec import (
    HOME_UNIT, QUESTIONS_PER_TOPIC, TAKERS, TOPICS, UNITS, RoundSpec, Take, WorldSpec,
)
from tests.rankings.helpers import correct_index, take_attempt

PASSWORD_HASH = hash_password(PASSWORD)  # once: argon2 costs ~20 ms a user
PEOPLE = (*TAKERS, "X", "ORG")
ROLES = {"M": "unit_manager", "ORG": "organizer"}
DAY, HOUR, MINUTE, SECOND = (timedelta(days=1), timedelta(hours=1), timedelta(minutes=1),
                             timedelta(seconds=1))
ATTEMPT_GAP = 25 * MINUTE  # between one person's attempts of a round (each < 10 minutes)


# --- markers -----------------------------------------------------------------------------

def stem_marker(code: str) -> str:
    return f"STEM-{code}-Z"


def explanation_marker(code: str) -> str:
    return f"EXPL-{code}-Z"


def option_marker(code: str, position: int) -> str:
    return f"OPT-{code}-{position}-Z"


def question_codes() -> list[str]:
    return [f"Q{number:02d}" for number in range(1, QUESTIONS_PER_TOPIC * len(TOPICS) + 1)]


# --- the world as built ------------------------------------------------------------------

@dataclass
class World:
    spec: WorldSpec
    at: datetime
    users: dict[str, int] = field(default_factory=dict)  # person -> user id
    units: dict[str, str] = field(default_factory=dict)  # U1 -> unit code
    rounds: dict[tuple[int, int], int] = field(default_factory=dict)  # (contest, round) -> id

    def user(self, person: str) -> User:
        return db.session.get(User, self.users[person])

    def window(self, contest: int, index: int) -> tuple[datetime, datetime]:
        """(opens, closes) of a round of the world."""
        key = (contest, index)
        state = self.spec.contests[contest].rounds[index].state
        return window(state, list(self.rounds).index(key), self.at)

    def attempts_of(self, person: str) -> list[Attempt]:
        return list(db.session.query(Attempt).filter_by(user_id=self.users[person])
                    .order_by(Attempt.round_id, Attempt.number))


def reset() -> None:
    """Every table emptied and ids restarted, between two examples or two builds."""
    db.session.remove()
    empty_tables()


def build(spec: WorldSpec, at: datetime, rng: random.Random, varied: bool = False) -> World:
    """The world of ``spec`` with the clock left at ``at``; ``varied``: the
    variation's second version (``spec.Variation``)."""
    world = World(spec, at)
    clock.freeze(at - 40 * DAY)
    _people(world)
    _bank()
    _contests(world)
    db.session.commit()
    for moment, _, event in sorted(_events(world, rng), key=lambda event: event[:2]):
        clock.freeze(moment)
        event()
    if spec.variation is not None:
        _vary(world, rng, varied)
    clock.freeze(at)
    db.session.expire_all()
    return world


def _people(world: World) -> None:
    for index, name in enumerate(UNITS):
        unit = Unit(code=f"DV{index + 1}", name=f"Đơn vị {name}",
                    name_folded=fold(f"Đơn vị {name}"), kind=world.spec.unit_kinds[index],
                    headcount=world.spec.headcounts[index])
        db.session.add(unit)
        world.units[name] = unit.code
    db.session.flush()
    units = {name: db.session.query(Unit).filter_by(code=code).one()
             for name, code in world.units.items()}
    for number, person in enumerate(PEOPLE, start=1):
        unit = units[world.spec.variation.unit if person == "X" and world.spec.variation
                     else HOME_UNIT.get(person, "U3")]
        user = User(full_name=f"Người {person}", date_of_birth=date(1990, 1, 1), gender="nam",
                    phone=f"090000{number:04d}", unit_id=unit.id, password_hash=PASSWORD_HASH,
                    audience="citizen" if person == "C3" else "cbccvc",
                    role=ROLES.get(person, "contestant"))
        if person == "M" and hasattr(User, "managed_unit_id"):
            user.managed_unit_id = unit.id  # the unit the organizer assigned (issue 17)
        db.session.add(user)
        db.session.flush()
        world.users[person] = user.id


def _bank() -> None:
    codes = iter(question_codes())
    for key, scope in TOPICS.items():
        topic = Topic(key=key, title=f"Chủ đề {key}", scope=scope)
        for _ in range(QUESTIONS_PER_TOPIC):
            code = next(codes)
            db.session.add(Question(
                code=code, topic=topic, scope=scope, difficulty=1,
                text=f"Câu hỏi {stem_marker(code)}?",
                explanation=f"Giải thích {explanation_marker(code)}.",
                source_document="Văn bản thử", source_part="Điều 1",
                options=[QuestionOption(position=p, text=f"Phương án {option_marker(code, p)}",
                                        is_correct=p == 1) for p in range(1, 5)]))
    db.session.flush()


def window(state: str, index: int, at: datetime) -> tuple[datetime, datetime]:
    """(opens, closes) of a round in ``state``; ``index`` keeps settled rounds apart."""
    return {
        "draft": (at + 3 * DAY + index * HOUR, at + 4 * DAY),
        "upcoming": (at + DAY + index * HOUR, at + 2 * DAY),
        "open": (at - 2 * HOUR, at + DAY),
        "just_closed": (at - 3 * HOUR, at - SECOND),
    }.get(state) or (at - (3 + 2 * index) * DAY, at - (2 + 2 * index) * DAY)


def _contests(world: World) -> None:
    at = world.at
    for c, spec in enumerate(world.spec.contests):
        # The first contest is the newest: the home page's contest when it has a round.
        contest = Contest(slug=f"cuoc-thi-{c}", name=f"Cuộc thi {c}", rules="Thể lệ.",
                          organizer_name="Ban Tổ chức", question_scopes=spec.scopes,
                          review_after=spec.review_after, unit_min_rate=spec.unit_min_rate,
                          ends_at={"far": at + 20 * DAY, "past": at - DAY}.get(spec.ends),
                          created_at=at - 40 * DAY - c * MINUTE)
        db.session.add(contest)
        db.session.flush()
        if spec.group_topics:
            db.session.add_all([
                PrizeGroup(contest_id=contest.id, position=1, name="Bảng A", audiences="cbccvc"),
                PrizeGroup(contest_id=contest.id, position=2, name="Bảng B", audiences="citizen",
                           topics=spec.group_topics)])
        for r, round_spec in enumerate(spec.rounds):
            world.rounds[(c, r)] = _round(contest, r, round_spec, len(world.rounds), at).id


def _round(contest: Contest, r: int, spec: RoundSpec, index: int, at: datetime) -> Round:
    opens, closes = window(spec.state, index, at)
    round_ = Round(contest_id=contest.id, number=r + 1, name=f"Tuần {r + 1}", opens_at=opens,
                   closes_at=closes, questions_per_attempt=spec.questions,
                   time_limit_seconds=600, max_attempts=3, prediction_kind=spec.kind,
                   prediction_question=PREDICTION_KINDS[spec.kind], topics=spec.topics,
                   allow_overlap=True,
                   scheduled_at=None if spec.state == "draft" else at - 30 * DAY)
    db.session.add(round_)
    db.session.flush()
    return round_


# --- what happens, in the order of the clock ---------------------------------------------

def _events(world: World, rng: random.Random):
    organizer = world.users["ORG"]
    for c, r, spec in world.spec.rounds():
        round_id = world.rounds[(c, r)]
        opens, closes = world.window(c, r)
        for taker in spec.takers:
            slot = TAKERS.index(taker.person)
            for number, take in enumerate(taker.takes, start=1):
                start = opens + 5 * MINUTE + (number - 1) * ATTEMPT_GAP + slot * 4 * MINUTE
                yield start, slot, _taking(world, rng, taker.person, round_id, number, take,
                                           taker.prediction, start)
            if taker.in_progress:
                start = min(world.at, closes) - 3 * MINUTE - slot * SECOND
                yield start, slot, _starting(world, rng, taker.person, round_id,
                                             len(taker.takes) + 1, taker.prediction, start)
        if spec.state in ("computed", "published"):
            yield closes + HOUR, 0, lambda round_id=round_id: compute_results(
                db.session.get(Round, round_id), actor=db.session.get(User, organizer))
        if spec.state == "published":
            yield closes + 2 * HOUR, 0, lambda round_id=round_id: _publish(round_id, organizer)


def _seed(rng: random.Random, person: str, round_id: int, number: int) -> None:
    rng.seed(f"{person}:{round_id}:{number}")


def _taking(world, rng, person, round_id, number, take: Take, prediction, start):
    def take_it():
        _seed(rng, person, round_id, number)
        take_attempt(world.user(person), db.session.get(Round, round_id), correct=take.correct,
                     seconds=take.seconds, prediction=prediction, at=start)
    return take_it


def _starting(world, rng, person, round_id, number, prediction, start):
    """An attempt started, its first answer right and the prediction saved; not submitted."""
    def start_it():
        _seed(rng, person, round_id, number)
        clock.freeze(start)
        user = world.user(person)
        attempt = services.start_attempt(user, db.session.get(Round, round_id))
        item = attempt.items[0]
        saving.save_answer(user.id, attempt.public_id, item.position, correct_index(item))
        services.save_prediction(user, attempt.public_id, prediction)
    return start_it


def _publish(round_id: int, organizer_id: int) -> None:
    round_, organizer = db.session.get(Round, round_id), db.session.get(User, organizer_id)
    for result in provisional_winners(round_):
        for winner in result.winners:
            verify_winner(round_, winner.row.entry.user_id, organizer)
    publish_results(round_, organizer)


def _vary(world: World, rng: random.Random, varied: bool) -> None:
    """X's part in the target round, built after everything else so that both
    versions of the world give every other row the same id."""
    variation = world.spec.variation
    round_id = world.rounds[(variation.contest, variation.round)]
    opens, closes = world.window(variation.contest, variation.round)
    if variation.mode == "starts":
        if varied:
            start = min(world.at, closes) - 4 * MINUTE
            _starting(world, rng, "X", round_id, 1, 5, start)()
        return
    full = world.spec.target.questions
    takes = {"joins": [Take(1, 200)] if varied else [],
             "extra": [Take(1, 200)] + ([Take(1, 300)] if varied else []),
             "score": [Take(full - 1 if varied else full, 200)]}[variation.mode]
    for number, take in enumerate(takes, start=1):
        start = opens + 7 * MINUTE + (number - 1) * ATTEMPT_GAP
        _taking(world, rng, "X", round_id, number, take, 5, start)()
