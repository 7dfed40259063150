"""What `bank check` prints after the problems: the bank per scope, topic and
difficulty, the share of keys that are a bare number or date, and the fact groups."""
from collections import Counter

from contest.bank.formats.records import QuestionRecord
from contest.bank.rules.bank import bare_key_share, drawable, fact_groups
from contest.formatting import share


def summary_lines(records: list[QuestionRecord]) -> list[str]:
    active = drawable(records)
    retired = len(records) - len(active)
    by_topic = Counter((r.scope, r.topic, r.difficulty) for r in active)
    lines = ["phạm vi | chủ đề | dễ | trung bình | khó | cộng"]
    for scope, topic in sorted({(scope, topic) for scope, topic, _ in by_topic}):
        counts = [by_topic[(scope, topic, level)] for level in (1, 2, 3)]
        lines.append(f"{scope} | {topic} | {counts[0]} | {counts[1]} | {counts[2]} | {sum(counts)}")
    for scope, count in sorted(Counter(r.scope for r in active).items()):
        lines.append(f"phạm vi {scope}: {count} câu")
    bare, total = bare_key_share(active)
    lines.append(f"đáp án là con số, ngày tháng hoặc số hiệu văn bản: {bare}/{total} câu "
                 f"({share(bare, total)})" if total else "ngân hàng trống")
    lines.append(f"{fact_groups(active)} nhóm câu hỏi (group); {retired} câu thôi dùng (retired)")
    return lines
