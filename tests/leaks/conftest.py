import random

import pytest

from contest.practice import services as practice
from contest.quiz.services import draw
from contest.quiz.rules import selection


class SeededDraws(random.Random):
    """A seeded generator that shuffles a list from one order, whatever order it
    came in: the options of a question are read without ORDER BY, and PostgreSQL
    may return them in another order after the tables were emptied."""

    def shuffle(self, x):
        x.sort(key=repr)
        super().shuffle(x)


@pytest.fixture
def seeded_draws(monkeypatch):
    """One seeded generator for the draw of questions and options and for the
    practice set, so that two builds of a world (and two reads of it) agree;
    ``tests.leaks.world`` seeds it before each attempt."""
    rng = SeededDraws(0)
    for module in (selection, draw, practice):
        monkeypatch.setattr(module, "_random", rng)
    return rng
