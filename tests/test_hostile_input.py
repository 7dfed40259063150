"""Bad input from the browser (issue 11): each answered with a 4xx and a Vietnamese
message, the database unchanged, never a server error, on SQLite and PostgreSQL."""
import pytest
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from contest.ids import MAX_ID
from contest.paging import MAX_PAGE, page_arg
from tests.conftest import PASSWORD
from tests.contests.helpers import contest_form, round_form
from tests.hostile import (
    BAD_ANSWER, BAD_JSON, NOT_FOUND, UNREADABLE, database_rows, logged_in_client, question_form,
)
from tests.quiz.helpers import start

BIG = "99999999999999999999"
HUGE = "9" * 5000  # more digits than Python's int() converts
DEEP = "[" * 100_000


@pytest.fixture
def organizer(app, make_user):
    return logged_in_client(app, make_user(role="organizer"))


@pytest.fixture
def attempt(logged_in, make_questions, make_round):
    make_questions(10)
    return start(logged_in, make_round())


def text_of(response) -> str:
    """What the person reads: the page, or the error of a JSON answer."""
    return response.get_json()["error"] if response.is_json else response.get_data(as_text=True)


# --- JSON: nested too deeply, or of the wrong shape ---------------------------

@pytest.mark.parametrize("url", ["/api/bai-thi/{public_id}/tra-loi", "/api/luyen-tap/kiem-tra"])
def test_json_nested_too_deeply_is_refused(logged_in, attempt, url):
    before = database_rows()
    response = logged_in.post(url.format(public_id=attempt.public_id), data=DEEP,
                              content_type="application/json",
                              headers={"X-CSRFToken": logged_in.csrf_token()})
    assert response.status_code == 400
    assert response.get_json() == {"error": BAD_JSON}
    assert database_rows() == before


@pytest.mark.parametrize("payload", [
    [], "1", 1, None, True, {}, {"position": "1", "choice": 0}, {"position": 1, "choice": True},
    {"position": 1, "choice": 1.0}, {"position": 1, "choice": None},
    {"position": 2**63, "choice": 0},
    {"position": 1, "choice": 2**63}, {"prediction": "5"}, {"prediction": 10**30},
    {"prediction": -1}, {"prediction": 1.5},
])
def test_an_answer_of_the_wrong_shape_is_refused(logged_in, attempt, payload):
    before = database_rows()
    response = logged_in.post(f"/api/bai-thi/{attempt.public_id}/tra-loi", json=payload)
    assert response.status_code == 400
    assert response.get_json()["error"] in (
        BAD_JSON, BAD_ANSWER, "Câu hỏi không thuộc bài thi này.",
        "Phương án trả lời không hợp lệ.",
        "Số dự đoán phải là số nguyên từ 0 đến 100.000.000.")
    assert database_rows() == before


@pytest.mark.parametrize("text", ["\x00", "a\x00b", "\ud800"])
def test_json_text_with_a_nul_byte_or_a_lone_surrogate_is_refused(logged_in, attempt, text):
    before = database_rows()
    response = logged_in.post(f"/api/bai-thi/{attempt.public_id}/tra-loi",
                              json={"position": 1, "choice": 0, "note": [text]})
    assert response.status_code == 400
    assert UNREADABLE in response.get_json()["error"]
    assert database_rows() == before


# --- ids in URLs beyond the columns' range --------------------------------------

@pytest.mark.parametrize("url", [
    f"/dot-thi/{2**31}/ket-qua", f"/dot-thi/{HUGE}/ket-qua", f"/dot-thi/{2**31}/xep-hang",
    f"/cuoc-thi/{2**31}/logo", f"/bieu-do/dot-thi/{2**31}/theo-ngay.svg",
])
def test_an_id_beyond_the_range_is_a_page_not_found(client, make_round, url):
    make_round()
    before = database_rows()
    response = client.get(url)
    assert response.status_code == 404
    assert NOT_FOUND in text_of(response)
    assert database_rows() == before


