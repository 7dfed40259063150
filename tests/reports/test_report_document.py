"""The weekly Word report, read back as a reader of the .docx would see it."""
import io
from dataclasses import replace
from datetime import datetime, timezone

from docx import Document
from docx.table import Table

from contest.reports.queries.report_data import RoundReport, UnitLine, WinnerLine
from contest.rankings.queries.figures import ScoreBands
from contest.reports.documents import report_docx

GROUP_A = "Bảng A – CBCCVC"
GROUP_B = "Bảng B – Học sinh"
DRAFT = "DỰ THẢO – danh sách chưa được Ban Tổ chức công bố"


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def winner(group, prize, name, unit, score, duration_ms, prediction, error) -> WinnerLine:
    return WinnerLine(group_name=group, prize_label=prize, rank=1, full_name=name,
                      unit_name=unit, score=score, total=20, duration_ms=duration_ms,
                      prediction=prediction, error=error)


def make_report(**changes) -> RoundReport:
    report = RoundReport(
        contest_name="Cuộc thi trực tuyến tìm hiểu về cải cách hành chính năm 2025",
        organizer_name="Sở Nội vụ tỉnh Quảng Trị",
        round_name="Tuần 1",
        opens_at=utc(2025, 1, 1, 1, 0),      # 08:00 01/01/2025 in Hà Nội
        closes_at=utc(2025, 1, 7, 10, 0),    # 17:00 07/01/2025
        generated_at=utc(2025, 1, 7, 18, 0),  # 01:00 08/01/2025: already the next day
        registered=12345, participants=1234, attempts=2500,
        units_taking_part=45, units_total=60,
        prediction_question="Có bao nhiêu lượt thi trong Tuần 1?",
        prediction_actual=2500,
        bands=ScoreBands(attempts=200, full=47, high=53, mid=80, low=20),
        full_units=[UnitLine("Sở Tư pháp", "Sở, ban, ngành", 40, 40, 52, 1.0, 17.5)],
        lowest_units=[
            UnitLine("UBND xã Hải An", "Cấp xã", 1250, 3, 3, 0.0024, 12.0),
            UnitLine("Trường THPT Lê Lợi", "Trường học", None, 7, 9, None, None),
        ],
        winners=[
            winner(GROUP_A, "Giải Nhất", "Nguyễn Văn An", "Sở Tư pháp", 20, 95_300, 2480, 20),
            winner(GROUP_B, "Giải Nhất", "Lê Hoàng Cường", "Trường THPT Lê Lợi", 18, 120_000, 2600, 100),
            winner(GROUP_A, "Giải Nhì", "Trần Thị Bình", "UBND xã Hải An", 19, 45_600, None, None),
        ],
        published=False,
    )
    return replace(report, **changes)


def read_blocks(report: RoundReport) -> list:
    """Body content in order: a paragraph as its text, a table as rows of cell texts."""
    document = Document(io.BytesIO(report_docx(report)))
    return [[[cell.text for cell in row.cells] for row in item.rows]
            if isinstance(item, Table) else item.text
            for item in document.iter_inner_content()]


def paragraphs(blocks) -> list[str]:
    return [block for block in blocks if isinstance(block, str)]


def table_after(blocks, heading: str) -> list[list[str]]:
    """The table that directly follows the paragraph ``heading``."""
    following = blocks[blocks.index(heading) + 1]
    assert isinstance(following, list), f"no table right after {heading!r}: {following!r}"
    return following


def all_text(blocks) -> str:
    return "\n".join(block if isinstance(block, str) else
                     "\n".join(" | ".join(row) for row in block) for block in blocks)


def test_returns_docx_bytes_in_times_new_roman_13():
    data = report_docx(make_report())
    assert data[:2] == b"PK"
    normal = Document(io.BytesIO(data)).styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 13


