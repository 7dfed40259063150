"""Property-based: every form and JSON endpoint a contestant or an organizer posts
to, fed random and hostile values (NFC/NFD Vietnamese, zero-width and RTL marks,
10,000 characters, markup, SQL, NUL, huge numbers, wrong JSON types, missing
fields, other people's ids). Each answer is below 500; input that is certainly
invalid gets a 4xx; a refused request leaves the database unchanged."""
import operator
import re
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contest import clock
from contest.extensions import db
from contest.forms import parse_integer
from contest.quiz.models import Attempt
from tests.conftest import PASSWORD, login
from tests.contests.helpers import contest_form, round_form
from tests.fuzzing import (
    FUZZ, MISSING, NAME, form_values, fresh_client, json_values, long_texts, numbers, texts,
)
from tests.hostile import database_rows, question_form
from tests.quiz.helpers import start
from tests.rankings.helpers import take_attempt

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def has_nul(value) -> bool:
    values = value if isinstance(value, list) else [value]
    return any("\x00" in v for v in values)


def shortest(text: str) -> int:
    """The length of ``text`` however a form's filters trim it (controls out, spaces
    collapsed: no filter makes it shorter)."""
    return len(" ".join(_CONTROL.sub("", text).split()))


def certainly_refused(value, limit: int | None, required: bool) -> bool:
    """NUL anywhere, a required field left out or blank, or longer than ``limit``."""
    first = value[0] if isinstance(value, list) else value
    if has_nul(value) or (required and (first == MISSING or not first.strip())):
        return True
    return limit is not None and first != MISSING and shortest(first) > limit


def with_value(base: dict, field: str, value) -> dict:
    data = dict(base)
    if value == MISSING:
        data.pop(field, None)
    else:
        data[field] = value
    return data


def post_form(client, url, data, refused: bool) -> None:
    """Below 500 always; a 4xx when ``refused``; a refusal changes nothing."""
    before = database_rows()
    response = client.post(url, data=data)
    assert response.status_code < 500
    if refused:
        assert 400 <= response.status_code < 500, (url, {k: str(v)[:80] for k, v in data.items()})
    if response.status_code >= 400:
        assert database_rows() == before


def fuzz_form(app, sender, url, base, fields, accepted: dict):
    """A property over one form: one field of the valid ``base`` replaced by a fuzzed value
    (``fields``: name -> (column length or None, required)). Then the valid ``accepted``
    (like nothing stored) is still taken."""
    @FUZZ
    @given(field=st.sampled_from(sorted(fields)), value=form_values)
    def check(field, value):
        limit, required = fields[field]
        post_form(fresh_client(app, sender), url, with_value(base, field, value),
                  certainly_refused(value, limit, required))
    check()
    response = fresh_client(app, sender).post(url, data=accepted)
    assert response.status_code == 302, response.get_data(as_text=True)


# --- a contestant's forms ------------------------------------------------------------

PERSON = {"full_name": (100, True), "date_of_birth": (None, True), "phone": (20, True),
          "email": (254, False), "unit_id": (None, True)}


def person(unit, **changes):
    return {"full_name": NAME, "date_of_birth": "01/01/1990", "gender": "nam",
            "phone": "0987654321", "email": "", "cccd": "", "audience": "cbccvc",
            "unit_id": str(unit.id), "password": "Sen-hong-2026-xanh",
            "password_confirm": "Sen-hong-2026-xanh", "consent": "y", **changes}


def test_registration(app, make_unit):
    fields = PERSON | {"gender": (None, True), "audience": (None, True), "cccd": (None, False),
                       "password": (128, True), "password_confirm": (128, True)}
    unit = make_unit()
    fuzz_form(app, None, "/dang-ky", person(unit), fields,
              accepted=person(unit, phone="0987000111", full_name="Trần Văn Bình"))


def test_profile(app, client, contestant):
    login(client, contestant)
    base = person(contestant.unit, phone=contestant.phone)
    fuzz_form(app, client, "/ho-so", base, PERSON,
              accepted=base | {"full_name": "Trần Văn Bình"})


def test_password_reset_request(app):
    fuzz_form(app, None, "/quen-mat-khau", {"email": "an@example.vn"}, {"email": (254, True)},
              accepted={"email": "binh@example.vn"})


