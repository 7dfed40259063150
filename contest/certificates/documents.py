"""The certificate drawn as a PDF (one A4 landscape page) with fpdf2.

Text is set in Noto Serif (shipped in ``fonts/``, SIL Open Font License), which
covers every Vietnamese letter precomposed, and embedded as a subset with its
Unicode map, so the PDF prints the same everywhere and its text can be read
back and searched. The QR code (segno) holds the public verification URL and
is also a link; the URL and the code are printed beside it for whoever types
them in.
"""
import logging
from io import BytesIO
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from contest.certificates.models import PARTICIPATION, PRIZE
from contest.certificates.services import CertificateContent
from contest.contests.rules.logo_pixels import drawable

log = logging.getLogger(__name__)

FONT = "NotoSerif"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {"": FONT_DIR / "NotoSerif-Regular.ttf", "B": FONT_DIR / "NotoSerif-Bold.ttf"}

PAGE_WIDTH, PAGE_HEIGHT = 297, 210  # mm, A4 landscape
TEXT_WIDTH = 240                    # the centred text block
TEXT_LEFT = (PAGE_WIDTH - TEXT_WIDTH) / 2
QR_SIZE, QR_LEFT, QR_TOP = 34, 22, 154
LOWEST_QR_TOP = PAGE_HEIGHT - 13 - QR_SIZE  # inside the frame, however long the text above
LINE_HEIGHT = 1.45  # times the font size
LOGO_HEIGHT = 20

RED = (165, 28, 36)
NAVY = (22, 52, 110)
GREY = (90, 90, 90)
BLACK = (0, 0, 0)

SUBTITLES = {PRIZE: "ĐẠT GIẢI", PARTICIPATION: "THAM GIA CUỘC THI"}


def render(content: CertificateContent, verify_url: str, logo: bytes | None) -> bytes:
    """The certificate as PDF bytes."""
    pdf = _new_document(content)
    _draw_frame(pdf)
    _draw_header(pdf, content, logo)
    _draw_title(pdf, content)
    _draw_recipient(pdf, content)
    bottom = min(max(QR_TOP, pdf.get_y() + 3), LOWEST_QR_TOP)  # long names push it down
    _draw_verification(pdf, content, verify_url, bottom)
    _draw_issuer(pdf, content, bottom)
    return bytes(pdf.output())


def _new_document(content: CertificateContent) -> FPDF:
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    for style, path in FONT_FILES.items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_auto_page_break(False)
    pdf.set_margins(TEXT_LEFT, 15, TEXT_LEFT)
    pdf.set_lang("vi")
    pdf.set_title(f"{content.kind_label} — {content.full_name}")
    pdf.set_author(content.organizer_name)
    pdf.set_subject(f"{content.round_name} — {content.contest_name}")
    pdf.set_creator("Hệ thống thi trực tuyến tìm hiểu về cải cách hành chính")
    pdf.add_page()
    return pdf


def _draw_frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*RED)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, PAGE_WIDTH - 16, PAGE_HEIGHT - 16)
    pdf.set_line_width(0.4)
    pdf.rect(11, 11, PAGE_WIDTH - 22, PAGE_HEIGHT - 22)


def _draw_header(pdf: FPDF, content: CertificateContent, logo: bytes | None) -> None:
    """The logo (when the contest has one), the issuing body and the contest."""
    pdf.set_y(20)
    if logo and _draw_logo(pdf, logo):
        pdf.set_y(18 + LOGO_HEIGHT + 3)
    _centred(pdf, content.organizer_name.upper(), "B", 13, BLACK, smallest=10)
    _centred(pdf, content.contest_name, "", 12, BLACK, smallest=9)


def _draw_logo(pdf: FPDF, logo: bytes) -> bool:
    """The logo when its header is small enough to decode (``drawable``): a
    download never decodes a large image."""
    image = drawable(logo)
    if image is None:
        log.warning("certificate: the contest's logo is unreadable or too large, left out")
        return False
    try:
        pdf.image(image, x=Align.C, y=18, h=LOGO_HEIGHT)
    except Exception:  # a stored logo the image library cannot read: print without it
        log.warning("certificate: the contest's logo could not be drawn", exc_info=True)
        return False
    return True


