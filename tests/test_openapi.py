"""The JSON endpoints keep to ``docs/openapi.yaml``: Schemathesis generates
requests from it (valid ones, and ones the description rules out) and sends them
to the app in process, as a logged-in contestant with a real attempt and a
practice pool; no answer may be a server error, every status must be documented
and every body must fit its schema. And every JSON endpoint of the app is
described, so a new one cannot be left out."""
from datetime import timedelta
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from contest.bank.models import Question
from contest.extensions import db
from tests.conftest import login
from tests.quiz.helpers import start
from tests.rankings.helpers import take_attempt

SPEC = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"
SCHEMA = schemathesis.openapi.from_path(SPEC)
OPERATIONS = sorted(
    (operation.path, operation.method.upper())
    for operation in (result.ok() for result in SCHEMA.get_all_operations())
)
JSON_PAGES = ("/healthz", "/readyz")  # JSON endpoints outside /api/
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]
PLAIN = {"Accept-Encoding": "identity"}
EXAMPLES = {GenerationMode.POSITIVE: 40, GenerationMode.NEGATIVE: 25}


def has_data_to_break(path: str, method: str) -> bool:
    """Invalid data is made for a JSON body (a free string in the path or the
    query, or no input at all, has nothing invalid to make)."""
    return bool(SCHEMA[path][method].body)


RUNS = [(path, method, mode) for path, method in OPERATIONS for mode in EXAMPLES
        if mode.is_positive or has_data_to_break(path, method)]


def openapi_path(rule) -> str:
    """``/api/bai-thi/<public_id>/tra-loi`` as OpenAPI writes it."""
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<{name}>", f"{{{name}}}")
    return path


def json_endpoints(app) -> set[tuple[str, str]]:
    return {(openapi_path(rule), method)
            for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/api/") or rule.rule in JSON_PAGES
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_json_endpoint_is_described_and_nothing_else(app):
    assert json_endpoints(app) == set(OPERATIONS), "describe it in docs/openapi.yaml"


@pytest.fixture
def world(app, client, frozen, make_questions, make_round, make_user):
    """A contestant logged in on ``client`` with an open attempt, and questions of
    a closed round (reviewed per round) that practice may show."""
    make_questions(6, topic_key="cu")
    closed = make_round(questions=5, closes_in=timedelta(hours=1))
    closed.topics = "cu"
    closed.contest.review_after = "round"
    db.session.commit()
    drawn = take_attempt(make_user(), closed, correct=3, seconds=60)
    frozen.move(hours=2)
    make_questions(6, topic_key="moi")
    open_round = make_round(questions=5)
    open_round.topics = "moi"
    db.session.commit()
    contestant = make_user()
    login(client, contestant)
    attempt = start(client, open_round)
    return {"attempt": attempt.public_id,
            "practice": [db.session.get(Question, item.question_id).id for item in drawn.items]}


def test_the_fixture_reaches_every_success_path(client, world):
    """The run below is only worth something if its real ids lead to a 200."""
    attempt, question = world["attempt"], world["practice"][0]
    assert client.get(f"/api/bai-thi/{attempt}/trang-thai").status_code == 200
    assert client.post(f"/api/bai-thi/{attempt}/tra-loi",
                       json={"position": 1, "choice": 0}).status_code == 200
    assert client.post("/api/luyen-tap/kiem-tra",
                       json={"question_id": question, "choice": 0}).status_code == 200


def cases(operation, mode: GenerationMode, world, **fixed):
    """Generated cases, and (for valid data) as many with the world's real ids.
    ``fixed``: the session cookie and CSRF header, sent as they are (never mutated)."""
    generated = operation.as_strategy(generation_mode=mode, **fixed)
    if not mode.is_positive:
        return generated
    if "{public_id}" in operation.path:
        return st.one_of(generated, operation.as_strategy(
            generation_mode=mode, path_parameters={"public_id": world["attempt"]}, **fixed))
    if operation.path == "/api/luyen-tap/kiem-tra":
        return st.one_of(generated, st.builds(
            lambda question, choice: {"question_id": question, "choice": choice},
            st.sampled_from(world["practice"]), st.integers(0, 5),
        ).flatmap(lambda body: operation.as_strategy(generation_mode=mode, body=body, **fixed)))
    return generated


@pytest.mark.parametrize("path, method, mode", RUNS, ids=lambda value: str(value))
@pytest.mark.commits
def test_the_endpoint_keeps_to_its_description(client, world, path, method, mode):
    operation = SCHEMA[path][method]
    auth = {"headers": {"X-CSRFToken": client.csrf_token()},
            "cookies": {"session": client.get_cookie("session").value}}
    checks = CHECKS + ([] if mode.is_positive else [negative_data_rejection])
    if path == "/readyz":  # its documented 503 is its purpose (the test database is not stamped)
        checks.remove(not_a_server_error)
    statuses = set()

    @settings(max_examples=EXAMPLES[mode], deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=cases(operation, mode, world, **auth))
    def run(case):
        # The test client does not decompress: ask for the body as it is.
        response = case.call(session=client, headers=PLAIN, app=client.application)
        statuses.add(response.status_code)
        case.validate_response(response, checks=checks, headers=PLAIN)

    run()
    if mode.is_positive and path != "/readyz":
        assert 200 in statuses, statuses  # the run reached the handler's success, not only errors