@FUZZ
@given(field=st.sampled_from(["identifier", "password", "remember"]), value=form_values)
def test_login(app, contestant, field, value):
    base = {"identifier": contestant.phone, "password": PASSWORD, "remember": "y"}
    first = value[0] if isinstance(value, list) else value
    wrong = {"identifier": lambda: re.sub(r"\D", "", first)[-9:] != contestant.phone[1:],
             "password": lambda: first != PASSWORD, "remember": lambda: False}[field]()
    post_form(fresh_client(app), "/dang-nhap", with_value(base, field, value),
              has_nul(value) or first == MISSING and field != "remember" or wrong)


@FUZZ
@given(field=st.sampled_from(["current_password", "password", "password_confirm"]),
       value=form_values)
def test_password_change(app, logged_in, field, value):
    base = {"current_password": PASSWORD, "password": "Sen-hong-2026-xanh",
            "password_confirm": "Sen-hong-2026-xanh"}
    first = value[0] if isinstance(value, list) else value
    post_form(fresh_client(app, logged_in), "/ho-so/mat-khau", with_value(base, field, value),
              first != base[field] or has_nul(value))


# --- the quiz: saving answers (JSON) and the submit form --------------------------------

@pytest.fixture
def quiz(app, logged_in, make_questions, make_round, make_user):
    """A contestant's attempt in progress (5 questions), and someone else's."""
    make_questions(10)
    round_ = make_round(questions=5, max_attempts=1000)
    other = app.test_client()
    login(other, make_user())
    return {"round": round_, "own": start(logged_in, round_), "other": start(other, round_)}


# The attempt posted to: the person's own, someone else's, or none at all.
ATTEMPT_IDS = st.one_of(st.sampled_from(["own", "other", "khong-co", "a\x00b",
                                         "../../etc/passwd", "' OR 1=1 --"]), long_texts)


def _public_id(quiz, label: str) -> str:
    return quiz[label].public_id if label in ("own", "other") else label


def _save_is_valid(payload) -> bool:
    def whole(value, low, high):
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    if "prediction" in payload:
        return whole(payload["prediction"], 0, 100_000_000)
    return whole(payload.get("position"), 1, 5) and whole(payload.get("choice"), 0, 3)


def _json_has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_json_has_nul(key) or _json_has_nul(item) for key, item in value.items())
    return isinstance(value, list) and any(_json_has_nul(item) for item in value)


def _payloads():
    answer = st.fixed_dictionaries({}, optional={"position": numbers, "choice": numbers,
                                                 "prediction": numbers, "x": json_values})
    return st.one_of(answer, json_values)


def test_saving_answers(app, logged_in, quiz):
    @FUZZ
    @given(label=ATTEMPT_IDS, payload=_payloads())
    def check(label, payload):
        public_id = _public_id(quiz, label)
        client = fresh_client(app, logged_in)
        before = database_rows()
        response = client.post(f"/api/bai-thi/{public_id}/tra-loi", json=payload)
        if _json_has_nul(payload) or "\x00" in public_id:
            expected = 400
        elif public_id != quiz["own"].public_id:
            expected = 404
        else:
            expected = 200 if isinstance(payload, dict) and _save_is_valid(payload) else 400
        assert response.status_code == expected, (public_id[:30], payload)
        assert response.is_json and (expected == 200 or response.get_json()["error"])
        if expected != 200:
            assert database_rows() == before
    check()


def _submit_is_valid(form: dict) -> bool:
    prediction = form.get("prediction", "").strip()
    if prediction and not (parse_integer(prediction) is not None
                           and 0 <= parse_integer(prediction) <= 100_000_000):
        return False
    for key, value in form.items():
        if not (key.startswith("q") and key[1:].isdigit()) or value == "":
            continue
        position = key[1:]
        if not (position.isascii() and len(position) <= 4 and 1 <= int(position) <= 5
                and value.isascii() and value.isdigit() and len(value) <= 4 and int(value) <= 3):
            return False
    return True