def test_header_and_title():
    blocks = read_blocks(make_report())
    header = blocks[0]
    left, right = header[0]
    assert left.splitlines() == ["SỞ NỘI VỤ TỈNH QUẢNG TRỊ", "BAN TỔ CHỨC CUỘC THI", "Số:      /TB-BTC"]
    assert right.splitlines()[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    # 18:00 UTC on 7 January is 01:00 on 8 January in Hà Nội.
    assert right.splitlines()[2] == "……, ngày 08 tháng 01 năm 2025"
    texts = paragraphs(blocks)
    title = texts.index("THÔNG BÁO")
    assert texts[title + 1] == (
        "Kết quả Tuần 1 Cuộc thi trực tuyến tìm hiểu về cải cách hành chính năm 2025")


def test_date_line_has_no_leading_zero_for_months_after_february():
    blocks = read_blocks(make_report(generated_at=utc(2025, 9, 15, 3, 0)))
    assert blocks[0][0][1].splitlines()[2] == "……, ngày 15 tháng 9 năm 2025"


def test_participation_in_local_time_with_vietnamese_numbers():
    texts = paragraphs(read_blocks(make_report()))
    section = texts[texts.index("1. Tình hình tham gia") + 1:texts.index("2. Phân bố điểm")]
    assert section == [
        "- Thời gian thi: từ 01/01/2025 08:00 đến 07/01/2025 17:00.",
        "- Số người đăng ký: 12.345 người.",
        "- Số người dự thi: 1.234 người với 2.500 lượt thi.",
        "- Số đơn vị tham gia: 45/60 đơn vị.",
    ]


def test_score_distribution_shares_of_attempts():
    table = table_after(read_blocks(make_report()), "2. Phân bố điểm")
    assert table == [
        ["Kết quả", "Số lượt thi", "Tỷ lệ"],
        ["Trả lời đúng tất cả các câu", "47", "23,5%"],
        ["Từ 75% trở lên", "53", "26,5%"],
        ["Từ 25% đến dưới 75%", "80", "40,0%"],
        ["Dưới 25%", "20", "10,0%"],
    ]


def test_score_distribution_without_attempts_shows_dashes():
    report = make_report(bands=ScoreBands(attempts=0, full=0, high=0, mid=0, low=0))
    table = table_after(read_blocks(report), "2. Phân bố điểm")
    assert [row[1:] for row in table[1:]] == [["0", "—"]] * 4


def test_unit_tables():
    blocks = read_blocks(make_report())
    header = ["STT", "Đơn vị", "Khối", "Biên chế", "Người dự thi", "Tỷ lệ"]
    assert table_after(blocks, "3. Đơn vị có tỷ lệ tham gia 100%") == [
        header, ["1", "Sở Tư pháp", "Sở, ban, ngành", "40", "40", "100,0%"]]
    assert table_after(blocks, "4. Đơn vị có tỷ lệ tham gia thấp nhất") == [
        header,
        ["1", "UBND xã Hải An", "Cấp xã", "1.250", "3", "0,2%"],
        ["2", "Trường THPT Lê Lợi", "Trường học", "—", "7", "—"],
    ]


def test_winners_tables_by_group_in_first_appearance_order():
    blocks = read_blocks(make_report())
    texts = paragraphs(blocks)
    assert texts.index(GROUP_A) < texts.index(GROUP_B)
    group_a = table_after(blocks, GROUP_A)
    assert group_a[0] == ["STT", "Giải", "Họ và tên", "Đơn vị", "Số câu đúng",
                          "Thời gian", "Dự đoán", "Chênh lệch"]
    assert group_a[1:] == [
        ["1", "Giải Nhất", "Nguyễn Văn An", "Sở Tư pháp", "20/20", "1 phút 35 giây", "2.480", "20"],
        ["2", "Giải Nhì", "Trần Thị Bình", "UBND xã Hải An", "19/20", "45,6 giây", "—", "—"],
    ]
    assert table_after(blocks, GROUP_B)[1:] == [
        ["1", "Giải Nhất", "Lê Hoàng Cường", "Trường THPT Lê Lợi", "18/20", "2 phút 0 giây", "2.600", "100"],
    ]


def test_prediction_answer_sentence():
    texts = paragraphs(read_blocks(make_report()))
    assert "Câu hỏi dự đoán: Có bao nhiêu lượt thi trong Tuần 1?" in texts
    assert "Đáp án câu hỏi dự đoán: 2.500." in texts
    without = all_text(read_blocks(make_report(prediction_actual=None)))
    assert "Đáp án câu hỏi dự đoán" not in without


def test_draft_line_only_while_unpublished():
    draft = paragraphs(read_blocks(make_report(published=False)))
    assert draft.index(DRAFT) > draft.index("5. Danh sách đạt giải")
    assert DRAFT not in all_text(read_blocks(make_report(published=True)))


def test_empty_lists_are_said_in_words():
    blocks = read_blocks(make_report(full_units=[], lowest_units=[], winners=[], published=True))
    texts = paragraphs(blocks)
    after = {heading: texts[texts.index(heading) + 1] for heading in (
        "3. Đơn vị có tỷ lệ tham gia 100%",
        "4. Đơn vị có tỷ lệ tham gia thấp nhất",
    )}
    assert after == {
        "3. Đơn vị có tỷ lệ tham gia 100%": "Chưa có đơn vị nào đạt tỷ lệ tham gia 100%.",
        "4. Đơn vị có tỷ lệ tham gia thấp nhất": "Chưa có số liệu về tỷ lệ tham gia của các đơn vị.",
    }
    assert "Chưa có người dự thi đạt giải." in texts
    # Only the header, the score distribution and the closing remain as tables.
    assert sum(isinstance(block, list) for block in blocks) == 3


def test_closing_has_recipients_and_signature():
    closing = read_blocks(make_report())[-1]
    left, right = closing[0]
    assert left.splitlines()[0] == "Nơi nhận:"
    assert right.splitlines()[:2] == ["TM. BAN TỔ CHỨC", "TRƯỞNG BAN"]
