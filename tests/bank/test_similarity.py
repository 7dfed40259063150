from contest.bank.formats.records import QuestionRecord
from contest.bank.rules.similarity import similar_pairs


def record(code, question, answer, topic="demo"):
    return QuestionRecord(code=code, topic=topic, difficulty=1, question=question,
                          options=(answer, "Sở Tư pháp", "Sở Tài chính"), correct=1,
                          explanation=".", source_document="Văn bản", source_part="Điều 1")


def test_the_same_fact_asked_in_two_topics_is_listed():
    first = record("A-001", "Theo Kế hoạch 27/KH-UBND, cơ quan nào chủ trì tuyên truyền về Đề án 06?",
                   "Công an tỉnh", topic="de_an_06")
    second = record("B-001", "Theo Phụ lục Kế hoạch số 27/KH-UBND, cơ quan nào chủ trì tuyên truyền Đề án 06?",
                    "Công an tỉnh", topic="kh_gia_lai")
    other = record("C-001", "Chỉ số PAPI có bao nhiêu nội dung (trục) đánh giá?", "8 nội dung")
    pairs = similar_pairs([first, second, other])
    assert [(p.first.code, p.second.code) for p in pairs] == [("A-001", "B-001")]
    assert pairs[0].score >= 0.6


def test_the_command_lists_pairs(runner, app, tmp_path):
    (tmp_path / "a.yaml").write_text('''topic: a
title: "A"
questions:
  - code: "A-001"
    difficulty: 1
    question: "Cơ quan nào chủ trì tuyên truyền về Đề án 06 theo Phụ lục Kế hoạch 27?"
    options: ["Công an tỉnh", "Sở Nội vụ"]
    correct: 1
    explanation: "."
    source: {document: "KH 27", part: "Phụ lục"}
  - code: "A-002"
    difficulty: 1
    question: "Theo Phụ lục Kế hoạch 27, cơ quan nào chủ trì tuyên truyền về Đề án 06?"
    options: ["Công an tỉnh", "Sở Tư pháp"]
    correct: 1
    explanation: "."
    source: {document: "KH 27", part: "Phụ lục"}
''', encoding="utf-8")
    app.config["QUESTION_BANK_DIR"] = str(tmp_path)
    result = runner.invoke(args=["bank", "similar"])
    assert "A-001 ~ A-002" in result.output
    assert "1 cặp câu hỏi gần giống nhau" in result.output
