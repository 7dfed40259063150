"""Non-interference for the prediction's target: a world is built twice,
differing only in a fact about a round that is open (or closed less than the
answer grace ago) which the observers must not learn — another person's attempt
full-mark or one answer wrong (perfect_* kinds); one attempt more, or one person
more taking part, submitted or still in progress (attempts, participants: in a
unit not the observers' own, whose manager may know their own people) — and
every page, chart, workbook, certificate and JSON answer a visitor, a contestant
and a unit manager can reach must read the same in both, once random ids and
tokens are named alike (``tests.leaks.compare``). Each world is also a key hunt."""
from hypothesis import given

from tests.leaks.checks import key_problems
from tests.leaks.compare import differences, normalised
from tests.leaks.hunt import hunt_settings, read_world, report
from tests.leaks.spec import worlds
from tests.leaks.world import build, reset


@hunt_settings(examples=6)
@given(spec=worlds(with_variation=True))
def test_nothing_reachable_tells_the_target_of_an_open_round(app, frozen, seeded_draws, spec):
    readings, problems = [], []
    for varied in (False, True):
        reset()
        world = build(spec, frozen.at, seeded_draws, varied)
        pages = read_world(app, world, seeded_draws)
        problems += key_problems(world, pages)
        readings.append(normalised(world, pages))

    problems += differences(*readings)
    assert not problems, report(problems, spec)
