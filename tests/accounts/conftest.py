"""Fixtures for the organizer's account console."""
import pytest

from tests.conftest import login


@pytest.fixture
def as_user(app, make_user):
    """A fresh client logged in as a new account of ``role`` (returns both)."""
    def make(role, unit=None):
        user = make_user(role=role, unit=unit)
        client = app.test_client()
        login(client, user)
        return client, user
    return make
