"""The individual order, on hand-built ties at every level (PRODUCT.md, Ranking):
more correct; smaller prediction error; shorter time; earlier submission; lower
attempt id. Before the round closes the prediction is not counted."""
from datetime import timedelta

from contest.rankings.models import MISSING_PREDICTION_ERROR, RoundEntry
from contest.rankings.queries.ranking import Place, round_place, round_ranking
from contest.rankings.services.results import prediction_actual
from tests.rankings.helpers import take_attempt


def names(round_):
    return [row.full_name for row in round_ranking(round_, 1, 100).rows]


def test_each_tie_break_decides_in_turn(open_round, make_user, close_round, frozen):
    people = {name: make_user() for name in "ABCDEFG"}
    for name, user in people.items():
        user.full_name = name
    at = frozen.at
    # Actual value will be 5 perfect scorers: C, D, E, F, G (A is 4/5... see below).
    take_attempt(people["A"], open_round, correct=4, seconds=10, prediction=5, at=at)
    # B: full marks but no prediction -> after every full-marks person with one.
    take_attempt(people["B"], open_round, correct=5, seconds=5, prediction=None, at=at)
    # C: error 0, slowest of the error-0 people.
    take_attempt(people["C"], open_round, correct=5, seconds=90, prediction=6, at=at)
    # D: error 2 but the fastest: the prediction beats time.
    take_attempt(people["D"], open_round, correct=5, seconds=8, prediction=8, at=at)
    # E and F: error 0, same time; E submitted earlier.
    take_attempt(people["E"], open_round, correct=5, seconds=30, prediction=6,
                 at=at + timedelta(minutes=1))
    take_attempt(people["F"], open_round, correct=5, seconds=30, prediction=6,
                 at=at + timedelta(minutes=2))
    # G: same as F to the millisecond, started and submitted at the same moment:
    # the lower attempt id (F, who started first in this test) wins.
    take_attempt(people["G"], open_round, correct=5, seconds=30, prediction=6,
                 at=at + timedelta(minutes=2))
    # Live order: score, then time, submission, attempt id; the prediction is ignored.
    assert names(open_round) == ["B", "D", "E", "F", "G", "C", "A"]
    close_round(open_round)
    assert open_round.prediction_actual == 6
    assert names(open_round) == ["E", "F", "G", "C", "D", "B", "A"]


def test_missing_prediction_ranks_after_any_given_one(open_round, make_user, close_round):
    far, none = make_user(), make_user()
    take_attempt(none, open_round, correct=5, seconds=5, prediction=None)
    take_attempt(far, open_round, correct=5, seconds=50, prediction=99_999_999)
    close_round(open_round)
    entries = {e.user_id: e for e in RoundEntry.query.all()}
    assert entries[none.id].prediction_error == MISSING_PREDICTION_ERROR
    assert [row.entry.user_id for row in round_ranking(open_round).rows] == [far.id, none.id]


def test_best_attempt_is_the_first_in_the_same_order(open_round, make_user, close_round, frozen):
    # Each attempt its own prediction (the organizer's choice; by default the first
    # one counts for the round: tests/quiz/test_one_prediction.py).
    open_round.prediction_per_attempt = True
    user = make_user()
    take_attempt(user, open_round, correct=4, seconds=10, prediction=1)
    slow_far = take_attempt(user, open_round, correct=5, seconds=200, prediction=40,
                            at=frozen.at + timedelta(minutes=10))
    fast_near = take_attempt(user, open_round, correct=5, seconds=100, prediction=1,
                             at=frozen.at + timedelta(minutes=20))
    entry = RoundEntry.query.one()
    assert (entry.attempt_id, entry.attempts) == (fast_near.id, 3)
    close_round(open_round)  # one perfect scorer: fast_near's error 0, slow_far's 39
    entry = RoundEntry.query.one()
    assert entry.attempt_id == fast_near.id and entry.prediction_error == 0
    assert slow_far.id != entry.attempt_id


def test_prediction_can_change_the_best_attempt_at_close(open_round, make_user, close_round,
                                                          frozen):
    open_round.prediction_per_attempt = True  # by default the first prediction counts
    user = make_user()
    take_attempt(user, open_round, correct=5, seconds=20, prediction=50)
    slower_but_right = take_attempt(user, open_round, correct=5, seconds=40, prediction=1,
                                    at=frozen.at + timedelta(minutes=5))
    assert RoundEntry.query.one().attempt_id != slower_but_right.id  # live: faster wins
    close_round(open_round)
    assert RoundEntry.query.one().attempt_id == slower_but_right.id


def test_prediction_actual_for_each_target(open_round, make_user, frozen):
    twice_perfect, once_perfect, never = make_user(), make_user(), make_user()
    take_attempt(twice_perfect, open_round, correct=5, seconds=10)
    take_attempt(twice_perfect, open_round, correct=5, seconds=9, at=frozen.at + timedelta(minutes=1))
    take_attempt(once_perfect, open_round, correct=3, seconds=10)
    take_attempt(once_perfect, open_round, correct=5, seconds=10, at=frozen.at + timedelta(minutes=2))
    take_attempt(never, open_round, correct=2, seconds=10)
    expected = {"perfect_scorers": 2, "perfect_attempts": 3, "attempts": 5, "participants": 3}
    for kind, value in expected.items():
        open_round.prediction_kind = kind
        assert prediction_actual(open_round) == value, kind


def test_the_actual_value_is_fixed_at_close_for_the_chosen_target(open_round, make_user,
                                                                  close_round):
    open_round.prediction_kind = "participants"
    for correct in (5, 4, 5):
        take_attempt(make_user(), open_round, correct=correct, seconds=10, prediction=3)
    close_round(open_round)
    assert open_round.prediction_actual == 3
    assert {e.prediction_error for e in RoundEntry.query.all()} == {0}


def test_a_place_counts_everyone_ahead_and_is_provisional_until_the_results(
        open_round, make_user, close_round):
    """A place is read only once the round is settled (tests/rankings/test_disclosure.py),
    so it counts every higher score: no place "among the same score" any more."""
    perfect = [make_user() for _ in range(3)]
    for seconds, user in zip((10, 20, 30), perfect):
        take_attempt(user, open_round, correct=5, seconds=seconds, prediction=3)
    four = make_user()
    take_attempt(four, open_round, correct=4, seconds=5, prediction=3)
    place = round_place(open_round, four.id)
    assert (place.rank, place.of, place.provisional) == (4, 4, True)
    assert round_place(open_round, perfect[1].id).rank == 2
    close_round(open_round)
    assert round_place(open_round, four.id) == Place(4, 4, False)
