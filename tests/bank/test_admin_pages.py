"""The organizers' bank pages: roles, search, editing, upload, downloads, audit."""
import io

import pytest

from contest.audit.models import AuditLog
from contest.bank.models import Question
from contest.extensions import db
from tests.workbooks import read_xlsx
from contest.text import fold
from tests.bank.helpers import bank_snapshot, column, current_frame, workbook_bytes
from tests.conftest import login


@pytest.fixture
def organizer(client, make_user):
    user = make_user(role="organizer")
    login(client, user)
    return client


@pytest.fixture
def bank(runner):
    assert runner.invoke(args=["bank", "load"]).exit_code == 0


def question_form(**changes):
    data = {"code": "ORG-001", "topic": "nq76", "difficulty": "2",
            "question": "Chương trình tổng thể CCHC nhà nước giai đoạn 2021–2030 do văn bản nào ban hành?",
            "option_1": "Nghị quyết 30c/NQ-CP", "option_2": "Nghị quyết 76/NQ-CP",
            "option_3": "Quyết định 136/2001/QĐ-TTg", "option_4": "Chỉ thị 23/CT-TTg",
            "option_5": "", "option_6": "", "correct": "2",
            "explanation": "Nghị quyết 76/NQ-CP ngày 15/7/2021 ban hành Chương trình.",
            "source_document": "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
            "source_part": "Trích yếu"}
    data.update(changes)
    return data


@pytest.mark.parametrize("url", ["/quan-tri/cau-hoi/", "/quan-tri/cau-hoi/NQ76-001",
                                 "/quan-tri/cau-hoi/moi", "/quan-tri/cau-hoi/ngan-hang.xlsx",
                                 "/quan-tri/cau-hoi/thong-ke", "/quan-tri/cau-hoi/nhap-excel"])
def test_contestants_get_403_and_visitors_the_login_page(client, make_user, bank, url):
    assert "/dang-nhap" in client.get(url).headers["Location"]
    login(client, make_user())
    assert client.get(url).status_code == 403


def test_search_ignores_diacritics_and_filters_combine(organizer, bank):
    question = db.session.query(Question).filter_by(code="CS-002").one()
    words = " ".join(fold(question.text).split()[:6])  # typed without diacritics
    html = organizer.get(f"/quan-tri/cau-hoi/?q={words.upper()}").get_data(as_text=True)
    assert ">CS-002</a>" in html
    assert question.text in html
    html = organizer.get("/quan-tri/cau-hoi/?topic=chi_so&difficulty=3").get_data(as_text=True)
    codes = set(__import__("re").findall(r">((?:[A-Z0-9]+)-\d{3})</a>", html))
    assert codes and all(code.startswith("CS-") for code in codes)
    expected = db.session.query(Question).filter_by(difficulty=3).join(Question.topic) \
        .filter_by(key="chi_so").count()
    assert len(codes) == expected


def test_preview_shows_the_question_as_contestants_see_it(organizer, bank):
    html = organizer.get("/quan-tri/cau-hoi/NQ76-001").get_data(as_text=True)
    question = db.session.query(Question).filter_by(code="NQ76-001").one()
    assert question.text in html
    assert html.count('type="radio"') == len(question.options)
    assert "Đáp án đúng:" in html and question.source_part in html


def test_create_validates_with_the_bank_rules(organizer, bank):
    response = organizer.post("/quan-tri/cau-hoi/moi", data=question_form(option_3="Cả A và B"))
    assert response.status_code == 422
    assert "dẫn chiếu phương án khác" in response.get_data(as_text=True)
    response = organizer.post("/quan-tri/cau-hoi/moi", data=question_form(code="NQ76-001"))
    assert response.status_code == 409 and "Mã câu hỏi này đã có" in response.get_data(as_text=True)
    assert db.session.query(Question).filter_by(code="ORG-001").count() == 0
    response = organizer.post("/quan-tri/cau-hoi/moi", data=question_form())
    assert response.status_code == 302
    created = db.session.query(Question).filter_by(code="ORG-001").one()
    assert created.correct_option.text == "Nghị quyết 76/NQ-CP"
    assert db.session.query(AuditLog).filter_by(action="question.create").count() == 1


