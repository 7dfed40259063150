"""Over random worlds (1–2 contests with their scopes, review setting and end
date; rounds in every state, drafts included, with their topics and prediction
kinds; a citizens' prize group drawing its own topic; attempts taken through the
app at frozen times; results computed and published), nothing a visitor, a
contestant or a unit manager can reach — pages followed from the home page,
result pages, practice, charts, workbooks, certificates, the personal-data
download, JSON — shows a key that issue 17's rule hides, and practice neither
offers nor checks such a question. The oracle (``tests.leaks.oracle``) is
written from the rule, apart from the app's code."""
from hypothesis import given

from tests.leaks.checks import key_problems, practice_problems
from tests.leaks.hunt import hunt_settings, read_world, report
from tests.leaks.spec import worlds
from tests.leaks.world import build, reset


@hunt_settings(examples=10)
@given(spec=worlds())
def test_no_reachable_page_shows_a_key_that_must_stay_hidden(app, frozen, seeded_draws, spec):
    reset()
    world = build(spec, frozen.at, seeded_draws)

    pages = read_world(app, world, seeded_draws)

    problems = key_problems(world, pages) + practice_problems(app, world)
    assert not problems, report(problems, spec)