@pytest.mark.parametrize("method, url", [
    ("GET", f"/quan-tri/tai-khoan/{2**31}"), ("GET", f"/quan-tri/cuoc-thi/{2**31}"),
    ("GET", f"/quan-tri/dot-thi/{2**31}/ket-qua"), ("GET", f"/quan-tri/cuoc-thi/dot-thi/{2**31}"),
    ("GET", f"/quan-tri/danh-muc-don-vi/{2**31}/sua"), ("GET", f"/quan-tri/dot-thi/{2**31}/xuat"),
    ("POST", f"/quan-tri/tai-khoan/{2**31}/khoa"),
    ("POST", f"/quan-tri/dot-thi/{2**31}/tinh-ket-qua"),
])
def test_an_organizer_asking_for_an_id_beyond_the_range_gets_not_found(organizer, method, url):
    before = database_rows()
    response = organizer.open(url, method=method)
    assert response.status_code == 404
    assert NOT_FOUND in text_of(response)
    assert database_rows() == before


def test_starting_a_round_beyond_the_range_is_not_found(logged_in):
    before = database_rows()
    response = logged_in.post(f"/dot-thi/{2**31}/bat-dau")
    assert response.status_code == 404
    assert database_rows() == before


def test_every_int_route_takes_the_largest_id_and_no_larger(app):
    adapter = app.url_map.bind("localhost")
    rules = [rule for rule in app.url_map.iter_rules()
             if any(isinstance(c, IntegerConverter) for c in rule._converters.values())]
    assert len(rules) > 30
    for rule in rules:
        method = sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        values = {name: MAX_ID if isinstance(converter, IntegerConverter) else "x"
                  for name, converter in rule._converters.items()}
        url = adapter.build(rule.endpoint, values, method=method)
        assert adapter.match(url, method=method) == (rule.endpoint, values)
        with pytest.raises(NotFound):
            adapter.match(url.replace(str(MAX_ID), str(MAX_ID + 1)), method=method)


# --- the quiz's submit form -----------------------------------------------------

@pytest.mark.parametrize("field, value", [
    ("q1", "²"), ("q1", HUGE), ("q1", "١"), ("q1", "-1"), ("q1", "1.0"), ("q²", "0"),
    ("q" + HUGE, "0"),
])
def test_the_submit_form_refuses_an_answer_that_is_not_a_small_number(logged_in, attempt, field,
                                                                      value):
    before = database_rows()
    response = logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={field: value})
    assert response.status_code == 400
    assert BAD_ANSWER in text_of(response)
    assert database_rows() == before


