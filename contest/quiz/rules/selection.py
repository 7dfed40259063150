"""Which questions an attempt may hold, and how many of each kind.

A contest draws from some scopes of the bank (the national core, and the
province whose plans it tests); a round may narrow that to some topics, and may
ask for a mix per topic and per difficulty; a prize group may have topics of
its own (a citizens' question set). One attempt never holds two questions of one
fact group.

The candidates are read with one indexed query per topic (a few dozen rows
each), never the whole bank. The counts per (topic, difficulty) cell that meet
both mixes are found as a flow through a small network; questions are then
picked at random inside each cell, one per group.
"""
import secrets
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, select

from contest.bank.models import Question, Topic
from contest.contests.queries.prize_groups import group_topics
from contest.extensions import db
from contest.key_lists import keys_of
from contest.quiz.errors import BankTooSmall

_random = secrets.SystemRandom()
PICK_TRIES = 20
ANY = None  # a cell not split by topic or by difficulty


@dataclass(frozen=True)
class DrawSpec:
    count: int
    scopes: tuple[str, ...] = ("national",)
    topics: tuple[str, ...] = ()                        # () = every topic of the scopes
    topic_mix: dict[str, int] = field(default_factory=dict)
    difficulty_mix: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    id: int
    topic: str
    difficulty: int
    group: str  # the fact group, or a group of its own


class MixNotMet(BankTooSmall):
    """Raised with a message that says what the bank lacks."""


def spec_for(round_, audience: str | None = None) -> DrawSpec:
    """What an attempt of this round draws, for a person of ``audience``: their
    prize group's own topics when it has some (the round's topic mix then does
    not apply), else the round's topics and mixes."""
    scopes = keys_of(round_.contest.question_scopes) or ("national",)
    difficulty_mix = {int(level): int(n) for level, n in (round_.difficulty_mix or {}).items() if n}
    own_topics = group_topics(round_.contest, audience) if audience else ()
    if own_topics:
        return DrawSpec(round_.questions_per_attempt, scopes, own_topics, {}, difficulty_mix)
    topic_mix = {key: int(n) for key, n in (round_.topic_mix or {}).items() if n}
    topics = tuple(topic_mix) or keys_of(round_.topics)
    return DrawSpec(round_.questions_per_attempt, scopes, topics, topic_mix, difficulty_mix)


def drawable_by(spec: DrawSpec):
    """The draw's filter, on questions joined to their topic: active current
    questions in the spec's scopes and topics. Shared with the key rule
    (``quiz.rules.keys``), which must hold back exactly what a draw can ask."""
    conditions = [Topic.scope.in_(spec.scopes), Question.active.is_(True),
                  Question.is_current.is_(True), Question.scope.in_(spec.scopes)]
    if spec.topics:
        conditions.append(Topic.key.in_(spec.topics))
    return and_(*conditions)


def candidates(spec: DrawSpec) -> list[Candidate]:
    """Active current questions of the spec's topics and scopes, by topic: one
    indexed query (questions by topic id, joined to the topics in scope)."""
    stmt = (select(Question.id, Topic.key, Question.difficulty, Question.fact_group)
            .join(Topic, Topic.id == Question.topic_id)
            .where(drawable_by(spec))
            .order_by(Topic.key, Question.id))
    return [Candidate(id_, key, difficulty, group or f"#{id_}")
            for id_, key, difficulty, group in db.session.execute(stmt)]


# --- how many from each cell -------------------------------------------------------

def _groups_per_cell(pool: list[Candidate], by_topic: bool, by_level: bool) -> dict:
    groups = defaultdict(set)
    for candidate in pool:
        cell = (candidate.topic if by_topic else ANY, candidate.difficulty if by_level else ANY)
        groups[cell].add(candidate.group)
    return {cell: len(members) for cell, members in groups.items()}


def cell_counts(spec: DrawSpec, pool: list[Candidate]) -> dict[tuple, int]:
    """Questions to draw per (topic, difficulty) cell, meeting both mixes; raises
    ``MixNotMet`` saying what is short."""
    by_topic, by_level = bool(spec.topic_mix), bool(spec.difficulty_mix)
    capacity = _groups_per_cell(pool, by_topic, by_level)
    rows = spec.topic_mix or {ANY: spec.count}
    columns = spec.difficulty_mix or {ANY: spec.count}
    for problem in _short_lines(rows, columns, capacity):
        raise MixNotMet(problem)
    flow = _max_flow(rows, columns, capacity)
    if sum(flow.values()) < spec.count:
        raise MixNotMet("Ngân hàng câu hỏi không đáp ứng được cùng lúc cơ cấu theo chủ đề và "
                        "theo độ khó của đợt thi. Vui lòng điều chỉnh cơ cấu câu hỏi.")
    return {cell: n for cell, n in flow.items() if n}


