"""Building the rankings benchmark's database through the app's own tables and
code: the schema and bank, the demo units, a contest with a closed round A and
an open round B, the accounts to log in with, then (``load_round``) the bulk
people, attempts and question tallies of round A, and (``finish_round``) the
app's real result computation, winner review and publication.

The synthetic attempts get no ``attempt_items`` rows (the ranking, unit and
statistics pages read the derived tables); only the attempts whose result page
is measured get their 20 items, so that page renders its full review.
"""
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from sqlalchemy import func, select, text, update

from bench import synthetic
from bench.harness import PASSWORD, fresh_schema_with_bank

ORGANIZER_PHONE, MANAGER_PHONE = "0700000001", "0700000002"
WINDOW = timedelta(days=7)


def fresh_phone(index: int) -> str:
    return f"08{index:08d}"


@dataclass
class Built:
    round_a: int
    round_b: int
    manager_unit_code: str
    people: synthetic.People
    password_hash: str
    steps: dict = field(default_factory=dict)      # build step -> seconds
    result_people: list = field(default_factory=list)  # (phone, attempt public id)
    fresh_phones: list = field(default_factory=list)   # for the submits after the load
    facts: dict = field(default_factory=dict)


class Steps:
    """Times each build step and prints it as it ends."""

    def __init__(self, steps: dict):
        self.steps = steps

    def run(self, name, function, *args):
        """One step, in a unit of work of its own, as a request or a command would be."""
        from contest.transactions import unit_of_work

        started = time.perf_counter()
        with unit_of_work():
            value = function(*args)
        self.steps[name] = time.perf_counter() - started
        print(f"  {name}: {self.steps[name]:.1f} s", flush=True)
        return value


def setup(attempts: int, fresh_people: int, rng) -> Built:
    """Schema, bank, units, the contest and the accounts (in an app context)."""

    from contest.accounts.models import User
    from contest.accounts.rules.hashing import hash_password
    from contest.clock import now
    from contest.contests.models import Contest, Round
    from contest.demo import create_units
    from contest.extensions import db
    from contest.units.models import Unit

    fresh_schema_with_bank()
    create_units()
    db.session.flush()
    units = [(u.id, u.kind, u.headcount) for u in db.session.scalars(select(Unit).order_by(Unit.id))]
    people = synthetic.spread_people(round(attempts * synthetic.PEOPLE_PER_ATTEMPT), units, rng)
    at = now()
    contest = Contest(slug="bench-xep-hang", name="Cuộc thi tìm hiểu về cải cách hành chính (bench)",
                      organizer_name="Văn phòng UBND tỉnh", rules="Thể lệ cuộc thi.")
    contest.rounds = [
        Round(number=1, name="Đợt 1", opens_at=at - timedelta(days=8), closes_at=at - timedelta(days=1),
              max_attempts=5, questions_per_attempt=20, scheduled_at=at - timedelta(days=9)),
        Round(number=2, name="Đợt 2", opens_at=at - timedelta(hours=1), closes_at=at + timedelta(days=6),
              max_attempts=5, questions_per_attempt=20, scheduled_at=at - timedelta(days=9)),
    ]
    db.session.add(contest)
    password_hash = hash_password(PASSWORD)
    staff = [(ORGANIZER_PHONE, "organizer", units[0][0]), (MANAGER_PHONE, "unit_manager",
                                                           people.biggest_commune)]
    fresh = [(fresh_phone(i), "contestant", int(rng.choice(people.unit_ids)))
             for i in range(fresh_people)]
    for index, (phone, role, unit_id) in enumerate(staff + fresh):
        db.session.add(User(full_name=f"Tài khoản {index}", date_of_birth=date(1988, 5, 17),
                            gender="nam", phone=phone, audience="cbccvc", unit_id=unit_id,
                            managed_unit_id=unit_id if role == "unit_manager" else None,
                            password_hash=password_hash, role=role))
    db.session.commit()
    code = db.session.get(Unit, people.biggest_commune).code
    return Built(contest.rounds[0].id, contest.rounds[1].id, code, people, password_hash)


# --- bulk rows ------------------------------------------------------------------

def bulk_insert(table, columns: list[str], batches) -> int:
    """COPY on PostgreSQL, executemany of 5,000-row batches on SQLite; one transaction."""
    from contest.extensions import db

    connection = db.session.connection()
    rows = 0
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for batch in batches:
                for row in batch:
                    copy.write_row(row)
                rows += len(batch)
    else:
        for batch in batches:
            connection.execute(table.insert(), [dict(zip(columns, row)) for row in batch])
            rows += len(batch)
    db.session.commit()
    return rows


def _next_id(model) -> int:
    from contest.extensions import db
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def _sync_sequence(table_name: str) -> None:
    from contest.extensions import db
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                                f"(SELECT max(id) FROM {table_name}))"))
        db.session.commit()


def _drawable_question_ids() -> list[int]:
    """Every active current question: what the synthetic attempts are drawn from
    (the app draws per round through ``contest.quiz.rules.selection``)."""
    from contest.bank.models import Question
    from contest.extensions import db

    return list(db.session.scalars(select(Question.id).where(
        Question.active.is_(True), Question.is_current.is_(True))))