def test_the_submit_form(app, logged_in, quiz):
    keys = st.one_of(st.sampled_from(["q1", "q5", "q6", "q0", "prediction", "q²", "q١"]),
                     st.builds(operator.add, st.just("q"), texts))

    @FUZZ
    @given(label=ATTEMPT_IDS, form=st.dictionaries(keys, texts, max_size=4))
    def check(label, form):
        public_id = _public_id(quiz, label)
        client = fresh_client(app, logged_in)
        before = database_rows()
        db.session.expire_all()
        saved = db.session.get(Attempt, quiz["own"].id).prediction
        response = client.post(f"/bai-thi/{public_id}/nop", data=dict(form))
        nul = "\x00" in public_id or any("\x00" in k + v for k, v in form.items())
        if nul:
            assert response.status_code == 400
        elif public_id != quiz["own"].public_id:
            assert response.status_code == 404
        elif _submit_is_valid(form) and (form.get("prediction", "").strip() or saved is not None):
            assert response.status_code == 302
            db.session.expire_all()
            assert db.session.get(Attempt, quiz["own"].id).is_submitted
            quiz["own"] = start(client, quiz["round"])  # the next example's attempt
            return
        elif _submit_is_valid(form):
            # No prediction: asked for it; the answers sent are kept, nothing is submitted.
            assert response.status_code == 400, form
            db.session.expire_all()
            assert not db.session.get(Attempt, quiz["own"].id).is_submitted
            return
        else:
            assert response.status_code == 400, form
        assert database_rows() == before
    check()


# --- practice -----------------------------------------------------------------------

@pytest.fixture
def pool(frozen, make_questions, make_round, make_user) -> set[int]:
    """The ids of five questions in practice (a round closed and reviewed)."""
    make_questions(12)
    round_ = make_round(questions=5, closes_in=timedelta(hours=1))
    shown = {item.question_id for item in take_attempt(make_user(), round_, correct=5,
                                                       seconds=60).items}
    frozen.move(hours=2)
    return shown


def test_practice_check(app, logged_in, pool):
    question_ids = st.one_of(st.sampled_from(sorted(pool)), numbers)

    @FUZZ
    @given(payload=st.one_of(st.fixed_dictionaries({}, optional={
        "question_id": question_ids, "choice": numbers, "x": json_values}), json_values))
    def check(payload):
        before = database_rows()
        response = fresh_client(app, logged_in).post("/api/luyen-tap/kiem-tra", json=payload)
        question_id = payload.get("question_id") if isinstance(payload, dict) else None
        choice = payload.get("choice") if isinstance(payload, dict) else None
        known = isinstance(question_id, int) and not isinstance(question_id, bool) \
            and question_id in pool
        if _json_has_nul(payload) or not isinstance(payload, dict):
            expected = 400
        elif not known:
            expected = 404
        else:
            good = isinstance(choice, int) and not isinstance(choice, bool) and 0 <= choice <= 3
            expected = 200 if good else 400
        assert response.status_code == expected, payload
        assert database_rows() == before  # practice stores nothing
    check()


def _practice_form_status(ids: str, answer: str, pool: set[int]) -> int:
    """The form without JavaScript: 400 for NUL, or ids that are not 1 to 10 different
    ids in ASCII digits; 404 for one outside the pool; then 400 unless the answer is
    blank or an option's index."""
    parts = ids.split(",")
    if "\x00" in ids + answer or len(parts) > 10 or not all(
            re.fullmatch(r"[0-9]+", part) and len(part.lstrip("0")) <= 10
            and int(part) < 2**31 for part in parts):
        return 400
    if len({int(part) for part in parts}) != len(parts):
        return 400
    if any(int(part) not in pool for part in parts):
        return 404
    return 200 if answer in ("", "0", "1", "2", "3") else 400


def test_the_practice_form(app, logged_in, pool):
    id_lists = st.lists(st.one_of(st.sampled_from(sorted(pool)), st.integers(-1, 2**32)),
                        min_size=1, max_size=11).map(lambda ids: ",".join(map(str, ids)))
    pool_sets = st.lists(st.sampled_from(sorted(pool)), min_size=1, unique=True).map(
        lambda ids: ",".join(map(str, ids)))

    @FUZZ
    @given(ids=st.one_of(texts, id_lists, pool_sets),
           answer=st.one_of(st.sampled_from(["", "0", "3", "4", "-1", "²"]), texts))
    def check(ids, answer):
        before = database_rows()
        response = fresh_client(app, logged_in).post("/luyen-tap", data={"ids": ids, "q1": answer})
        assert response.status_code == _practice_form_status(ids, answer, pool), (ids[:40], answer)
        assert database_rows() == before  # practice stores nothing
    check()


# --- the organizer's forms -------------------------------------------------------------

@pytest.fixture
def console(app, client, make_user, make_questions):
    login(client, make_user(role="organizer"))
    make_questions(20, topic_key="demo")
    return client


