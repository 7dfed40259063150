"""`bank check` refuses a stem or option that tells another question's key when
the two can share an attempt: an option pairing the key with the term the other
question asks about (GL-024's "Chỉ số công khai ngân sách (POPI)"), a name spelled
out in brackets, a stem naming a one-word key from the same plan (GL-033's
"VNeID"). A distractor that merely equals another key, and two questions of two
provinces, are left alone."""
import tempfile
from pathlib import Path

import yaml

from contest.bank.rules.giveaways import telling
from contest.bank.rules.validate import NO_MINIMUMS, check_directory

FIXTURES = Path(__file__).parent / "fixtures" / "giveaways"


def topic(name: str, scope: str | None = None, edits: dict | None = None) -> dict:
    """A fixture topic file as data, with its scope or some questions changed."""
    data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    if scope:
        data["scope"] = scope
    for question in data["questions"]:
        question.update((edits or {}).get(question["code"], {}))
    return data


def bank_of(tmp_path, *topics: dict) -> Path:
    """A fresh bank directory holding these topic files."""
    directory = Path(tempfile.mkdtemp(dir=tmp_path))
    for data in topics:
        (directory / f"{data['topic']}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return directory


def problems(tmp_path, *topics: dict) -> list[str]:
    """What `bank check` reports for a bank of these topic files."""
    _, found = check_directory(bank_of(tmp_path, *topics), NO_MINIMUMS)
    return [str(problem) for problem in found]


def test_an_option_pairing_another_key_with_the_term_it_asks_about_is_refused(tmp_path):
    found = problems(tmp_path, topic("chi_so.yaml"), topic("options_gia_lai.yaml"))
    assert ("options_gia_lai: GVO-001: phương án «Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) và "
            "Chỉ số công khai ngân sách (POPI)» ghép đáp án đúng của câu GVN-001 («Chỉ số công "
            "khai ngân sách tỉnh») với «POPI» mà câu đó hỏi") in "\n".join(found), found
    assert ("options_gia_lai: GVO-002: phương án «Bộ Công an, trên ứng dụng định danh điện tử "
            "VNeID» ghép đáp án đúng của câu GVN-003 («Bộ Công an») với «VNeID» mà câu đó hỏi"
            ) in "\n".join(found), found


def test_a_name_spelled_out_in_brackets_tells_either_half(tmp_path):
    found = problems(tmp_path, topic("chi_so.yaml"), topic("options_gia_lai.yaml"))
    # The key is the name, the other stem asks what it stands for …
    assert any(p.startswith("options_gia_lai: GVO-003: phương án «Bộ tiêu chí đánh giá Chỉ số "
                            "chuyển đổi số (DTI) giai đoạn 2023–2026» viết rõ «DTI» là gì, lộ đáp "
                            "án đúng của câu GVN-002 («DTI»)") for p in found), found
    # … or the stem asks the name and the key is what it stands for.
    assert any(p.startswith("options_gia_lai: GVO-004: phương án «Chỉ số cải cách hành chính "
                            "(PAR INDEX) trung bình của các tỉnh» viết rõ «PAR INDEX» là gì, lộ "
                            "đáp án đúng của câu GVN-004") for p in found), found
    assert len(found) == 4, found


def test_a_distractor_that_merely_equals_another_key_tells_nothing(tmp_path):
    # "Chỉ số công khai ngân sách tỉnh", "Bộ Công an" and "DTI" are other questions' keys,
    # offered here as wrong answers or next to other names, never paired with what is asked.
    assert problems(tmp_path, topic("chi_so.yaml"), topic("distractors_gia_lai.yaml")) == []


def test_questions_of_two_provinces_are_not_compared(tmp_path):
    told = topic("chi_so.yaml", scope="gia_lai")
    assert problems(tmp_path, told, topic("options_gia_lai.yaml", scope="lao_cai")) == []
    assert len(problems(tmp_path, told, topic("options_gia_lai.yaml"))) == 4


def test_one_fact_group_never_shares_an_attempt_so_it_may_tell(tmp_path):
    grouped = {"group": "chi-so-popi"}
    found = problems(tmp_path, topic("chi_so.yaml", edits={"GVN-001": grouped}),
                     topic("options_gia_lai.yaml", edits={"GVO-001": grouped}))
    assert not any("GVO-001" in p for p in found), found
    assert len(found) == 3, found


def test_a_stem_naming_a_one_word_key_from_the_same_plan_is_refused(tmp_path):
    # The first rule looked for keys of four words or more: "VNeID" never counted.
    assert not telling("VNeID")
    found = problems(tmp_path, topic("chi_so.yaml"), topic("plan_gia_lai.yaml"))
    assert found == ["plan_gia_lai: GVP-002: câu hỏi nêu đáp án đúng của câu GVP-001 («VNeID») "
                     "theo cùng văn bản nguồn: sửa câu hỏi, phương án hoặc đưa hai câu vào cùng "
                     "một nhóm (group)"], found


def test_a_stem_naming_the_key_with_a_distractor_or_from_another_document_is_left_alone(tmp_path):
    with_distractor = {"GVP-002": {"question": "Theo Phụ lục Kế hoạch, cơ quan nào hướng dẫn "
                                               "người dân dùng VNeID và VssID?"}}
    other_source = {"GVP-002": {"source": {"document": "Luật Căn cước số 26/2023/QH15",
                                           "part": "Điều 3"}}}
    for edits in (with_distractor, other_source):
        assert problems(tmp_path, topic("chi_so.yaml"),
                        topic("plan_gia_lai.yaml", edits=edits)) == [], edits


def test_bank_check_prints_the_giveaway_and_fails(app, runner, tmp_path):
    app.config["QUESTION_BANK_DIR"] = str(
        bank_of(tmp_path, topic("chi_so.yaml"), topic("plan_gia_lai.yaml")))
    result = runner.invoke(args=["bank", "check"])
    assert result.exit_code == 1
    assert "GVP-002: câu hỏi nêu đáp án đúng của câu GVP-001 («VNeID»)" in result.output
