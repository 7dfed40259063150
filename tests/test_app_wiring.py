"""No blueprint wires the whole app: hooks, template filters and globals, error
handlers and the error logger are registered by the factory (``contest.site``).

A blueprint's ``before_app_request`` or ``app_template_filter`` runs for every
page of the app, yet a reader finds it only by opening that blueprint; and it
depends on the blueprint being registered at all. A blueprint's setup may add
its own URL rules only: Flask keeps that setup as deferred functions, each
called with a ``BlueprintSetupState``; every app-wide registration reaches the
app through ``state.app``, and URL rules go through ``state.add_url_rule``.
"""
import pytest


class AppTouched(Exception):
    """A blueprint's setup reached for the app."""


class SetupRecorder:
    """Stands in for Flask's ``BlueprintSetupState``: stops a setup at its first
    use of the app."""

    first_registration = True

    @property
    def app(self):
        raise AppTouched

    def add_url_rule(self, *_args, **_kwargs) -> None:
        """The blueprint's own routes: allowed."""


def app_wide_setups(blueprint) -> list[str]:
    """The names of the blueprint's deferred setup functions that touch the app."""
    found = []
    for setup in blueprint.deferred_functions:
        try:
            setup(SetupRecorder())
        except AppTouched:
            found.append(getattr(setup, "__qualname__", repr(setup)))
    return found


def test_no_blueprint_registers_app_wide_hooks_filters_or_loggers(app):
    leaks = {name: found for name, blueprint in app.blueprints.items()
             if (found := app_wide_setups(blueprint))}
    assert leaks == {}


@pytest.mark.parametrize("name", ["masked_phone", "masked_cccd", "local_time", "vn_number"])
def test_the_factory_registers_the_template_filters(app, name):
    assert name in app.jinja_env.filters


@pytest.mark.parametrize("name", ["page_branding", "certificate_links", "query_with"])
def test_the_factory_registers_the_template_globals(app, name):
    assert name in app.jinja_env.globals
