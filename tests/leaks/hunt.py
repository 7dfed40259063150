"""Reading a built world as each observer — the visitor, O (a contestant with
attempts of their own) and M (the manager of unit U2) — and the settings every
hunt runs with.

The suite runs a few examples on each database; a longer hunt:
``LEAK_HUNT_EXAMPLES=200 pytest tests/leaks``. A failing example is printed and
replayed first next time; shrinking it (slow: each example builds and reads
whole worlds) is on with ``LEAK_HUNT_SHRINK=1``."""
import os

from hypothesis import HealthCheck, Phase, settings

from tests.conftest import login
from tests.leaks.crawl import Page, crawl, observers
from tests.leaks.world import World

OBSERVERS = ("khách", "O", "M")


def hunt_settings(examples: int):
    phases = [Phase.explicit, Phase.reuse, Phase.generate]
    if os.environ.get("LEAK_HUNT_SHRINK") == "1":
        phases.append(Phase.shrink)
    return settings(
        max_examples=int(os.environ.get("LEAK_HUNT_EXAMPLES", examples)), deadline=None,
        phases=phases, print_blob=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large])


def read_world(app, world: World, rng) -> dict[str, dict[str, Page]]:
    """observer -> url -> page; the practice set is drawn the same way each time."""
    lists = observers(world)
    pages = {}
    for observer in OBSERVERS:
        client = app.test_client()
        if observer != "khách":
            login(client, world.user(observer))
        rng.seed(f"read:{observer}")
        fixed, skipped = lists[observer]
        pages[observer] = crawl(client, fixed, skipped)
    return pages


def report(problems: list[str], spec, limit: int = 40) -> str:
    """The problems once each (the first ``limit`` of them), and the world they
    were found in (Hypothesis prints no argument when it does not shrink)."""
    unique = list(dict.fromkeys(problems))
    more = f"\n… và {len(unique) - limit} vấn đề khác" if len(unique) > limit else ""
    return (f"{len(unique)} vấn đề:\n" + "\n".join(unique[:limit]) + more
            + f"\nThế giới: {spec!r}")
