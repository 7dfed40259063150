"""The weekly "thông báo kết quả" of a round as a Word document (.docx),
ready for the organizer to edit and sign."""
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from contest.clock import local_day
from contest.formatting import DASH, duration, format_local, number, percent, share
from contest.reports.queries.report_data import RoundReport, UnitLine, WinnerLine

FONT = "Times New Roman"
LEFT, CENTER, RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
ALIGNS = {"l": LEFT, "c": CENTER, "r": RIGHT}
UNIT_HEADERS = ("STT", "Đơn vị", "Khối", "Biên chế", "Người dự thi", "Tỷ lệ")
UNIT_WIDTHS = (1.2, 6.1, 2.6, 2.0, 2.2, 1.9)
WINNER_HEADERS = ("STT", "Giải", "Họ và tên", "Đơn vị", "Số câu đúng",
                  "Thời gian", "Dự đoán", "Chênh lệch")
WINNER_WIDTHS = (1.2, 2.0, 3.2, 3.1, 1.6, 2.0, 1.4, 1.5)


# --- Vietnamese formatting (contest.formatting: the web pages' rule) --------

def optional_number(value: int | None) -> str:
    return DASH if value is None else number(value)


def date_line(report: RoundReport) -> str:
    """'……, ngày 05 tháng 9 năm 2025': a zero before days under 10 and
    months 1 and 2, as Nghị định 30/2020/NĐ-CP asks."""
    local = local_day(report.generated_at)
    month = f"{local.month:02d}" if local.month <= 2 else str(local.month)
    return f"……, ngày {local.day:02d} tháng {month} năm {local.year}"


# --- Low-level writing ------------------------------------------------------

def write(paragraph, text: str, bold=False, italic=False, size=None, align=None):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def add_line(container, text: str, **style):
    return write(container.add_paragraph(), text, **style)


def cell_lines(cell, lines, align=CENTER, size=12):
    """Write (text, style) lines into an empty cell, one paragraph each."""
    for index, (text, style) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        write(paragraph, text, **{"size": size, "align": align, **style})


def set_widths(table, widths_cm):
    """Column widths, in the grid (LibreOffice) and in every cell (Word)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def add_table(doc, headers, rows, widths, aligns, size=12):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers):
        write(cell.paragraphs[0], text, bold=True, size=size, align=CENTER)
    repeat_on_each_page(table.rows[0])
    for values in rows:
        for cell, text, align in zip(table.add_row().cells, values, aligns):
            write(cell.paragraphs[0], text, size=size, align=ALIGNS[align])
    set_widths(table, widths)
    return table


def repeat_on_each_page(row):
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def two_columns(doc, widths):
    """A borderless 1×2 table (the default template's table has no borders)."""
    table = doc.add_table(rows=1, cols=2)
    set_widths(table, widths)
    return table.rows[0].cells


# --- Document parts ---------------------------------------------------------

def new_document():
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(3)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    return doc


def add_header(doc, report: RoundReport):
    left, right = two_columns(doc, (6.5, 9.5))
    cell_lines(left, [(report.organizer_name.upper(), {}),
                      ("BAN TỔ CHỨC CUỘC THI", {"bold": True}),
                      ("Số:      /TB-BTC", {})])
    cell_lines(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True}),
                       ("Độc lập - Tự do - Hạnh phúc", {"bold": True}),
                       (date_line(report), {"italic": True})])


def add_title(doc, report: RoundReport):
    add_line(doc, "THÔNG BÁO", bold=True, size=14, align=CENTER).paragraph_format.space_before = Pt(18)
    add_line(doc, f"Kết quả {report.round_name} {report.contest_name}", bold=True, align=CENTER)


def add_heading(doc, text: str):
    heading = add_line(doc, text, bold=True).paragraph_format
    heading.space_before, heading.keep_with_next = Pt(9), True


