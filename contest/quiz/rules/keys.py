"""The one rule for when a question's key (its correct option) and explanation
may be shown to anyone but an organizer: the result page's review, practice,
and whatever else shows a key goes through here.

A key is shown only when both hold:

(a) the organizer's chosen moment has come for the round the attempt belongs
    to (``review_moment``): the round settled (its close plus the answer grace,
    ``contests.rules.disclosure``) with review after each round; with review after
    the whole contest, the later of the contest's end date and its last round's
    close (drafts included), plus the grace;
(b) nothing can still ask the question (``drawable_codes``): no round of *any*
    contest that is not settled (draft, scheduled, open, or closed less than
    the grace ago) can draw it (the draw's own filter, prize groups' own topics
    too), no attempt that can still save holds it (a question withdrawn while
    attempts hold it is still answered and scored), and the same holds for every
    question of its fact group (they ask one fact: one's explanation is the
    other's key).

A review is all or nothing per attempt (``attempt_review``): with one key held
back, the score minus the shown right answers would tell the held-back ones.

Everything is read from the database at each call, never from a cache another
process may hold: one worker learning of a new round must not leave another
serving keys (the queries are few and small: pending rounds, their prize
groups, one filtered query on the questions).
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import aliased, contains_eager

from contest.bank.models import Question, QuestionTally, Topic
from contest.clock import now
from contest.contests.models import Contest, Round
from contest.contests.queries.prize_groups import groups_with_topics
from contest.contests.rules.disclosure import answer_grace, is_settled
from contest.extensions import db
from contest.formatting import format_local
from contest.key_lists import keys_of
from contest.quiz.models import IN_PROGRESS, SUBMITTED, Attempt, AttemptItem
from contest.quiz.rules.selection import DrawSpec, drawable_by, spec_for

WAITING, HELD_BACK, SHOWN = "waiting", "held_back", "shown"


# --- (a) the organizer's moment ---------------------------------------------------

def _moment(review_after: str, closes_at: datetime, last_close: datetime,
            ends_at: datetime | None) -> datetime:
    """The review moment of a round closing at ``closes_at``, in a contest whose
    rounds (drafts included) close last at ``last_close`` and which ends at
    ``ends_at``: plus the grace, as a save is still taken at its last instant."""
    if review_after == "round":
        end = closes_at  # the round settled (``contests.rules.disclosure``)
    else:
        end = last_close if ends_at is None else max(last_close, ends_at)
    return end + answer_grace()


def review_moment(round_: Round) -> datetime:
    """The moment after which the review of this round's attempts may open (the
    contest's other rounds are read only when its review waits for them)."""
    contest = round_.contest
    last_close = (round_.closes_at if contest.review_after == "round"
                  else max(other.closes_at for other in contest.rounds))
    return _moment(contest.review_after, round_.closes_at, last_close, contest.ends_at)


def rounds_past_review(at: datetime) -> list[int]:
    """Ids of the scheduled rounds whose review moment has come at ``at`` (one query)."""
    other = aliased(Round)
    last_close = (select(func.max(other.closes_at)).where(other.contest_id == Round.contest_id)
                  .scalar_subquery())
    rows = db.session.execute(
        select(Round.id, Contest.review_after, Round.closes_at, last_close, Contest.ends_at)
        .join(Round.contest).where(Round.scheduled_at.is_not(None), Round.closes_at <= at))
    return [id_ for id_, *moment in rows if at > _moment(*moment)]


# --- (b) what a round not settled can still draw ------------------------------------

def _unsettled_rounds(at: datetime) -> list[Round]:
    """Rounds of every contest that can still draw: drafts (they may be
    scheduled), and scheduled rounds not settled at ``at``."""
    return list(db.session.scalars(
        select(Round).join(Round.contest)
        .where(or_(Round.scheduled_at.is_(None), Round.closes_at >= at - answer_grace()))
        .options(contains_eager(Round.contest))))


def draw_specs(rounds: list[Round]) -> list[DrawSpec]:
    """What these rounds can draw: each round's own draw, and every prize group
    with topics of its own in their contests."""
    specs = [spec_for(round_) for round_ in rounds]
    for contest in {round_.contest.id: round_.contest for round_ in rounds}.values():
        scopes = keys_of(contest.question_scopes) or ("national",)
        specs += [DrawSpec(1, scopes, topics) for topics in groups_with_topics(contest)]
    return specs