def _short_lines(rows: dict, columns: dict, capacity: dict) -> list[str]:
    """A topic or a difficulty whose questions (one per group) are fewer than asked."""
    problems = []
    for topic, wanted in rows.items():
        have = sum(n for (t, _), n in capacity.items() if t == topic)
        if have < wanted:
            what = f"chủ đề «{topic}»" if topic is not ANY else "các chủ đề của đợt thi"
            problems.append(f"Ngân hàng câu hỏi chỉ có {have} câu dùng được trong {what}, "
                            f"đợt thi cần {wanted} câu.")
    for level, wanted in columns.items():
        have = sum(n for (_, d), n in capacity.items() if d == level)
        if level is not ANY and have < wanted:
            problems.append(f"Ngân hàng câu hỏi chỉ có {have} câu độ khó {level} dùng được, "
                            f"đợt thi cần {wanted} câu.")
    return problems


def _max_flow(rows: dict, columns: dict, capacity: dict) -> dict[tuple, int]:
    """Counts per cell with row sums ≤ rows, column sums ≤ columns and each cell ≤
    its capacity, as large as possible (augmenting paths, tried in random order
    so that repeated draws spread over the cells)."""
    flow = defaultdict(int)
    row_left, column_left = dict(rows), dict(columns)
    while True:
        path = _augmenting_path(row_left, column_left, capacity, flow)
        if path is None:
            return dict(flow)
        for cell, step in path:
            flow[cell] += step
        row_left[path[0][0][0]] -= 1
        column_left[path[-1][0][1]] -= 1


def _augmenting_path(row_left, column_left, capacity, flow):
    """A path source → row → column (→ row → column …) → sink carrying one more
    question, as [(cell, +1 or -1), ...], or None."""
    starts = [row for row, left in row_left.items() if left > 0]
    _random.shuffle(starts)
    for start in starts:
        found = _search(start, column_left, capacity, flow, set())
        if found is not None:
            return found
    return None


def _search(row, column_left, capacity, flow, seen):
    columns = [column for (r, column) in capacity if r == row]
    _random.shuffle(columns)
    for column in columns:
        cell = (row, column)
        if column in seen or flow[cell] >= capacity[cell]:
            continue
        seen.add(column)
        if column_left.get(column, 0) > 0:
            return [(cell, 1)]
        for back_row in [r for (r, c) in capacity if c == column and flow[(r, c)] > 0]:
            rest = _search(back_row, column_left, capacity, flow, seen)
            if rest is not None:
                return [(cell, 1), ((back_row, column), -1)] + rest
    return None


# --- picking ---------------------------------------------------------------------------

def pick(spec: DrawSpec, pool: list[Candidate], counts: dict[tuple, int]) -> list[int]:
    """Question ids meeting ``counts``, at most one per fact group, in random order."""
    by_topic, by_level = bool(spec.topic_mix), bool(spec.difficulty_mix)
    cells = defaultdict(list)
    for candidate in pool:
        cells[(candidate.topic if by_topic else ANY,
               candidate.difficulty if by_level else ANY)].append(candidate)
    for _ in range(PICK_TRIES):
        chosen = _pick_once(cells, counts)
        if chosen is not None:
            _random.shuffle(chosen)
            return chosen
    raise MixNotMet("Ngân hàng câu hỏi không đủ câu hỏi khác nhóm để rút một lượt thi. "
                    "Vui lòng báo Ban Tổ chức.")


def _pick_once(cells: dict, counts: dict) -> list[int] | None:
    used_groups, chosen = set(), []
    order = list(counts.items())
    _random.shuffle(order)
    for cell, wanted in order:
        taken = 0
        for candidate in _in_random_order(cells[cell]):
            if taken == wanted:
                break
            if candidate.group not in used_groups:
                used_groups.add(candidate.group)
                chosen.append(candidate.id)
                taken += 1
        if taken < wanted:
            return None
    return chosen


def _in_random_order(members: list):
    """``members`` one by one in random order: a Fisher–Yates shuffle done only as
    far as it is read, so taking 20 of 300 costs about 20 random numbers."""
    members = members[:]
    for i in range(len(members)):
        j = _random.randrange(i, len(members))
        members[i], members[j] = members[j], members[i]
        yield members[i]


def choose_questions(spec: DrawSpec) -> list[int]:
    pool = candidates(spec)
    return pick(spec, pool, cell_counts(spec, pool))


def mix_problem(spec: DrawSpec) -> str | None:
    """Why the bank cannot meet the spec (for the organizer's round form), or None."""
    if spec.topic_mix and sum(spec.topic_mix.values()) != spec.count:
        return (f"Cơ cấu theo chủ đề cộng lại {sum(spec.topic_mix.values())} câu, "
                f"phải bằng số câu mỗi lượt ({spec.count}).")
    if spec.difficulty_mix and sum(spec.difficulty_mix.values()) != spec.count:
        return (f"Cơ cấu theo độ khó cộng lại {sum(spec.difficulty_mix.values())} câu, "
                f"phải bằng số câu mỗi lượt ({spec.count}).")
    try:
        cell_counts(spec, candidates(spec))
    except MixNotMet as problem:
        return problem.message
    return None
