"""The shipped bank passes `bank check` with the counts the contest needs."""
from collections import Counter

from contest.bank.validate import Minimums, check_directory


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