def _held_by_live_attempts(at: datetime):
    """A select of the ids of the questions held by attempts that can still save
    at ``at`` (in progress, before their deadline plus the grace)."""
    return (select(AttemptItem.question_id).join(Attempt, Attempt.id == AttemptItem.attempt_id)
            .where(Attempt.status == IN_PROGRESS, Attempt.deadline_at >= at - answer_grace()))


def _with_fact_siblings(asked):
    """A select of the codes of the questions in ``asked`` (a condition on
    questions joined to their topic) and of every question sharing a fact group
    with one of them."""
    direct = (select(Question.code, Question.fact_group)
              .join(Topic, Topic.id == Question.topic_id).where(asked).subquery())
    groups = select(direct.c.fact_group).where(direct.c.fact_group.is_not(None))
    return select(Question.code).where(or_(Question.code.in_(select(direct.c.code)),
                                           Question.fact_group.in_(groups)))


def _codes_drawable_by(specs: list[DrawSpec]):
    """A select of the codes a draw of (non-empty) ``specs`` can ask, with their
    fact groups."""
    return _with_fact_siblings(or_(*(drawable_by(spec) for spec in specs)))


def drawable_codes(among=None, at: datetime | None = None) -> frozenset[str]:
    """Codes of the questions (``among`` these: codes, or a select of codes) that
    something can still ask at ``at``: a round of any contest not settled, or an
    attempt that can still save, the question or one of its fact group. Their
    keys stay hidden."""
    at = at or now()
    asked = [Question.id.in_(_held_by_live_attempts(at))]
    asked += [drawable_by(spec) for spec in draw_specs(_unsettled_rounds(at))]
    stmt = _with_fact_siblings(or_(*asked)).distinct()
    if among is not None:
        stmt = stmt.where(Question.code.in_(among))
    return frozenset(db.session.scalars(stmt))


# --- the review of one attempt -----------------------------------------------------

@dataclass(frozen=True)
class Review:
    after: str          # the contest's setting: 'round' or 'contest'
    opens_at: datetime  # the organizer's moment (a)
    state: str          # WAITING, HELD_BACK (some question still drawable) or SHOWN

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


def attempt_review(attempt: Attempt, at: datetime | None = None) -> Review:
    """Whether the attempt's keys and explanations may be shown, all of them or none."""
    at = at or now()
    round_ = attempt.round
    opens_at = review_moment(round_)
    if at <= opens_at:
        state = WAITING
    else:
        codes = (select(Question.code).join(AttemptItem, AttemptItem.question_id == Question.id)
                 .where(AttemptItem.attempt_id == attempt.id))
        state = HELD_BACK if drawable_codes(codes, at) else SHOWN
    return Review(round_.contest.review_after, opens_at, state)


# --- reopening a round ----------------------------------------------------------------

def reopen_problem(round_: Round) -> str | None:
    """Why this round may not be extended (reopened), or None. Once keys may have
    been shown, attempts made after a reopening could use them.

    "May have been shown" is decided from the database alone, with no write on a
    page view: the round is settled and either its own review moment has passed
    with a submitted attempt, or a question it can draw was in an attempt of a
    round (of any contest) whose review moment has passed. The second part may
    refuse a reopening whose keys a hold-back kept hidden all along: refusing is
    the safe side."""
    at = now()
    if not is_settled(round_, at):
        return None
    if at > review_moment(round_) and _has_submitted_attempt(round_):
        return (f"Không thể gia hạn: đáp án và giải thích của {round_.name} đã được công bố "
                f"cho người dự thi (từ {format_local(review_moment(round_))}). Mở lại đợt thi "
                "sẽ để người thi sau biết trước đáp án.")
    other = _round_that_showed(round_, at)
    if other is not None:
        return (f"Không thể gia hạn: đáp án của câu hỏi mà {round_.name} có thể rút đã được "
                f"công bố sau {other.name} ({other.contest.name}). Mở lại đợt thi sẽ để người "
                "thi sau biết trước đáp án.")
    return None


def _has_submitted_attempt(round_: Round) -> bool:
    return bool(db.session.scalar(select(exists().where(
        Attempt.round_id == round_.id, Attempt.status == SUBMITTED))))


def _round_that_showed(round_: Round, at: datetime) -> Round | None:
    """A round past its review moment whose attempts held a question ``round_``
    can draw."""
    reviewed = rounds_past_review(at)
    if not reviewed:
        return None
    shown_in = db.session.scalar(
        select(QuestionTally.round_id).join(Question, Question.id == QuestionTally.question_id)
        .where(QuestionTally.round_id.in_(reviewed),
               Question.code.in_(_codes_drawable_by(draw_specs([round_]))))
        .limit(1))
    return db.session.get(Round, shown_in) if shown_in is not None else None
