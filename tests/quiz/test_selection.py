"""What an attempt draws (issue: question bank for any province): never two
questions of one fact group; only the contest's scopes; a round's topic and
difficulty mix honoured, an impossible mix refused with a clear message; a prize
group's own topics."""
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contest.contests.models import Round
from contest.extensions import db
from contest.contests.models import PrizeGroup
from contest.quiz.errors import BankTooSmall
from contest.quiz.rules.selection import (
    Candidate, DrawSpec, MixNotMet, cell_counts, mix_problem, pick, spec_for,
)
from contest.quiz.services.attempts import start_attempt

TOPICS = ("mot_cua", "cong_vu", "chi_so")


# --- the pure draw, property-based -------------------------------------------------

@st.composite
def banks(draw):
    """A pool of 10–60 questions over three topics and three difficulties, about a
    third of them in fact groups of two to four."""
    size = draw(st.integers(10, 60))
    pool = []
    for id_ in range(1, size + 1):
        group = draw(st.one_of(st.none(), st.integers(1, size // 3 + 1)))
        pool.append(Candidate(id_, draw(st.sampled_from(TOPICS)), draw(st.integers(1, 3)),
                              f"g{group}" if group else f"#{id_}"))
    return pool


@st.composite
def mixes(draw, count):
    """A split of ``count`` over ``keys`` (or no mix)."""
    def split(keys):
        cuts = sorted(draw(st.lists(st.integers(0, count), min_size=len(keys) - 1,
                                    max_size=len(keys) - 1)))
        return {key: b - a for key, a, b in zip(keys, [0, *cuts], [*cuts, count]) if b - a}
    topic_mix = split(TOPICS) if draw(st.booleans()) else {}
    difficulty_mix = split((1, 2, 3)) if draw(st.booleans()) else {}
    return topic_mix, difficulty_mix


@settings(max_examples=300, deadline=None)
@given(pool=banks(), count=st.integers(1, 12), data=st.data())
def test_a_draw_meets_its_mix_with_one_question_per_group(pool, count, data):
    topic_mix, difficulty_mix = data.draw(mixes(count))
    spec = DrawSpec(count, ("national",), tuple(topic_mix), topic_mix, difficulty_mix)
    try:
        chosen = pick(spec, pool, cell_counts(spec, pool))
    except MixNotMet:
        return  # the bank cannot meet it: the organizer was told when saving the round
    by_id = {candidate.id: candidate for candidate in pool}
    drawn = [by_id[id_] for id_ in chosen]
    assert len(chosen) == len(set(chosen)) == count
    groups = Counter(candidate.group for candidate in drawn)
    assert max(groups.values()) == 1, groups
    if topic_mix:
        assert Counter(c.topic for c in drawn) == Counter(topic_mix)
    if difficulty_mix:
        assert Counter(c.difficulty for c in drawn) == Counter(difficulty_mix)


def test_both_mixes_are_met_where_a_greedy_split_would_fail():
    """mot_cua has only easy questions: the flow must give cong_vu's two to the
    hard column, whatever order it tries."""
    pool = [Candidate(1, "mot_cua", 1, "#1"), Candidate(2, "mot_cua", 1, "#2"),
            Candidate(3, "cong_vu", 1, "#3"), Candidate(4, "cong_vu", 1, "#4"),
            Candidate(5, "cong_vu", 3, "#5"), Candidate(6, "cong_vu", 3, "#6")]
    spec = DrawSpec(4, topic_mix={"mot_cua": 2, "cong_vu": 2}, difficulty_mix={1: 2, 3: 2})
    for _ in range(50):
        assert sorted(pick(spec, pool, cell_counts(spec, pool))) == [1, 2, 5, 6]


def test_a_mix_the_bank_cannot_meet_says_what_is_short():
    pool = [Candidate(i, "mot_cua", 1 + i % 3, "#%d" % i) for i in range(1, 7)]
    spec = DrawSpec(5, topic_mix={"mot_cua": 5}, difficulty_mix={1: 4, 2: 1})
    with pytest.raises(MixNotMet, match="chỉ có 2 câu độ khó 1 dùng được, đợt thi cần 4 câu"):
        cell_counts(spec, pool)
    grouped = [Candidate(i, "mot_cua", 1, "g1") for i in range(1, 7)]
    with pytest.raises(MixNotMet, match="chỉ có 1 câu dùng được"):
        cell_counts(DrawSpec(2), grouped)


# --- through the database -------------------------------------------------------------

def test_attempts_never_hold_two_questions_of_a_group(frozen, make_questions, make_round,
                                                     make_user):
    make_questions(12, topic_key="mot_cua", group=lambda i: f"nhom-{i % 4}")
    make_questions(8, topic_key="cong_vu")
    round_ = make_round(questions=8, max_attempts=40)
    user = make_user()
    for _ in range(30):
        attempt = start_attempt(user, round_)
        groups = [item.question.fact_group for item in attempt.items if item.question.fact_group]
        assert len(groups) == len(set(groups)) and len(attempt.items) == 8
        attempt.status, attempt.finished_by = "abandoned", "test"
        db.session.delete(attempt)
        db.session.commit()


def test_a_contest_scoped_to_national_and_its_province_draws_nothing_else(
        frozen, make_questions, make_round, make_user):
    make_questions(6, topic_key="mot_cua")
    make_questions(6, topic_key="kh_gia_lai", scope="gia_lai")
    make_questions(30, topic_key="kh_lao_cai", scope="lao_cai")
    round_ = make_round(questions=10, max_attempts=40)
    round_.contest.question_scopes = "national,gia_lai"
    db.session.commit()
    user = make_user()
    for _ in range(20):
        attempt = start_attempt(user, round_)
        assert {item.question.scope for item in attempt.items} == {"national", "gia_lai"}
        db.session.delete(attempt)
        db.session.commit()


def test_a_round_mix_is_honoured(frozen, make_questions, make_round, make_user):
    make_questions(12, topic_key="mot_cua")
    make_questions(12, topic_key="cong_vu")
    make_questions(12, topic_key="chi_so")
    round_ = make_round(questions=6)
    round_.topic_mix = {"mot_cua": 3, "cong_vu": 3}
    round_.difficulty_mix = {"1": 2, "2": 2, "3": 2}
    db.session.commit()
    attempt = start_attempt(make_user(), round_)
    questions = [item.question for item in attempt.items]
    assert Counter(q.topic.key for q in questions) == {"mot_cua": 3, "cong_vu": 3}
    assert Counter(q.difficulty for q in questions) == {1: 2, 2: 2, 3: 2}


def test_an_impossible_mix_is_refused(frozen, make_questions, make_round, make_user):
    make_questions(6, topic_key="mot_cua", difficulty=1)
    round_ = make_round(questions=4)
    round_.difficulty_mix = {"1": 2, "3": 2}
    db.session.commit()
    assert "chỉ có 0 câu độ khó 3 dùng được, đợt thi cần 2 câu" in mix_problem(spec_for(round_))
    with pytest.raises(BankTooSmall):
        start_attempt(make_user(), round_)
    assert db.session.query(Round).one().id == round_.id


def test_a_prize_group_may_draw_its_own_topics(frozen, make_questions, make_round, make_user):
    make_questions(10, topic_key="mot_cua")
    make_questions(10, topic_key="nguoi_dan")
    round_ = make_round(questions=5)
    round_.topics = "mot_cua"
    db.session.add_all([
        PrizeGroup(contest_id=round_.contest_id, position=1, name="Bảng A – CBCCVC",
                   audiences="cbccvc"),
        PrizeGroup(contest_id=round_.contest_id, position=2, name="Bảng B – Nhân dân",
                   audiences="citizen", topics="nguoi_dan")])
    db.session.commit()
    staff, citizen = make_user(), make_user()
    citizen.audience = "citizen"
    db.session.commit()
    assert {i.question.topic.key for i in start_attempt(staff, round_).items} == {"mot_cua"}
    assert {i.question.topic.key for i in start_attempt(citizen, round_).items} == {"nguoi_dan"}