def _draw_title(pdf: FPDF, content: CertificateContent) -> None:
    pdf.ln(6)
    _centred(pdf, "GIẤY CHỨNG NHẬN", "B", 34, RED)
    _centred(pdf, SUBTITLES[content.kind], "B", 15, RED)
    pdf.ln(5)


def _draw_recipient(pdf: FPDF, content: CertificateContent) -> None:
    _centred(pdf, "Ban Tổ chức cuộc thi chứng nhận", "", 13, BLACK)
    _centred(pdf, content.full_name, "B", 28, NAVY, smallest=14)
    _centred(pdf, f"Đơn vị: {content.unit_name}", "", 14, BLACK, smallest=10)
    pdf.ln(2)
    if content.prize:
        _centred(pdf, f"Đã đạt {content.prize}", "B", 17, RED, smallest=12)
        _centred(pdf, f"tại {content.round_name} của cuộc thi", "", 14, BLACK, smallest=10)
    else:
        _centred(pdf, f"Đã tham gia {content.round_name} của cuộc thi", "", 14, BLACK,
                 smallest=10)
    _centred(pdf, f"Kết quả: {content.result}", "", 13, BLACK, smallest=10)


def _draw_verification(pdf: FPDF, content: CertificateContent, verify_url: str,
                       top: float) -> None:
    pdf.image(BytesIO(qr_png(verify_url)), x=QR_LEFT, y=top, w=QR_SIZE, h=QR_SIZE,
              link=verify_url, alt_text="Mã QR xác minh giấy chứng nhận")
    left, width = QR_LEFT + QR_SIZE + 4, 112
    pdf.set_xy(left, top + 6)
    pdf.set_text_color(*BLACK)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(width, 6, f"Mã chứng nhận: {content.code}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    pdf.cell(width, 5, "Quét mã QR hoặc truy cập địa chỉ sau để xác minh:",
             new_x=XPos.LEFT, new_y=YPos.NEXT)
    _fit_font(pdf, verify_url, "", 9, width, smallest=5)
    pdf.set_text_color(*GREY)
    pdf.cell(width, 5, verify_url, link=verify_url, new_x=XPos.LEFT, new_y=YPos.NEXT)


def _draw_issuer(pdf: FPDF, content: CertificateContent, top: float) -> None:
    left, width = 175, 100
    pdf.set_xy(left, top + 6)
    pdf.set_text_color(*BLACK)
    pdf.set_font(FONT, "", 12)
    pdf.cell(width, 7, f"Ngày cấp: {content.issued_on}", align="C",
             new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(width, 7, "BAN TỔ CHỨC CUỘC THI", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    _fit_font(pdf, content.organizer_name, "", 11, width, smallest=8)
    pdf.multi_cell(width, pdf.font_size * LINE_HEIGHT, content.organizer_name, align="C",
                   new_x=XPos.LEFT, new_y=YPos.NEXT)


def _centred(pdf: FPDF, text: str, style: str, size: int, color: tuple,
             smallest: int | None = None) -> None:
    """A centred paragraph across the text block: set smaller (down to
    ``smallest``) to keep it on one line, wrapped if it still does not fit."""
    _fit_font(pdf, text, style, size, TEXT_WIDTH, smallest or size)
    pdf.set_text_color(*color)
    pdf.set_x(TEXT_LEFT)
    pdf.multi_cell(TEXT_WIDTH, pdf.font_size * LINE_HEIGHT, text, align="C",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _fit_font(pdf: FPDF, text: str, style: str, size: int, width: float,
              smallest: int = 12) -> None:
    """The largest size up to ``size`` at which ``text`` fits on one line."""
    pdf.set_font(FONT, style, size)
    while size > smallest and pdf.get_string_width(text) > width:
        size -= 1
        pdf.set_font(FONT, style, size)


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as a black-and-white PNG with its quiet zone."""
    out = BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=8, border=4)
    return out.getvalue()