def test_the_question_form(app, console):
    fields = {"code": (32, True), "topic": (None, True), "difficulty": (None, True),
              "question": (1000, True), "option_1": (300, True), "option_2": (300, True),
              "correct": (None, True), "explanation": (None, True),
              "source_document": (500, True), "source_part": (200, True), "group": (64, False)}
    fuzz_form(app, console, "/quan-tri/cau-hoi/moi", question_form("demo"), fields,
              accepted=question_form(
                  "demo", code="ORG-999",
                  question="Cơ quan nào chủ trì theo dõi, đánh giá Chỉ số cải cách hành chính?",
                  explanation="Bộ Nội vụ chủ trì xác định Chỉ số cải cách hành chính hằng năm."))


def test_the_contest_form(app, console):
    fields = {"name": (300, True), "organizer_name": (200, True), "contact_line": (300, False),
              "description": (None, False), "rules": (None, False), "starts_at": (None, False),
              "ends_at": (None, False), "prediction_kind": (None, True),
              "review_after": (None, False), "unit_min_rate": (None, False),
              "question_scopes": (None, True)}
    fuzz_form(app, console, "/quan-tri/cuoc-thi/moi", contest_form(), fields,
              accepted=contest_form(name="Cuộc thi tìm hiểu CCHC năm 2027"))


def test_the_round_form(app, console, make_round):
    contest_id = make_round().contest_id
    soon = clock.now() + timedelta(days=30)
    base = round_form(soon, soon + timedelta(days=7), number="2")
    fields = {"name": (200, True), "number": (None, True), "opens_at": (None, True),
              "closes_at": (None, True), "questions_per_attempt": (None, True),
              "time_limit_minutes": (None, True), "max_attempts": (None, True),
              "prediction_kind": (None, True), "prediction_question": (500, False),
              "topics": (None, False), "topic_mix-demo": (None, False)}
    later = soon + timedelta(days=60)
    fuzz_form(app, console, f"/quan-tri/cuoc-thi/{contest_id}/dot-thi/moi", base, fields,
              accepted=round_form(later, later + timedelta(days=7), number="3"))
    for other in (0, 2**31 - 1, 2**31, 2**63):  # ids of nothing
        assert console.post(f"/quan-tri/cuoc-thi/{other}/dot-thi/moi",
                            data=dict(base)).status_code == 404


def test_the_unit_form(app, console):
    base = {"code": "SO-NV-2", "name": "Sở Nội vụ", "kind": "agency", "headcount": "50"}
    fields = {"code": (32, True), "name": (200, True), "kind": (None, True),
              "headcount": (None, False)}
    fuzz_form(app, console, "/quan-tri/danh-muc-don-vi/moi", base, fields,
              accepted=base | {"code": "SO-TC-9", "name": "Sở Tài chính"})


# --- query strings of the pages that read them ----------------------------------------

QUERY_KEYS = ["trang", "page", "dot", "khoi", "doi-tuong", "bang", "q", "sdt", "don-vi", "vai-tro",
              "khoa", "action", "from", "to", "about", "topic", "difficulty", "active", "flagged",
              "version", "loai", "hoat_dong", "ma", "v", "next"]


def test_query_strings(app, console, make_round, make_unit):
    round_, unit = make_round(), make_unit()
    pages = ["/", "/xep-hang-don-vi", f"/dot-thi/{round_.id}/xep-hang", "/api/don-vi",
             "/xac-minh-chung-nhan", "/quan-tri/don-vi", "/quan-tri/ket-qua/toan-cuoc",
             f"/quan-tri/dot-thi/{round_.id}/ket-qua", "/quan-tri/tai-khoan/", "/quan-tri/nhat-ky/",
             "/quan-tri/cau-hoi/", "/quan-tri/cau-hoi/T-001", "/quan-tri/cau-hoi/thong-ke",
             "/quan-tri/danh-muc-don-vi/", f"/don-vi/{unit.code}",
             f"/don-vi/{unit.code}/chua-tham-gia"]

    @FUZZ
    @given(page=st.sampled_from(pages),
           args=st.dictionaries(st.sampled_from(QUERY_KEYS), texts, min_size=1, max_size=3))
    def check(page, args):
        before = database_rows()
        response = fresh_client(app, console).get(page, query_string=args)
        assert response.status_code < 500, (page, args)
        if any("\x00" in key + value for key, value in args.items()):
            assert response.status_code == 400
        assert database_rows() == before  # reading a page writes nothing
    check()
