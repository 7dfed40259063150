"""Every route of ``app.url_map`` (but ``static``) × every role, with the status
each one gets: a new route fails here until it is added to ``ROUTES``.

Roles: a visitor, a contestant, the unit manager of the unit in the URL, a unit
manager of another unit, an organizer, an admin. Ids in URLs are made up
(``999999``, ``khong-co``); ``<code>`` is a real unit code, the "this unit" of
the manager of this unit and someone else's unit for the other manager. POSTs send
a valid CSRF token and an empty form.

Who may reach a console route is derived from the role its decorator declares
(``required_role``): a visitor is sent to log in, a role below it gets 403, a unit
manager gets 403 on another unit. ``ROUTES`` gives the status of each route once
its handler runs, and, for the public and contestant routes, the status of each role.
"""
import pytest
from werkzeug.routing import IntegerConverter, Rule

from contest.extensions import db
from tests.conftest import login
from tests.roles import ROLE_RANK

ROLES = ("anonymous", "contestant", "manager_here", "manager_other", "organizer", "admin")
ACCOUNT_ROLE = {"contestant": "contestant", "manager_here": "unit_manager",
                "manager_other": "unit_manager", "organizer": "organizer", "admin": "admin"}
MADE_UP_ID = 999_999
MADE_UP_TEXT = "khong-co"
LOGIN = "login"  # sent to log in: 302 to /dang-nhap (pages), 401 in JSON (/api/)
ENDS_SESSION = {("accounts.logout", "POST")}  # probed last: it logs the person out


def everyone(status: int) -> dict:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int) -> dict:
    """Any account reaches the handler (which answers ``status``); a visitor logs in first."""
    return {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], status)


def guests_only(status: int, signed_in_status: int) -> dict:
    """Pages for visitors (log in, register): an account is sent elsewhere."""
    return {"anonymous": status} | dict.fromkeys(ROLES[1:], signed_in_status)


# Public and contestant routes: (endpoint, method) → status per role.
OPEN_ROUTES = {
    # Public pages and files
    ("site.home", "GET"): everyone(200),
    ("contests.rules", "GET"): everyone(200),
    ("contests.favicon", "GET"): everyone(200),
    ("contests.logo", "GET"): everyone(404),
    ("site.round_results", "GET"): everyone(404),
    ("rankings.units_page", "GET"): everyone(200),
    ("site.round_page", "GET"): everyone(404),
    ("rankings.chart_top_units", "GET"): everyone(200),
    ("rankings.chart_by_day", "GET"): everyone(404),
    ("certificates.lookup", "GET"): everyone(200),
    ("certificates.verify", "GET"): everyone(404),
    ("privacy.policy", "GET"): everyone(200),
    ("units.search", "GET"): everyone(200),
    ("health.healthz", "GET"): everyone(200),
    ("health.readyz", "GET"): everyone(503),  # the test database carries no Alembic revision
    ("metrics.scrape", "GET"): everyone(404),  # a scraper only: METRICS_TOKEN or this machine
    # Accounts: visitors' pages, the forgotten password (a made-up token is refused)
    ("accounts.register", "GET"): guests_only(200, 302),
    ("accounts.register", "POST"): guests_only(422, 302),
    ("accounts.login", "GET"): guests_only(200, 302),
    ("accounts.login", "POST"): guests_only(422, 302),
    ("accounts.logout", "POST"): signed_in(302),
    ("password_reset.forgot", "GET"): everyone(200),
    ("password_reset.forgot", "POST"): everyone(422),
    ("password_reset.sent", "GET"): everyone(200),
    ("password_reset.reset_password", "GET"): everyone(400),
    ("password_reset.reset_password", "POST"): everyone(400),
    # A person's own profile and personal data
    ("profile.show", "GET"): signed_in(200),
    ("profile.update", "POST"): signed_in(422),
    ("profile.change_password", "POST"): signed_in(422),
    ("profile.confirm_email", "GET"): everyone(400),  # the mailed link: a made-up token
    ("profile.confirm_email", "POST"): everyone(400),
    ("privacy.mine", "GET"): signed_in(200),
    ("privacy.download", "GET"): signed_in(200),
    ("privacy.request_deletion", "POST"): signed_in(400),
    # Attempts: a made-up (or someone else's) attempt is 404 for every account
    ("quiz.start", "POST"): signed_in(404),
    ("quiz.attempt", "GET"): signed_in(404),
    ("quiz.state", "GET"): signed_in(404),
    ("quiz.save", "POST"): signed_in(404),
    ("quiz.submit", "POST"): signed_in(404),
    ("my_results.result", "GET"): signed_in(404),
    ("my_results.history", "GET"): signed_in(200),
    ("certificates.download", "GET"): signed_in(404),
    # Practice: an empty form or a body that is not JSON is refused
    ("practice.index", "GET"): signed_in(200),
    ("practice.check_set", "POST"): signed_in(400),
    ("practice.check_one", "POST"): signed_in(400),
}

