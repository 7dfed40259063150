"""Fixtures of the key rule tests: the organizer console (shared with the
contest tests) and contestants, each on a test client of their own."""
import pytest

from tests.conftest import login
from tests.contests.conftest import audit, console, organizer  # noqa: F401 (fixtures)


@pytest.fixture
def new_player(app, make_user):
    """A factory of test clients, each logged in as a new contestant."""
    def make():
        client = app.test_client()
        login(client, make_user())
        return client
    return make