def load_round(built: Built, attempts: int, result_people: int, rng) -> None:
    """Round A's people, attempts and tallies, in bulk (in an app context)."""
    from contest.accounts.models import User
    from contest.bank.models import QuestionTally
    from contest.contests.models import Round
    from contest.extensions import db
    from contest.quiz.models import Attempt

    steps = Steps(built.steps)
    round_a = db.session.get(Round, built.round_a)
    drawn = steps.run("draw synthetic data", synthetic.draw_attempts, built.people, attempts,
                      WINDOW.total_seconds(), rng)
    first_user = _next_id(User)
    steps.run("insert people", bulk_insert, User.__table__, synthetic.USER_COLUMNS,
              synthetic.user_rows(built.people, first_user, built.password_hash,
                                  round_a.opens_at, rng))
    _sync_sequence("users")
    first_attempt = _next_id(Attempt)
    steps.run("insert attempts", bulk_insert, Attempt.__table__, synthetic.ATTEMPT_COLUMNS,
              synthetic.attempt_rows(drawn, first_attempt, first_user, round_a.id,
                                     round_a.opens_at, round_a.closes_at))
    _sync_sequence("attempts")
    tallies = synthetic.tally_rows(drawn.score, _drawable_question_ids(), round_a.id, rng)
    steps.run("insert question tallies", bulk_insert, QuestionTally.__table__,
              synthetic.TALLY_COLUMNS, [tallies])
    _set_headcounts(built.people, rng)
    chosen = rng.choice(drawn.count, result_people, replace=False)
    built.result_people = steps.run("items of the measured result pages", _result_people,
                                    drawn, chosen, first_attempt)
    built.facts.update(people=built.people.count, perfect_scorers=drawn.perfect_scorers,
                       fully_correct_share=float(np.mean(drawn.score == synthetic.TOTAL)),
                       tally_rows=len(tallies))


def _set_headcounts(people: synthetic.People, rng) -> None:
    """Headcounts that give participation rates of about 45–100% (the demo's are
    for a few hundred people)."""
    from contest.extensions import db
    from contest.units.models import Unit

    ids, counts = np.unique(people.unit_ids, return_counts=True)
    for unit_id, count in zip(ids, counts):
        headcount = int(np.ceil(count * synthetic.WITH_ATTEMPTS_SHARE / rng.uniform(0.45, 1.0)))
        db.session.execute(update(Unit).where(Unit.id == int(unit_id)).values(headcount=headcount))
    db.session.commit()


def _result_people(drawn: synthetic.Attempts, chosen, first_attempt: int) -> list:
    """The attempts whose result pages are measured get their 20 answered items."""
    from contest.bank.models import QuestionOption
    from contest.extensions import db
    from contest.quiz.models import Attempt, AttemptItem

    options: dict[int, list[tuple[int, bool]]] = {}
    for question_id, option_id, correct in db.session.execute(
            select(QuestionOption.question_id, QuestionOption.id, QuestionOption.is_correct)):
        options.setdefault(question_id, []).append((option_id, correct))
    pool = _drawable_question_ids()
    people = []
    for j in chosen:
        attempt = db.session.get(Attempt, first_attempt + int(j))
        questions = [pool[i] for i in np.random.default_rng(int(j)).permutation(len(pool))[:20]]
        for position, question_id in enumerate(questions, start=1):
            shown = options[question_id]
            right = position <= attempt.score
            chosen_id = next(o for o, c in shown if c == right)
            db.session.add(AttemptItem(
                attempt_id=attempt.id, position=position, question_id=question_id,
                option_order=",".join(str(o) for o, _ in shown), chosen_option_id=chosen_id,
                saved_at=attempt.started_at + timedelta(seconds=position), is_correct=right))
        people.append((synthetic.person_phone(int(drawn.person[j])), attempt.public_id))
    db.session.commit()
    return people


# --- the app's own result computation ---------------------------------------------

def finish_round(built: Built) -> None:
    """compute_results, then verify every provisional winner and publish, as the
    organizer (in an app context)."""
    from contest.accounts.models import User
    from contest.contests.models import Round
    from contest.extensions import db
    from contest.prizes.services import provisional_winners, publish_results, verify_winner
    from contest.rankings.services.results import compute_results

    steps = Steps(built.steps)
    round_a = db.session.get(Round, built.round_a)
    organizer = db.session.scalar(select(User).where(User.phone == ORGANIZER_PHONE))
    steps.run("compute_results", compute_results, round_a, organizer)
    built.facts["prediction_actual"] = round_a.prediction_actual

    def review_and_publish():
        winners = [w.row.entry.user_id for group in provisional_winners(round_a)
                   for w in group.winners]
        for user_id in winners:
            verify_winner(round_a, user_id, organizer)
        publish_results(round_a, organizer)
        return len(winners)

    built.facts["winners"] = steps.run("verify winners and publish", review_and_publish)
    if db.session.get_bind().dialect.name == "postgresql":
        steps.run("VACUUM ANALYZE (what autovacuum does)", _vacuum_analyze)


def _vacuum_analyze() -> None:
    from contest.extensions import db
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
