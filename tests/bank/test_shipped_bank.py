"""The shipped bank passes `bank check` with the counts the contest needs, the
README states its true counts, and no question a contest can draw repeats a fact
that FACTS.md has since corrected."""
import re
from collections import Counter
from pathlib import Path

import pytest

from contest.bank.rules.bank import drawable
from contest.bank.formats.records import key_of
from contest.bank.rules.validate import NO_MINIMUMS, Minimums, check_directory
from contest.text import fold

# What an active question may no longer say (folded), and why (FACTS.md, turn 3).
CORRECTED = {
    r"11/12/2024": "Quyết định 1001/QĐ-BNV is of 11/12/2023; the bank does not test the date",
    r"(sua doi|cap nhat)[^.;]*71/nq-cp|71/nq-cp[^.;]*(sua doi|cap nhat)":
        "Nghị quyết 71/NQ-CP replaced the programme of Nghị quyết 03/NQ-CP (Art. 2)",
    r"ddci.*quang ninh|quang ninh.*ddci": "no source says Quảng Ninh ran DDCI first",
    r"khong cau toan|khong nong voi": "Chỉ thị 23's wording is known only in English translation",
}


def test_bank_check_passes_on_the_shipped_bank(runner, app):
    result = runner.invoke(args=["bank", "check"])
    assert result.exit_code == 0, result.output
    assert "0 lỗi" in result.output


def test_the_shipped_bank_has_the_required_size(app):
    records, problems = check_directory(app.config["QUESTION_BANK_DIR"], Minimums())
    assert problems == []
    per_topic = Counter(record.topic for record in records)
    assert len(records) >= 300
    assert len(per_topic) >= 10 and min(per_topic.values()) >= 15


def test_bank_load_is_repeatable(runner, app):
    first = runner.invoke(args=["bank", "load"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["bank", "load"])
    assert "0 câu mới, 0 câu sửa, 0 phiên bản mới" in second.output


def shipped_records(app):
    records, _ = check_directory(app.config["QUESTION_BANK_DIR"], NO_MINIMUMS,
                                 whole_bank_rules=False)
    return records


def test_the_readme_states_the_true_counts(app):
    records = shipped_records(app)
    active = drawable(records)
    readme = (Path(app.config["QUESTION_BANK_DIR"]).parent / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"\((\d+) câu đang dùng: (\d+) câu toàn quốc.*?; (\d+) câu thôi dùng",
                       readme, re.S)
    assert stated, "README.md no longer states the bank's counts"
    national = sum(record.scope == "national" for record in active)
    assert tuple(map(int, stated.groups())) == (len(active), national, len(records) - len(active))


@pytest.mark.parametrize("pattern", CORRECTED)
def test_no_active_question_states_a_corrected_fact(app, pattern):
    stating = [record.code for record in drawable(shipped_records(app))
               if re.search(pattern, fold(" ".join((
                   record.question, *record.options, record.explanation,
                   record.source_document, record.source_part))))]
    assert stating == [], f"{CORRECTED[pattern]}: {stating}"


# A document's symbol names the body that issued it: 76/NQ-CP is the Government's.
ISSUER_SYMBOLS = {"chinh phu": r"/(nq|nd)-cp\b", "thu tuong chinh phu": r"/(qd|ct)-ttg\b",
                  "quoc hoi": r"/qh\d+\b"}


def test_no_stem_asks_for_the_issuer_its_document_symbol_names(app):
    telling_symbol = [record.code for record in drawable(shipped_records(app))
                      if re.search(ISSUER_SYMBOLS.get(fold(key_of(record)), r"$^"),
                                   fold(record.question))]
    assert telling_symbol == []


def test_a_steering_committee_question_offers_only_one_of_the_two_heads(app):
    """The Party's central committee on science, technology and digital transformation
    is headed by the General Secretary, the Government's by the Prime Minister."""
    both = [record.code for record in drawable(shipped_records(app))
            if "ban chi dao" in fold(record.question)
            and {"tong bi thu", "thu tuong chinh phu"} <= {fold(o) for o in record.options}]
    assert both == []
