"""Every organizer and manager route, taken from ``app.url_map`` so that a new
route cannot be forgotten, for every role: anonymous visitors are sent to log
in, a role below the route's gets 403, and no console route lacks a role check.
"""
import pytest
from werkzeug.routing import IntegerConverter, Rule

from tests.conftest import login
from tests.roles import ROLE_RANK

CONSOLE_PREFIXES = ("/quan-tri", "/don-vi")
ROLES = ("contestant", "unit_manager", "organizer")  # admin passes every role check


def console_rules(app) -> list[Rule]:
    return sorted((rule for rule in app.url_map.iter_rules()
                   if rule.rule.startswith(CONSOLE_PREFIXES)), key=lambda rule: rule.rule)


def required_role(app, rule: Rule) -> str | None:
    return getattr(app.view_functions[rule.endpoint], "required_role", None)


def url_for_rule(rule: Rule, unit_code: str) -> str:
    """The rule's path with made-up values (an unknown id must still answer 403)."""
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        values[name] = 999_999 if isinstance(converter, IntegerConverter) else (
            unit_code if name == "code" else "khong-co")
    return rule.build(values, append_unknown=False)[1]


def methods(rule: Rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_console_route_declares_the_role_it_needs(app):
    rules = console_rules(app)
    assert len(rules) > 20
    unchecked = [rule.rule for rule in rules if required_role(app, rule) not in ROLE_RANK]
    assert unchecked == [], "console routes without organizer_required/manager_required/admin_required"


def test_anonymous_visitors_are_sent_to_log_in(app, client, make_unit):
    code = make_unit(name="Xã Ia Dreh", kind="commune").code
    for rule in console_rules(app):
        for method in methods(rule):
            response = client.open(url_for_rule(rule, code), method=method)
            assert response.status_code == 302, (method, rule.rule, response.status_code)
            assert "/dang-nhap" in response.headers["Location"], (method, rule.rule)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_403_below_the_routes_role(app, client, make_unit, make_user, role):
    own, other = make_unit(name="Xã Uar", kind="commune"), make_unit(name="Xã Ia Rsai",
                                                                     kind="commune")
    login(client, make_user(role=role, unit=own))
    refused = 0
    for rule in console_rules(app):
        needed = required_role(app, rule)
        for method in methods(rule):
            response = client.open(url_for_rule(rule, other.code), method=method)
            if ROLE_RANK[role] < ROLE_RANK[needed]:
                assert response.status_code == 403, (role, method, rule.rule, response.status_code)
                refused += 1
            elif needed == "unit_manager" and role == "unit_manager" and "<code>" in rule.rule:
                # Their own role, someone else's unit.
                assert response.status_code == 403, (role, method, rule.rule, response.status_code)
            else:
                assert response.status_code not in (403, 500), (role, method, rule.rule,
                                                                 response.status_code)
    assert refused > 0 or role == "organizer"