def test_tampered_numbers_are_refused_in_vietnamese(organizer, bank):
    response = organizer.post("/quan-tri/cau-hoi/moi", data=question_form(correct="abc", difficulty="9"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "đáp án đúng phải là một số thứ tự phương án" in html
    assert "Vui lòng chọn một giá trị trong danh sách" in html
    assert db.session.query(Question).filter_by(code="ORG-001").count() == 0


def test_edit_and_deactivate_are_audited(organizer, bank):
    response = organizer.post("/quan-tri/cau-hoi/NQ76-001/sua",
                              data=question_form(code="IGNORED", question="Câu hỏi đã được sửa lại?"))
    assert response.status_code == 302
    question = db.session.query(Question).filter_by(code="NQ76-001", is_current=True).one()
    assert question.text == "Câu hỏi đã được sửa lại?"
    assert db.session.query(Question).filter_by(code="IGNORED").count() == 0
    assert organizer.post("/quan-tri/cau-hoi/NQ76-001/an-hien").status_code == 302
    db.session.expire_all()
    assert db.session.query(Question).filter_by(code="NQ76-001", is_current=True).one().active is False
    html = organizer.get("/quan-tri/cau-hoi/?active=0").get_data(as_text=True)
    assert "NQ76-001" in html
    actions = {a.action for a in db.session.query(AuditLog).all()}
    assert {"question.edit", "question.deactivate"} <= actions


def test_a_hidden_question_is_never_drawn(logged_in, make_questions, make_round, make_user):
    from contest.bank.services.questions import set_active
    from tests.quiz.helpers import start
    questions = make_questions(4)
    set_active(questions[0].code, False, make_user(role="organizer"))
    attempt = start(logged_in, make_round(questions=3))
    assert questions[0].id not in {item.question_id for item in attempt.items}


def test_upload_with_bad_rows_shows_each_and_changes_nothing(organizer, bank):
    before = bank_snapshot()
    frame = current_frame().head(3).astype(str)
    frame.loc[0, column("difficulty")] = "7"
    frame.loc[2, column("option_1")] = ""
    frame.loc[2, column("option_2")] = ""
    frame.loc[2, column("option_3")] = ""
    response = organizer.post("/quan-tri/cau-hoi/nhap-excel", data={
        "file": (io.BytesIO(workbook_bytes(frame)), "cau-hoi.xlsx")},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<td>2</td><td>Độ khó</td><td>độ khó phải là 1, 2 hoặc 3</td>" in html
    assert "<td>4</td><td>Phương án</td>" in html
    assert "chưa nhập câu hỏi nào" in html
    assert bank_snapshot() == before


@pytest.mark.parametrize("filename, content, message", [
    ("cau-hoi.csv", b"code,question\n", "Chỉ nhận tệp Excel .xlsx."),
    ("cau-hoi.xlsx", b"not a zip file", "Không đọc được tệp Excel"),
])
def test_upload_refuses_wrong_files(organizer, bank, filename, content, message):
    before = bank_snapshot()
    response = organizer.post("/quan-tri/cau-hoi/nhap-excel", data={
        "file": (io.BytesIO(content), filename)}, content_type="multipart/form-data")
    assert response.status_code in (400, 422)
    assert message in response.get_data(as_text=True)
    assert bank_snapshot() == before


def test_upload_refuses_files_over_the_size_limit(organizer, app):
    big = io.BytesIO(b"PK" + b"0" * (app.config["MAX_CONTENT_LENGTH"] + 10))
    response = organizer.post("/quan-tri/cau-hoi/nhap-excel", data={"file": (big, "lon.xlsx")},
                              content_type="multipart/form-data")
    assert response.status_code == 413
    assert "quá lớn" in response.get_data(as_text=True)


def test_a_valid_upload_imports(organizer, bank):
    frame = current_frame().head(1).astype(str)
    frame.loc[0, column("code")] = "UP-001"
    frame.loc[0, column("question")] = "Câu hỏi tải lên qua trang quản trị?"
    response = organizer.post("/quan-tri/cau-hoi/nhap-excel", data={
        "file": (io.BytesIO(workbook_bytes(frame)), "moi.xlsx")}, content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.session.query(Question).filter_by(code="UP-001").count() == 1


def test_template_and_whole_bank_download(organizer, bank):
    template = read_xlsx(organizer.get("/quan-tri/cau-hoi/mau.xlsx").data)
    assert len(template) == 0 and "Phương án 6" in template.columns
    whole = read_xlsx(organizer.get("/quan-tri/cau-hoi/ngan-hang.xlsx").data)
    assert len(whole) == db.session.query(Question).filter_by(is_current=True).count()
    actions = [a.action for a in db.session.query(AuditLog).all()]
    assert "bank.template" in actions and "bank.export" in actions


def test_an_organizer_loads_the_shipped_bank_from_the_browser_and_again(organizer):
    assert db.session.query(Question).count() == 0
    response = organizer.post("/quan-tri/cau-hoi/nap-ngan-hang-co-san")
    assert response.status_code == 302
    loaded = db.session.query(Question).count()
    assert loaded > 300
    assert db.session.query(Question).filter_by(scope="gia_lai").count() > 0
    [row] = db.session.query(AuditLog).filter_by(action="bank.load").all()
    assert row.actor_id is not None and row.details["created"] == loaded
    page = organizer.get(response.headers["Location"]).get_data(as_text=True)
    assert f"{loaded} câu mới" in page
    again = organizer.post("/quan-tri/cau-hoi/nap-ngan-hang-co-san", follow_redirects=True)
    assert "0 câu mới, 0 câu sửa, 0 phiên bản mới" in again.get_data(as_text=True)
    assert db.session.query(Question).count() == loaded