def test_the_submit_form_still_takes_its_answers(logged_in, attempt):
    response = logged_in.post(f"/bai-thi/{attempt.public_id}/nop", data={"q1": "0", "q2": "",
                                                                    "prediction": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/bai-thi/{attempt.public_id}/ket-qua")


# --- where the login sends people next ---------------------------------------------

@pytest.mark.parametrize("target", [
    "/%0d%0aSet-Cookie:%20a=b", "/%0aLocation:%20https://evil.example", "/%09/evil.example",
    "/%5Cevil.example", "/%5C%5Cevil.example", "/%C2%85x", "/%E2%80%A8x", "//evil.example",
])
def test_login_goes_home_instead_of_a_next_with_control_characters(client, contestant, target):
    response = client.post(f"/dang-nhap?next={target}",
                           data={"identifier": contestant.phone, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_still_goes_to_a_plain_next(client, contestant):
    response = client.post("/dang-nhap?next=/lich-su",
                           data={"identifier": contestant.phone, "password": PASSWORD})
    assert response.headers["Location"] == "/lich-su"


# --- organizer forms: column lengths ----------------------------------------------

@pytest.mark.parametrize("field, value, message", [
    ("code", "A" * 29 + "-001", "Tối đa 32 ký tự."),
    ("source_document", "Nghị quyết " * 46, "Tối đa 500 ký tự."),
    ("source_part", "Điều 1 " * 29, "Tối đa 200 ký tự."),
    ("group", "a" * 65, "Tối đa 64 ký tự."),
    ("difficulty", "²", "Vui lòng chọn một giá trị trong danh sách."),
    ("correct", "²", "Vui lòng chọn một giá trị trong danh sách."),
])
def test_a_question_longer_than_its_columns_is_refused(organizer, make_questions, field, value,
                                                        message):
    make_questions(1, topic_key="demo")
    before = database_rows()
    response = organizer.post("/quan-tri/cau-hoi/moi", data=question_form("demo", **{field: value}))
    assert response.status_code == 422
    assert message in text_of(response)
    assert database_rows() == before


def test_the_question_form_still_creates_a_question(organizer, make_questions):
    make_questions(1, topic_key="demo")
    response = organizer.post("/quan-tri/cau-hoi/moi", data=question_form("demo"))
    assert response.status_code == 302


@pytest.mark.parametrize("typed", ["01/01/0001 00:00", "31/12/9999 23:59"])
def test_a_contest_time_in_year_1_or_9999_is_refused(organizer, make_round, typed):
    round_ = make_round()
    new_round = round_form(round_.opens_at, round_.closes_at, number="2", opens_at=typed)
    before = database_rows()
    for url, data in [(f"/quan-tri/cuoc-thi/{round_.contest_id}/dot-thi/moi", new_round),
                      (f"/quan-tri/cuoc-thi/{round_.contest_id}", contest_form(starts_at=typed)),
                      (f"/quan-tri/cuoc-thi/dot-thi/{round_.id}/gia-han",
                       {"closes_at": typed, "reason": "Mất điện diện rộng"})]:
        response = organizer.post(url, data=data)
        assert response.status_code == 400, url
        assert "Năm phải từ 2000 đến 2100." in text_of(response), url
    assert database_rows() == before


@pytest.mark.parametrize("field", ["opens_at", "closes_at"])
def test_a_round_time_of_spaces_is_no_time(organizer, make_round, field):
    round_ = make_round()
    data = round_form(round_.opens_at, round_.closes_at, number="2", **{field: "   "})
    before = database_rows()
    response = organizer.post(f"/quan-tri/cuoc-thi/{round_.contest_id}/dot-thi/moi", data=data)
    assert response.status_code == 400
    assert "Vui lòng nhập giờ" in text_of(response)
    assert database_rows() == before


# --- NUL bytes, refused everywhere -----------------------------------------------------

def _person(**changes) -> dict:
    data = {"full_name": "Nguyễn Văn An", "date_of_birth": "01/01/1990", "gender": "nam",
            "phone": "0987654321", "email": "", "audience": "cbccvc", "unit_id": "1",
            "password": "mat-khau-123", "password_confirm": "mat-khau-123"}
    return data | changes


@pytest.mark.parametrize("who, url, data", [
    ("organizer", "/quan-tri/cau-hoi/moi", question_form("demo", question="Câu\x00hỏi?")),
    ("organizer", "/quan-tri/cuoc-thi/moi", {"name": "Cuộc thi\x00", "organizer_name": "UBND"}),
    ("organizer", "/quan-tri/danh-muc-don-vi/moi",
     {"code": "SO-NV", "name": "Sở\x00", "kind": "agency"}),
    ("visitor", "/dang-ky", _person(full_name="Nguyễn\x00Văn An")),
    ("visitor", "/dang-nhap", {"identifier": "0912000001\x00", "password": PASSWORD}),
    ("visitor", "/quen-mat-khau", {"email": "an\x00@example.vn"}),
    ("contestant", "/ho-so", _person(phone="0912\x0000001")),
])
def test_a_form_with_a_nul_byte_is_refused(app, client, make_user, make_questions, who, url, data):
    make_questions(1, topic_key="demo")
    user = make_user(role="organizer" if who == "organizer" else "contestant")
    sender = client if who == "visitor" else logged_in_client(app, user)
    before = database_rows()
    response = sender.post(url, data=dict(data))  # a copy: the client adds its CSRF token
    assert response.status_code == 400
    assert UNREADABLE in text_of(response)
    assert database_rows() == before


@pytest.mark.parametrize("url", [
    "/api/don-vi?q=%00", "/quan-tri/tai-khoan/?q=%00", "/quan-tri/nhat-ky/?q=a%00",
    "/quan-tri/danh-muc-don-vi/?q=%00", "/quan-tri/cau-hoi/%00", "/quan-tri/cau-hoi/?%00=1",
])
def test_a_query_or_path_with_a_nul_byte_is_refused(organizer, url):
    before = database_rows()
    response = organizer.get(url)
    assert response.status_code == 400
    assert UNREADABLE in text_of(response)
    assert database_rows() == before


def test_an_attempt_id_with_a_nul_byte_is_refused(logged_in, attempt):
    before = database_rows()
    response = logged_in.get("/bai-thi/%00/ket-qua")
    assert response.status_code == 400
    assert database_rows() == before


# --- page numbers ------------------------------------------------------------------------

@pytest.fixture
def lists(organizer, make_round, make_unit):
    """The organizer's paged lists (a round and a unit to show)."""
    round_, unit = make_round(), make_unit()
    return ["/quan-tri/danh-muc-don-vi/?trang=", "/quan-tri/cau-hoi/?page=",
            "/quan-tri/cau-hoi/thong-ke?trang=", "/quan-tri/tai-khoan/?trang=",
            "/quan-tri/nhat-ky/?page=", "/quan-tri/ket-qua/toan-cuoc?trang=",
            f"/quan-tri/dot-thi/{round_.id}/ket-qua?trang=", f"/don-vi/{unit.code}?trang=",
            f"/don-vi/{unit.code}/chua-tham-gia?trang="]


@pytest.mark.parametrize("page", [BIG, HUGE, "²", "-5"])
def test_a_huge_or_strange_page_number_shows_a_page(organizer, lists, page):
    before = database_rows()
    for url in lists:
        response = organizer.get(url + page)
        assert response.status_code == 200, url
    assert database_rows() == before


@pytest.mark.parametrize("text, page", [
    ("", 1), ("abc", 1), ("0", 1), ("-3", 1), ("²", 1), ("١٢", 1), (" 7 ", 7), ("12", 12),
    (BIG, MAX_PAGE), (HUGE, MAX_PAGE), (str(MAX_PAGE + 1), MAX_PAGE),
])
def test_page_arg_bounds_the_page(app, text, page):
    with app.test_request_context("/", query_string={"trang": text}):
        assert page_arg("trang") == page


# --- other query arguments parsed by hand --------------------------------------------------

def test_a_round_asked_for_with_5000_digits_shows_the_default_round(client, organizer,
                                                                    make_round):
    make_round()
    assert client.get(f"/xep-hang-don-vi?dot={HUGE}").status_code == 200
    assert organizer.get(f"/quan-tri/don-vi?dot={HUGE}").status_code == 200


@pytest.mark.parametrize("about", ["²", BIG, "-1"])
def test_the_audit_log_refuses_an_account_id_that_is_not_one(organizer, about):
    response = organizer.get(f"/quan-tri/nhat-ky/?about={about}")
    assert response.status_code == 400
    assert "Mã tài khoản không hợp lệ." in text_of(response)


def test_the_accounts_list_ignores_a_unit_id_beyond_the_range(organizer):
    response = organizer.get(f"/quan-tri/tai-khoan/?don-vi={BIG}")
    assert response.status_code == 200


# --- the last 500s (issue 18): integers and dates through one bounded parser each -----

def test_a_practice_set_of_5000_digits_is_refused(logged_in):
    before = database_rows()
    for ids in (HUGE, f"1,{HUGE}", f"{HUGE},²"):
        response = logged_in.post("/luyen-tap", data={"ids": ids, "q1": "0"})
        assert response.status_code == 400, ids[:20]
        assert "Bộ câu hỏi luyện tập gửi lên không hợp lệ" in text_of(response)
    assert database_rows() == before


@pytest.mark.parametrize("url", ["/quan-tri/nhat-ky/", "/quan-tri/nhat-ky/nhat-ky.xlsx"])
@pytest.mark.parametrize("args, message", [
    ({"from": "01/01/0001", "to": "31/12/9999"}, "Từ ngày phải có dạng ngày/tháng/năm"),
    ({"to": "31/12/9999"}, "Đến ngày phải có dạng ngày/tháng/năm"),
    ({"from": "01/01/0001"}, "Từ ngày phải có dạng ngày/tháng/năm"),
    ({"from": "01/01/1999"}, "năm từ 2000 đến 2100"),
    ({"to": f"01/01/{HUGE}"}, "Đến ngày phải có dạng ngày/tháng/năm"),
])
def test_an_audit_date_outside_the_years_is_refused(organizer, url, args, message):
    before = database_rows()
    response = organizer.get(url, query_string=args)
    assert response.status_code == 400
    assert message in text_of(response)
    assert database_rows() == before


@pytest.mark.parametrize("version", [BIG, HUGE, "²", "-1"])
def test_a_question_version_that_is_not_one_shows_the_current_version(organizer, make_questions,
                                                                      version):
    question = make_questions(1)[0]
    response = organizer.get(f"/quan-tri/cau-hoi/{question.code}?version={version}")
    assert response.status_code == 200
    assert question.text in text_of(response)
