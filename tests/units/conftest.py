"""Fixtures for the organizer's units pages."""
import pytest

from tests.conftest import login


@pytest.fixture
def organizer(client, make_user):
    user = make_user(role="organizer")
    login(client, user)
    return client