# Console routes (a role declared by organizer_required / manager_required /
# admin_required): the status once the handler runs. Who reaches it: the rule above.
CONSOLE_ROUTES = {
    # A unit manager's own unit (and every unit for an organizer)
    ("unit_results.my_unit", "GET"): 302,
    ("unit_results.dashboard", "GET"): 200,
    ("unit_results.absentees", "GET"): 200,
    ("unit_results.absentees_workbook", "GET"): 200,
    ("unit_results.staff_import", "GET"): 200,
    ("unit_results.staff_import", "POST"): 400,
    ("unit_results.staff_template", "GET"): 200,
    ("unit_results.all_units", "GET"): 200,
    # Question bank
    ("bank.index", "GET"): 200,
    ("bank.statistics", "GET"): 200,
    ("bank.template", "GET"): 200,
    ("bank.export", "GET"): 200,
    ("bank.create", "GET"): 200,
    ("bank.create", "POST"): 422,
    ("bank.import_excel", "GET"): 200,
    ("bank.import_excel", "POST"): 422,
    ("bank.load_shipped", "POST"): 302,  # the shipped bank is loaded
    ("bank.preview", "GET"): 404,
    ("bank.edit", "GET"): 404,
    ("bank.edit", "POST"): 404,
    ("bank.toggle", "POST"): 404,
    # Contests and rounds
    ("contest_admin.index", "GET"): 200,
    ("contest_admin.create", "GET"): 200,
    ("contest_admin.create", "POST"): 400,
    ("contest_admin.edit", "GET"): 404,
    ("contest_admin.edit", "POST"): 404,
    ("contest_admin.poster_pdf", "GET"): 404,
    ("contest_admin.poster_png", "GET"): 404,
    ("contest_admin.upload_logo", "POST"): 404,
    ("contest_admin.remove_logo", "POST"): 404,
    ("contest_admin.add_group", "GET"): 404,
    ("contest_admin.add_group", "POST"): 404,
    ("contest_admin.edit_group", "GET"): 404,
    ("contest_admin.edit_group", "POST"): 404,
    ("contest_admin.remove_group", "POST"): 404,
    ("contest_admin.create_round", "GET"): 404,
    ("contest_admin.create_round", "POST"): 404,
    ("contest_admin.round_console", "GET"): 404,
    ("contest_admin.edit_round", "GET"): 404,
    ("contest_admin.edit_round", "POST"): 404,
    ("contest_admin.schedule", "POST"): 404,
    ("contest_admin.unschedule", "POST"): 404,
    ("contest_admin.close_early", "POST"): 404,
    ("contest_admin.extend", "POST"): 404,
    # Units list
    ("unit_admin.index", "GET"): 200,
    ("unit_admin.export", "GET"): 200,
    ("unit_admin.template", "GET"): 200,
    ("unit_admin.create", "GET"): 200,
    ("unit_admin.create", "POST"): 400,
    ("unit_admin.import_excel", "GET"): 200,
    ("unit_admin.import_excel", "POST"): 400,
    ("unit_admin.load_province", "GET"): 200,
    ("unit_admin.load_province", "POST"): 400,
    ("unit_admin.edit", "GET"): 404,
    ("unit_admin.edit", "POST"): 404,
    ("unit_admin.deactivate", "POST"): 404,
    ("unit_admin.reactivate", "POST"): 404,
    # Results, prizes, exports
    ("prizes.rounds", "GET"): 200,
    ("prizes.contest_ranking_page", "GET"): 200,
    ("prizes.console", "GET"): 404,
    ("prizes.compute", "POST"): 404,
    ("prizes.check", "GET"): 404,
    ("prizes.verify", "POST"): 404,
    ("prizes.disqualify", "POST"): 404,
    ("prizes.publish", "POST"): 404,
    ("reports.exports", "GET"): 404,
    ("reports.winners", "GET"): 404,
    ("reports.report", "GET"): 404,
    ("reports.request_full", "POST"): 404,
    ("reports.job", "GET"): 404,
    ("reports.download", "GET"): 404,
    # Live monitoring
    ("monitoring.index", "GET"): 302,  # to the dashboard of the current round
    ("monitoring.round_dashboard", "GET"): 404,
    ("monitoring.chart_by_hour", "GET"): 404,
    # Accounts, the audit log, personal data requests
    ("account_admin.index", "GET"): 200,
    ("account_admin.bulk_create", "GET"): 200,
    ("account_admin.bulk_create", "POST"): 400,
    ("account_admin.bulk_template", "GET"): 200,
    ("account_admin.bulk_result", "GET"): 404,
    ("account_admin.bulk_passwords", "GET"): 404,
    ("account_admin.person", "GET"): 404,
    ("account_admin.correct", "GET"): 404,
    ("account_admin.correct", "POST"): 404,
    ("account_admin.reset_password", "POST"): 404,
    ("account_admin.lock", "POST"): 404,
    ("account_admin.unlock", "POST"): 404,
    ("account_admin.change_role", "POST"): 404,
    ("account_admin.make_unit_manager", "POST"): 404,
    ("account_admin.extra_time", "POST"): 404,
    ("audit.index", "GET"): 200,
    ("audit.export", "GET"): 200,
    ("privacy.deletion_requests", "GET"): 200,
    ("privacy.carry_out", "POST"): 404,
}


