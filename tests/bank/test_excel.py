"""The Excel round-trip and all-or-nothing import."""
import pandas as pd
import pytest

from contest.audit.models import AuditLog
from contest.extensions import db
from tests.workbooks import read_xlsx
from contest.bank.models import Question, Topic
from tests.bank.helpers import bank_snapshot, column, current_frame, workbook_bytes


@pytest.fixture
def shipped_bank(runner):
    result = runner.invoke(args=["bank", "load"])
    assert result.exit_code == 0, result.output


def test_export_then_import_of_the_shipped_bank_changes_nothing(runner, shipped_bank, tmp_path):
    before = bank_snapshot()
    path = tmp_path / "bank.xlsx"
    assert runner.invoke(args=["bank", "export", str(path)]).exit_code == 0
    frame = read_xlsx(path.read_bytes())
    assert len(frame) == len(before) and list(frame.columns)[:4] == [
        "Mã câu hỏi", "Chủ đề", "Độ khó", "Câu hỏi"]
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert f"0 câu mới, 0 câu sửa, 0 phiên bản mới, {len(before)} câu không đổi" in result.output
    assert bank_snapshot() == before


def test_import_reports_every_bad_row_and_changes_nothing(runner, shipped_bank, tmp_path):
    before = bank_snapshot()
    frame = current_frame().head(8).astype(str)
    frame.loc[0, column("question")] = "Một câu hỏi mới hoàn toàn hợp lệ về cải cách hành chính?"
    frame.loc[0, column("code")] = "NEW-001"                          # row 2: valid
    frame.loc[1, column("difficulty")] = "5"                          # row 3
    frame.loc[2, column("correct")] = "9"                             # row 4
    frame.loc[3, column("source_part")] = ""                          # row 5
    frame.loc[4, column("option_2")] = "Tất cả các phương án trên"    # row 6
    frame.loc[5, column("code")] = frame.loc[6, column("code")]       # row 7 duplicates row 8
    frame.loc[7, column("code")] = "COPY-001"                         # row 9: text of another code
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook_bytes(frame))
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code != 0
    for expected in (
        "Dòng 3, cột Độ khó: độ khó phải là 1, 2 hoặc 3",
        "Dòng 4, cột Đáp án đúng: đáp án đúng phải là một số thứ tự phương án, từ 1 đến",
        "Dòng 5, cột Phần/mục: thiếu phần/mục của văn bản nguồn",
        "Dòng 6, cột Phương án: phương án «Tất cả các phương án trên» dẫn chiếu phương án khác",
        "Dòng 7, cột Câu hỏi: nội dung trùng với câu",  # its text now sits under another code
        "Dòng 8, cột Mã câu hỏi: mã câu hỏi trùng với dòng 7",
        "Dòng 9, cột Câu hỏi: nội dung trùng với câu",
        "Tệp có 7 lỗi, không thay đổi gì",
    ):
        assert expected in result.output, result.output
    assert "Dòng 2" not in result.output
    assert bank_snapshot() == before


def test_import_creates_and_updates_in_one_go(runner, shipped_bank, tmp_path):
    frame = current_frame().head(2).astype(str)
    frame.loc[0, column("explanation")] = "Giải thích đã được Ban Tổ chức viết lại."
    new = frame.iloc[[1]].copy()
    new[column("code")] = "NEW-001"
    new[column("question")] = "Câu hỏi mới được nhập từ Excel về cải cách hành chính?"
    path = tmp_path / "update.xlsx"
    path.write_bytes(workbook_bytes(pd.concat([frame, new])))
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 câu mới, 1 câu sửa" in result.output
    assert db.session.query(AuditLog).filter_by(action="bank.import").count() == 1


def test_import_refuses_text_already_in_the_bank_under_another_code(runner, shipped_bank, tmp_path):
    frame = current_frame().head(1).copy()
    frame[column("code")] = "COPY-001"
    path = tmp_path / "copy.xlsx"
    path.write_bytes(workbook_bytes(frame))
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code != 0
    assert "Dòng 2, cột Câu hỏi: nội dung trùng với câu" in result.output


def test_import_refuses_an_unknown_topic(runner, shipped_bank, tmp_path):
    before = bank_snapshot()
    frame = current_frame().head(1).astype(str)
    frame.loc[0, column("topic")] = "nq67"
    path = tmp_path / "typo.xlsx"
    path.write_bytes(workbook_bytes(frame))
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code != 0
    assert "Dòng 2, cột Chủ đề: chủ đề «nq67» chưa có trong ngân hàng" in result.output
    assert bank_snapshot() == before


def test_a_file_that_is_not_excel_is_refused(runner, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("code,question\nA-001,x")
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code != 0
    assert "Không đọc được tệp Excel" in str(result.exception) + result.output


def test_missing_columns_are_named(runner, tmp_path):
    path = tmp_path / "cols.xlsx"
    path.write_bytes(workbook_bytes(pd.DataFrame({"Mã câu hỏi": ["A-001"], "Câu hỏi": ["x?"]})))
    result = runner.invoke(args=["bank", "import", str(path)])
    assert "Dòng 1, cột Chủ đề, Độ khó" in result.output
    assert "thiếu cột trong dòng tiêu đề" in result.output


def test_english_column_keys_are_accepted(runner, shipped_bank, tmp_path):
    from contest.bank.formats.excel import COLUMNS
    frame = current_frame().head(3)
    frame.columns = [key for key, _ in COLUMNS]
    path = tmp_path / "english.xlsx"
    path.write_bytes(workbook_bytes(frame))
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code == 0 and "3 câu không đổi" in result.output


def test_the_template_and_import_carry_scope_and_fact_group(runner, shipped_bank, tmp_path):
    frame = current_frame().head(3).astype(str)
    assert {"Phạm vi", "Nhóm câu hỏi"} <= set(frame.columns)
    codes = list(frame[column("code")])
    frame[column("group")] = ["nhom-thu", "nhom-thu", ""]
    path = tmp_path / "groups.xlsx"
    path.write_bytes(workbook_bytes(frame))
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    groups = {q.code: q.fact_group for q in db.session.query(Question).filter(
        Question.code.in_(codes), Question.is_current.is_(True))}
    assert groups == {codes[0]: "nhom-thu", codes[1]: "nhom-thu", codes[2]: None}

    before = bank_snapshot()
    topic = frame.loc[0, column("topic")]
    own_scope = db.session.query(Topic.scope).filter_by(key=topic).scalar()
    other_scope = "gia_lai" if own_scope != "gia_lai" else "national"
    frame[column("scope")] = [other_scope, "Sai Dạng", ""]
    frame[column("group")] = ["", "Nhóm Sai", ""]
    path.write_bytes(workbook_bytes(frame))
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code != 0
    for expected in (f"Dòng 2, cột Phạm vi: chủ đề «{topic}» thuộc phạm vi {own_scope}, "
                     f"không phải {other_scope}",
                     "Dòng 3, cột Phạm vi: phạm vi là national hoặc mã tỉnh",
                     "Dòng 3, cột Nhóm câu hỏi: nhóm (group) viết thường"):
        assert expected in result.output, result.output
    assert bank_snapshot() == before
