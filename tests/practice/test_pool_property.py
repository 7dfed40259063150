"""Over random set-ups (contests with their scopes, rounds in every state with
their topics, prize groups with topics of their own, a bank with retired and
old versions, questions shown in closed rounds): the practice pool never holds
a question an open or future round can still draw, and holds exactly the public
ones otherwise. The oracle is written plainly here, apart from the draw's code."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from contest.bank.models import Question, QuestionOption, Topic
from contest.clock import now
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.practice.services import pool_ids
from contest.contests.models import PrizeGroup
from contest.bank.models import QuestionTally
from tests.practice.helpers import STATES, add_contest, add_round, mark_shown

TOPICS = {"nq76": "national", "mot_cua": "national", "chi_so": "national", "kh_gl": "gia_lai"}
SCOPES = ("national", "national,gia_lai", "gia_lai")
topic_sets = st.sets(st.sampled_from(sorted(TOPICS)), max_size=3).map(lambda keys: ",".join(sorted(keys)))


def _empty_bank_and_contests() -> None:
    for model in (QuestionTally, PrizeGroup, Round, Contest, QuestionOption, Question, Topic):
        db.session.execute(delete(model))
    db.session.commit()


def _bank(data) -> list[Question]:
    topics = {key: Topic(key=key, title=key, scope=scope) for key, scope in TOPICS.items()}
    questions = []
    for number in range(data.draw(st.integers(4, 12), label="questions")):
        key = data.draw(st.sampled_from(sorted(TOPICS)))
        question = Question(
            code=f"Q{number}", topic=topics[key], scope=TOPICS[key], difficulty=1,
            active=data.draw(st.booleans()) or data.draw(st.booleans()),
            is_current=data.draw(st.booleans()) or data.draw(st.booleans()),
            text=f"Câu {number}?", explanation="", source_document="", source_part="",
            options=[QuestionOption(position=1, text="Đúng", is_correct=True),
                     QuestionOption(position=2, text="Sai")])
        db.session.add(question)
        questions.append(question)
    db.session.flush()
    return questions


def _contests(data, questions) -> list[Contest]:
    contests = []
    for number in range(data.draw(st.integers(1, 3), label="contests")):
        contest = add_contest(f"c{number}", data.draw(st.sampled_from(SCOPES)),
                              data.draw(st.sampled_from(["contest", "round"])))
        for _ in range(data.draw(st.integers(1, 3), label="rounds")):
            round_ = add_round(contest, data.draw(st.sampled_from(sorted(STATES))),
                               data.draw(topic_sets))
            if round_.closes_at <= now() and not round_.is_draft:
                mark_shown(round_, data.draw(st.lists(st.sampled_from(questions), unique=True)))
        if data.draw(st.booleans()):
            db.session.add(PrizeGroup(contest_id=contest.id, position=1, name="Bảng B",
                                      audiences="citizen", topics=data.draw(topic_sets)))
        contests.append(contest)
    db.session.commit()
    return contests


# --- the oracle -------------------------------------------------------------------------

def _may_draw(contest: Contest, topics: str, question: Question) -> bool:
    """An attempt of ``contest`` drawing ``topics`` ("": all) could hold ``question``."""
    scopes = contest.question_scopes.split(",")
    return (question.active and question.is_current and question.scope in scopes
            and question.topic.scope in scopes
            and (not topics or question.topic.key in topics.split(",")))


def _drawable(contests, questions) -> set[str]:
    codes = set()
    for contest in contests:
        pending = [round_ for round_ in contest.rounds if round_.closes_at > now()]
        group_topics = [group.topics for group in db.session.query(PrizeGroup)
                        .filter_by(contest_id=contest.id) if group.topics] if pending else []
        for topics in [round_.topics for round_ in pending] + group_topics:
            codes |= {question.code for question in questions if _may_draw(contest, topics, question)}
    return codes


def _public(contests) -> set[int]:
    public = set()
    for contest in contests:
        last_close = max(round_.closes_at for round_ in contest.rounds)
        for round_ in contest.rounds:
            review_at = round_.closes_at if contest.review_after == "round" else last_close
            if not round_.is_draft and round_.closes_at <= now() and review_at <= now():
                public |= {row.question_id for row in db.session.query(QuestionTally)
                           .filter_by(round_id=round_.id)}
    return public


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_pool_never_holds_a_drawable_question(frozen, data):
    _empty_bank_and_contests()
    questions = _bank(data)
    contests = _contests(data, questions)

    pool = pool_ids()

    drawable = _drawable(contests, questions)
    by_id = {question.id: question for question in questions}
    assert not {by_id[id_].code for id_ in pool} & drawable
    expected = {id_ for id_ in _public(contests)
                if by_id[id_].active and by_id[id_].is_current and by_id[id_].code not in drawable}
    assert pool == expected