def probed_rules(app) -> list[tuple[Rule, str]]:
    rules = [(rule, method) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
             for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(rules, key=lambda pair: ((pair[0].endpoint, pair[1]) in ENDS_SESSION,
                                           pair[0].rule, pair[1]))


def required_role(app, rule: Rule) -> str | None:
    return getattr(app.view_functions[rule.endpoint], "required_role", None)


def path_of(rule: Rule, unit_code: str) -> str:
    values = {}
    for name in rule.arguments:
        if name == "code" and rule.rule.startswith("/don-vi/"):
            values[name] = unit_code
        elif isinstance(rule._converters[name], IntegerConverter):
            values[name] = MADE_UP_ID
        else:
            values[name] = MADE_UP_TEXT
    return rule.build(values, append_unknown=False)[1]


@pytest.fixture
def people(app, frozen, make_unit, make_user, make_questions, make_round):
    """A unit ("here") and another, an account of each role, an open round."""
    here = make_unit(name="Xã Ia Dreh", kind="commune")
    other = make_unit(name="Xã Ia Rsai", kind="commune")
    make_questions(6)
    make_round(questions=5)
    accounts = {role: make_user(role=ACCOUNT_ROLE[role],
                                unit=other if role == "manager_other" else here)
                for role in ROLES[1:]}
    db.session.commit()
    return here, accounts


def status_seen(response, path: str):
    """``LOGIN`` when the visitor is sent to log in, else the status."""
    location = response.headers.get("Location", "")
    if (response.status_code == 302 and "/dang-nhap" in location
            and not path.startswith("/dang-nhap")):
        return LOGIN
    if response.status_code == 401 and path.startswith("/api/"):
        return LOGIN
    return response.status_code


def statuses_of(app, role: str, accounts, unit_code: str) -> dict:
    client = app.test_client()
    if role != "anonymous":
        login(client, accounts[role])
    seen = {}
    for rule, method in probed_rules(app):
        path = path_of(rule, unit_code)
        response = client.open(path, method=method, data={} if method == "POST" else None)
        seen[(rule.endpoint, method)] = status_seen(response, path)
    return seen


def expected_status(app, rule: Rule, method: str, role: str):
    key = (rule.endpoint, method)
    if key in OPEN_ROUTES:
        return OPEN_ROUTES[key][role]
    needed = required_role(app, rule)
    if role == "anonymous":
        return LOGIN
    if ROLE_RANK[ACCOUNT_ROLE[role]] < ROLE_RANK[needed]:
        return 403
    if role == "manager_other" and rule.rule.startswith("/don-vi/"):
        return 403  # a unit manager, someone else's unit
    return CONSOLE_ROUTES[key]


def test_every_route_is_in_the_matrix(app):
    routes = {(rule.endpoint, method) for rule, method in probed_rules(app)}
    assert len(routes) > 100
    assert sorted(routes - OPEN_ROUTES.keys() - CONSOLE_ROUTES.keys()) == [], \
        "new route: add it to the matrix (OPEN_ROUTES or CONSOLE_ROUTES)"
    assert sorted((OPEN_ROUTES.keys() | CONSOLE_ROUTES.keys()) - routes) == [], \
        "route gone: remove it from the matrix"


def test_console_routes_and_only_they_declare_a_role(app):
    declared = {(rule.endpoint, method): required_role(app, rule)
                for rule, method in probed_rules(app)}
    assert [key for key in CONSOLE_ROUTES if declared.get(key) not in ROLE_RANK] == [], \
        "a console route without organizer_required/manager_required/admin_required"
    assert [key for key in OPEN_ROUTES if declared.get(key) is not None] == [], \
        "a route that declares a role: move it to CONSOLE_ROUTES"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.commits
def test_each_role_gets_the_status_of_the_matrix(app, people, role):
    here, accounts = people
    seen = statuses_of(app, role, accounts, here.code)
    wrong = []
    for rule, method in probed_rules(app):
        expected, got = expected_status(app, rule, method, role), seen[(rule.endpoint, method)]
        if expected != got:
            wrong.append((method, rule.rule, f"expected {expected!r}, got {got!r}"))
    assert wrong == []
