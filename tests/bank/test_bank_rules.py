"""The bank-wide rules of `bank check`: scope on every topic, no stem giving away
another question's key, similar pairs grouped or marked distinct, few bare
number/date keys, no province plan in a national topic; retired questions are
never counted."""
import shutil
import tempfile
from pathlib import Path

import yaml

from contest.bank.rules.bank import is_bare_key
from contest.bank.queries.summary import summary_lines
from contest.bank.rules.validate import NO_MINIMUMS, Minimums, check_directory

VALID = Path(__file__).parent / "fixtures" / "valid" / "demo.yaml"
GIVEN_AWAY = "Một Phó Chủ tịch Ủy ban nhân dân cấp xã"  # DEMO-002's key


def question(code, text, options=("Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Tài chính"),
             difficulty=2, document="Nghị định số 118/2025/NĐ-CP", **extra):
    return {"code": code, "difficulty": difficulty, "question": text, "options": list(options),
            "correct": 2, "explanation": "Giải thích.", **extra,
            "source": {"document": document, "part": "Điều 1"}}


def check(tmp_path, questions, scope="national", minimums=NO_MINIMUMS, with_valid=True):
    """`bank check` of a fresh directory: the valid fixture (unless told) and one topic."""
    tmp_path = Path(tempfile.mkdtemp(dir=tmp_path))
    if with_valid:
        shutil.copy(VALID, tmp_path / "demo.yaml")
    data = {"topic": "them", "title": "Chủ đề thêm", "questions": questions}
    if scope is not None:
        data["scope"] = scope
    (tmp_path / "them.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    records, problems = check_directory(tmp_path, minimums)
    return records, [str(p) for p in problems]


def test_a_topic_without_scope_is_refused(tmp_path):
    _, problems = check(tmp_path, [question("BRK-001", "Cơ quan nào thẩm định?")], scope=None)
    assert any("them.yaml: -: thiếu phạm vi (scope)" in p for p in problems), problems


def test_a_stem_stating_another_questions_key_is_a_giveaway_unless_grouped(tmp_path):
    stem = f"Theo quy định, {GIVEN_AWAY} giữ chức vụ nào tại Trung tâm?"
    _, problems = check(tmp_path, [question("BRK-001", stem)])
    assert any("BRK-001: câu hỏi chứa đáp án đúng của câu DEMO-002" in p for p in problems), problems
    # The same stem in the key's own group is allowed: one attempt never holds both.
    grouped = [question("BRK-001", stem, group="giam-doc-trung-tam"),
               question("BRK-002", "Câu hỏi có cùng nhóm với câu bị lộ đáp án?",
                        options=(GIVEN_AWAY, "Ai đó", "Không ai", "Người khác"),
                        group="giam-doc-trung-tam")]
    _, problems = check(tmp_path, grouped, with_valid=False)
    assert not any("câu hỏi chứa đáp án" in p for p in problems), problems


def test_similar_pairs_must_be_grouped_or_marked_distinct(tmp_path):
    first = question("BRK-001", "Cơ quan nào chủ trì thẩm định đề án vị trí việc làm của tỉnh?")
    second = question("BRK-002", "Cơ quan nào chủ trì thẩm định đề án vị trí việc làm cấp tỉnh?")
    _, problems = check(tmp_path, [first, second])
    assert any("BRK-001: gần giống câu BRK-002" in p for p in problems), problems
    _, problems = check(tmp_path, [first, {**second, "distinct_from": ["BRK-001"]}])
    assert not any("gần giống" in p for p in problems), problems
    _, problems = check(tmp_path, [{**first, "group": "vtvl"}, {**second, "group": "vtvl"}])
    assert not any("gần giống" in p for p in problems), problems


def test_more_than_a_tenth_of_bare_number_or_date_keys_is_refused(tmp_path):
    dated = [question(f"BRK-00{i}", f"Sự kiện thứ {i} diễn ra vào ngày nào?",
                      options=(f"0{i}/7/2025", f"1{i}/7/2025", f"2{i}/7/2025", f"0{i}/8/2025"))
             for i in (1, 2)]
    _, problems = check(tmp_path, dated)
    assert any("số hiệu văn bản ở 2/5 câu (tối đa 10%)" in p for p in problems), problems


def test_the_bank_summary_writes_the_bare_key_share_the_vietnamese_way(tmp_path):
    dated = [question(f"BRK-00{i}", f"Sự kiện thứ {i} diễn ra vào ngày nào?",
                      options=(f"0{i}/7/2025", f"1{i}/7/2025", f"2{i}/7/2025", f"0{i}/8/2025"))
             for i in (1, 2)]
    records, _ = check(tmp_path, dated)
    assert any(line.endswith("2/5 câu (40,0%)") for line in summary_lines(records))


def test_bare_keys_are_numbers_dates_and_document_numbers_not_statements():
    for key in ("09/6/2025", "Khoảng 57%", "5 nhóm", "2011–2020",
                "Quyết định số 1294/QĐ-BNV ngày 03/12/2012 của Bộ Nội vụ", "Nghị quyết số 202/2025/QH15"):
        assert is_bare_key(key), key
    for key in ("Nơi đăng ký khai sinh", "Một Phó Chủ tịch Ủy ban nhân dân cấp xã",
                "Bắt đầu năm 2009; toàn quốc từ năm 2011 theo lộ trình của Bộ"):
        assert not is_bare_key(key), key


def test_a_province_plan_question_belongs_to_the_provinces_scope(tmp_path):
    plan = question("BRK-001", "Kế hoạch giao cơ quan nào làm đầu mối?",
                    document="Kế hoạch số 27/KH-UBND ngày 07/8/2025 của UBND tỉnh Gia Lai")
    _, problems = check(tmp_path, [plan])
    assert any("BRK-001: nguồn là kế hoạch của một địa phương" in p for p in problems), problems
    _, problems = check(tmp_path, [plan], scope="gia_lai")
    assert not any("kế hoạch của một địa phương" in p for p in problems), problems


def test_retired_questions_need_a_reason_and_are_not_counted(tmp_path):
    retired = question("BRK-001", "Câu hỏi cũ về một nghị định đã hết hiệu lực?", retired=True)
    _, problems = check(tmp_path, [retired])
    assert any("BRK-001: retired: câu hỏi thôi dùng phải ghi lý do" in p for p in problems), problems
    retired["retired_reason"] = "Nghị định đã hết hiệu lực từ 01/7/2025."
    records, problems = check(tmp_path, [retired], minimums=Minimums(4, 0, 0, 0, 0))
    assert len(records) == 4
    assert any("ngân hàng có 3 câu, cần ít nhất 4" in p for p in problems), problems


def test_group_names_and_distinct_from_are_checked(tmp_path):
    _, problems = check(tmp_path, [question("BRK-001", "Câu hỏi có nhóm sai dạng?", group="Nhóm 1",
                                            distinct_from="DEMO-001")])
    assert any("BRK-001: group: nhóm (group) viết thường" in p for p in problems), problems
    assert any("BRK-001: distinct_from: distinct_from là danh sách mã" in p for p in problems)


def test_national_minimums_count_only_national_questions(tmp_path):
    _, problems = check(tmp_path, [question("BRK-001", "Câu hỏi của tỉnh?")], scope="gia_lai",
                        minimums=Minimums(0, 0, 0, 4, 2))
    assert any("phần toàn quốc có 3 câu trong 1 chủ đề, cần ít nhất 4 câu trong 2 chủ đề" in p
               for p in problems), problems
