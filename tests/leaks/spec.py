"""What a random world of the leak hunt is made of, as plain data Hypothesis can
draw, shrink and print: contests with their scopes and review setting, rounds in
every state with a prediction kind, and who takes which attempts with what result.

Times are relative to the frozen "now" of the hunt, so that a round's state is
what the spec says whenever the world is built."""
from dataclasses import dataclass

from hypothesis import strategies as st

from contest.contests.models import PREDICTION_KINDS

# A settled round is also computed or published in some worlds.
STATES = ("draft", "upcoming", "open", "just_closed", "closed", "computed", "published")
# States in which attempts were taken; the first two are not settled.
TAKEN = ("open", "just_closed", "closed", "computed", "published")
NOT_SETTLED_TAKEN = ("open", "just_closed")
KINDS = tuple(PREDICTION_KINDS)
# How X's part in the target round may vary, by its prediction kind (``Variation``).
MODES = {"perfect_scorers": ["score"], "perfect_attempts": ["score"],
         "attempts": ["extra", "joins", "starts"], "participants": ["joins", "starts"]}
# Topic key -> the bank scope it belongs to.
TOPICS = {"nq76": "national", "mot_cua": "national", "kh_gl": "gia_lai"}
SCOPES = ("national", "national,gia_lai", "gia_lai")
QUESTIONS_PER_TOPIC = 4
QUESTIONS_PER_ATTEMPT = (3, 4)  # per round: small, so full marks are common
# People who take attempts, with their units: O observes as a contestant, M (the
# manager of U2) as a manager; X is the person whose attempt the target hunt varies.
TAKERS = ("O", "C1", "C2", "C3", "M")
HOME_UNIT = {"O": "U1", "C1": "U1", "C2": "U2", "C3": "U3", "M": "U2", "X": "U3"}
UNITS = ("U1", "U2", "U3")
UNIT_KINDS = ("commune", "agency")


@dataclass(frozen=True)
class Take:
    """A submitted attempt: how many answers right (the first ones) and how long."""
    correct: int
    seconds: int


@dataclass(frozen=True)
class Taker:
    person: str
    takes: tuple[Take, ...]
    in_progress: bool  # one more attempt started a few minutes ago, not submitted
    prediction: int


@dataclass(frozen=True)
class RoundSpec:
    state: str
    kind: str
    topics: str  # "" (every topic of the contest's scopes) or one topic key
    questions: int  # per attempt
    takers: tuple[Taker, ...]


@dataclass(frozen=True)
class ContestSpec:
    scopes: str
    review_after: str
    unit_min_rate: int | None  # a unit below this participation rate takes no place
    ends: str | None  # None, "far" (weeks away) or "past"
    group_topics: str | None  # a citizens' prize group drawing its own topic
    rounds: tuple[RoundSpec, ...]


@dataclass(frozen=True)
class Variation:
    """The fact the observers must not learn, in round ``rounds[round]`` of
    ``contests[contest]``, by ``mode``: "score", X's attempt full-mark or one
    wrong (perfect_* kinds); "joins", X submits an attempt or takes no part;
    "starts", X has an attempt in progress or none; "extra", X submits one
    attempt or two (attempts)."""
    contest: int
    round: int
    unit: str
    mode: str


@dataclass(frozen=True)
class WorldSpec:
    contests: tuple[ContestSpec, ...]
    unit_kinds: tuple[str, ...]  # per unit of UNITS
    headcounts: tuple[int | None, ...]
    variation: Variation | None = None

    def rounds(self):
        """(contest index, round index, round spec) of every round."""
        return [(c, r, round_) for c, contest in enumerate(self.contests)
                for r, round_ in enumerate(contest.rounds)]

    @property
    def target(self) -> RoundSpec | None:
        if self.variation is None:
            return None
        return self.contests[self.variation.contest].rounds[self.variation.round]


def topics_in(scopes: str) -> list[str]:
    return sorted(key for key, scope in TOPICS.items() if scope in scopes.split(","))


@st.composite
def takers(draw, state: str, questions: int):
    if state not in TAKEN:
        return ()
    found = []
    for person in TAKERS:
        # O, the observer, takes part in every round that opened: their pages are the hunt.
        takes = draw(st.lists(st.builds(Take, st.integers(0, questions), st.integers(40, 500)),
                              min_size=1 if person == "O" else 0, max_size=2))
        in_progress = state in NOT_SETTLED_TAKEN and draw(st.booleans())
        if takes or in_progress:
            found.append(Taker(person, tuple(takes), in_progress, draw(st.integers(0, 12))))
    return tuple(found)


@st.composite
def round_specs(draw, scopes: str, state: str | None = None):
    state = state or draw(st.sampled_from(STATES))
    topics = draw(st.sampled_from([""] + topics_in(scopes)))
    questions = draw(st.sampled_from(QUESTIONS_PER_ATTEMPT))
    return RoundSpec(state, draw(st.sampled_from(KINDS)), topics, questions,
                     draw(takers(state, questions)))


@st.composite
def contest_specs(draw, forced_state: str | None = None):
    scopes = draw(st.sampled_from(SCOPES))
    count = draw(st.integers(1, 3))
    forced = draw(st.integers(0, count - 1)) if forced_state else None
    rounds = tuple(draw(round_specs(scopes, forced_state if index == forced else None))
                   for index in range(count))
    return ContestSpec(scopes, draw(st.sampled_from(["round", "contest"])),
                       draw(st.sampled_from([None, 20])),
                       draw(st.sampled_from([None, "far", "past"])),
                       draw(st.one_of(st.none(), st.sampled_from(topics_in(scopes)))), rounds)


@st.composite
def worlds(draw, with_variation: bool = False):
    """A world; ``with_variation``: the first contest has a round that is open or
    closed less than the grace ago, whose prediction's target the hunt varies."""
    contests = [draw(contest_specs(draw(st.sampled_from(NOT_SETTLED_TAKEN))
                                   if with_variation else None))]
    if draw(st.booleans()):
        contests.append(draw(contest_specs()))
    variation = None
    if with_variation:
        index = next(i for i, r in enumerate(contests[0].rounds) if r.state in NOT_SETTLED_TAKEN)
        counted = contests[0].rounds[index].kind in ("attempts", "participants")
        # A count may be known to the manager of X's unit (their own people): X sits
        # elsewhere then; a score must stay hidden even from X's own unit.
        unit = "U3" if counted else draw(st.sampled_from(UNITS))
        variation = Variation(0, index, unit, draw(st.sampled_from(
            MODES[contests[0].rounds[index].kind])))
    return WorldSpec(tuple(contests), tuple(draw(st.sampled_from(UNIT_KINDS)) for _ in UNITS),
                     tuple(draw(st.sampled_from([None, 5, 10])) for _ in UNITS), variation)