def add_participation(doc, report: RoundReport):
    add_heading(doc, "1. Tình hình tham gia")
    for text in (
        f"- Thời gian thi: từ {format_local(report.opens_at)} "
        f"đến {format_local(report.closes_at)}.",
        f"- Số người đăng ký: {number(report.registered)} người.",
        f"- Số người dự thi: {number(report.participants)} người "
        f"với {number(report.attempts)} lượt thi.",
        f"- Số đơn vị tham gia: {number(report.units_taking_part)}"
        f"/{number(report.units_total)} đơn vị.",
    ):
        add_line(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def add_score_bands(doc, report: RoundReport):
    add_heading(doc, "2. Phân bố điểm")
    bands = report.bands
    rows = [(label, number(count), share(count, bands.attempts)) for label, count in (
        ("Trả lời đúng tất cả các câu", bands.full),
        ("Từ 75% trở lên", bands.high),
        ("Từ 25% đến dưới 75%", bands.mid),
        ("Dưới 25%", bands.low),
    )]
    add_table(doc, ("Kết quả", "Số lượt thi", "Tỷ lệ"), rows, (8.0, 3.5, 3.5), "lrr")


def unit_row(position: int, unit: UnitLine):
    return (str(position), unit.name, unit.kind_label, optional_number(unit.headcount),
            number(unit.participants), percent(unit.rate))


def add_units(doc, heading: str, units: list[UnitLine], none_text: str):
    add_heading(doc, heading)
    if not units:
        add_line(doc, none_text)
        return
    rows = [unit_row(position, unit) for position, unit in enumerate(units, 1)]
    add_table(doc, UNIT_HEADERS, rows, UNIT_WIDTHS, "cllrrr")


def winner_row(position: int, winner: WinnerLine):
    return (str(position), winner.prize_label, winner.full_name, winner.unit_name,
            f"{winner.score}/{winner.total}", duration(winner.duration_ms),
            optional_number(winner.prediction), optional_number(winner.error))


def winners_by_group(winners: list[WinnerLine]) -> dict[str, list[WinnerLine]]:
    groups: dict[str, list[WinnerLine]] = {}
    for winner in winners:
        groups.setdefault(winner.group_name, []).append(winner)
    return groups


def add_winners(doc, report: RoundReport):
    add_heading(doc, "5. Danh sách đạt giải")
    if not report.published:
        add_line(doc, "DỰ THẢO – danh sách chưa được Ban Tổ chức công bố", bold=True)
    if report.prediction_actual is not None:
        add_line(doc, f"Câu hỏi dự đoán: {report.prediction_question}")
        add_line(doc, f"Đáp án câu hỏi dự đoán: {number(report.prediction_actual)}.")
    if not report.winners:
        add_line(doc, "Chưa có người dự thi đạt giải.")
        return
    for group_name, winners in winners_by_group(report.winners).items():
        group = add_line(doc, group_name, bold=True, italic=True).paragraph_format
        group.space_before, group.keep_with_next = Pt(6), True
        rows = [winner_row(position, winner) for position, winner in enumerate(winners, 1)]
        add_table(doc, WINNER_HEADERS, rows, WINNER_WIDTHS, "clllcccc", size=11)


def add_closing(doc):
    doc.add_paragraph()
    left, right = two_columns(doc, (7.0, 9.0))
    cell_lines(left, [("Nơi nhận:", {"bold": True, "italic": True, "size": 12})] + [
        (text, {}) for text in
        ("- Các thành viên Ban Tổ chức;", "- Các đơn vị tham gia;", "- Lưu: VT, BTC.")
    ], align=LEFT, size=11)
    cell_lines(right, [("TM. BAN TỔ CHỨC", {"bold": True}), ("TRƯỞNG BAN", {"bold": True})]
               + [("", {})] * 5, size=13)


def report_docx(report: RoundReport) -> bytes:
    """The round's "thông báo kết quả" as .docx bytes."""
    doc = new_document()
    add_header(doc, report)
    add_title(doc, report)
    add_participation(doc, report)
    add_score_bands(doc, report)
    add_units(doc, "3. Đơn vị có tỷ lệ tham gia 100%", report.full_units,
              "Chưa có đơn vị nào đạt tỷ lệ tham gia 100%.")
    add_units(doc, "4. Đơn vị có tỷ lệ tham gia thấp nhất", report.lowest_units,
              "Chưa có số liệu về tỷ lệ tham gia của các đơn vị.")
    add_winners(doc, report)
    add_closing(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
