"""`bank check`: one broken fixture file per rule, each reported with its file
and question code; the valid fixture passes."""
import shutil
from pathlib import Path

import pytest

from contest.bank.rules.validate import NO_MINIMUMS, check_directory, refers_to_other_options

FIXTURES = Path(__file__).parent / "fixtures"


def bank_with(tmp_path, broken: str | None) -> Path:
    """A bank directory: the valid fixture plus one broken file."""
    shutil.copy(FIXTURES / "valid" / "demo.yaml", tmp_path / "demo.yaml")
    if broken:
        shutil.copy(FIXTURES / "broken" / broken, tmp_path / broken)
    return tmp_path


def problems_of(tmp_path, broken):
    _, problems = check_directory(bank_with(tmp_path, broken), NO_MINIMUMS)
    return [str(p) for p in problems]


def test_the_valid_fixture_passes(tmp_path):
    assert problems_of(tmp_path, None) == []


@pytest.mark.parametrize("broken, expected", [
    ("missing_explanation.yaml", "missing_explanation.yaml: BRK-001: explanation: thiếu giải thích"),
    ("bad_topic.yaml", "bad_topic.yaml: -: mã chủ đề (topic) thiếu hoặc sai dạng"),
    ("bad_code.yaml", "bad_code.yaml: câu 1: code: mã câu hỏi thiếu hoặc sai dạng"),
    ("duplicate_code.yaml", "DEMO-001: mã câu hỏi bị trùng"),
    ("duplicate_text.yaml", "BRK-001: trùng nội dung với câu DEMO-001"),
    ("too_few_options.yaml", "too_few_options.yaml: BRK-001: options: cần từ 2 đến 6 phương án"),
    ("too_many_options.yaml", "too_many_options.yaml: BRK-001: options: cần từ 2 đến 6 phương án"),
    ("same_options.yaml", "same_options.yaml: BRK-001: options: có hai phương án trùng nhau"),
    ("correct_out_of_range.yaml", "correct_out_of_range.yaml: BRK-001: correct: đáp án đúng phải là"),
    ("two_correct.yaml", "two_correct.yaml: BRK-001: correct: đáp án đúng phải là"),
    ("missing_source_part.yaml", "missing_source_part.yaml: BRK-001: source.part: thiếu phần/mục"),
    ("bad_difficulty.yaml", "bad_difficulty.yaml: BRK-001: difficulty: độ khó phải là 1, 2 hoặc 3"),
    ("bad_yaml.yaml", "bad_yaml.yaml: -: không đọc được YAML"),
    ("longest_correct.yaml", "đáp án đúng là phương án dài nhất ở 7/9 câu"),
    ("difficulty_mix.yaml", "độ khó 3 chỉ có 1/13 câu"),
])
def test_each_rule_is_reported_with_file_and_code(tmp_path, broken, expected):
    found = problems_of(tmp_path, broken)
    assert any(expected in problem for problem in found), found


def test_options_that_point_at_other_options_are_reported(tmp_path):
    found = problems_of(tmp_path, "refers_to_others.yaml")
    for code, option in (("BRK-001", "Cả A và B"), ("BRK-002", "Tất cả các phương án trên"),
                         ("BRK-003", "Đáp án C")):
        assert any(f"{code}: options: phương án «{option}» dẫn chiếu" in p for p in found), found


@pytest.mark.parametrize("text", [
    "Cả hai ý trên", "Tất cả đều đúng", "A và B đều đúng", "Không có phương án nào đúng",
    "Các phương án trên", "Phương án B", "Cả A, B và C",
])
def test_referring_wordings_are_caught(text):
    assert refers_to_other_options(text)


@pytest.mark.parametrize("text", [
    "Xử lý trên môi trường mạng", "Sở Nội vụ và Sở Tư pháp", "Cả hai cấp tỉnh và xã cùng thực hiện",
    "Bộ Nội vụ", "Phương án tổ chức bộ máy mới",
])
def test_ordinary_options_are_not_flagged(text):
    assert not refers_to_other_options(text)


def test_the_command_prints_each_problem_and_exits_non_zero(app, runner, tmp_path):
    app.config["QUESTION_BANK_DIR"] = str(bank_with(tmp_path, "same_options.yaml"))
    result = runner.invoke(args=["bank", "check"])
    assert result.exit_code == 1
    assert "same_options.yaml: BRK-001: options: có hai phương án trùng nhau" in result.output
