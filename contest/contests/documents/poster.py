"""The QR poster of a contest, for banners and notice boards: A4 portrait, as a
PDF (fpdf2, for printing) and a PNG (Pillow, for posting as a picture).

The issuing body, the contest's name, its dates, a large QR code (segno) of the
contest's public address and that address written out. The layout is written once
(``draw``) in millimetres, against a small canvas each format implements. Text is
set in Noto Serif (full Vietnamese coverage), the font the certificates ship in
``contest/certificates/fonts`` (one copy for both).
"""
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import segno
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from contest.contests.models import Contest
from contest.contests.queries.overview import contest_period, round_dates
from contest.contests.rules.logo_pixels import drawable

FONTS = Path(__file__).resolve().parents[2] / "certificates" / "fonts"
REGULAR, BOLD = FONTS / "NotoSerif-Regular.ttf", FONTS / "NotoSerif-Bold.ttf"
PAGE_W, PAGE_H, MARGIN = 210, 297, 18  # A4 portrait, millimetres
TEXT_W = PAGE_W - 2 * MARGIN
QR_SIZE = 120  # millimetres at most: readable from a few metres away
QR_BOTTOM = 250  # the caption, the address and the contact line go below
PNG_DPI = 150  # 1240 × 1754 px
MM_PER_PT = 25.4 / 72
LINE_SPACING = 1.3
MAX_ROUND_LINES = 6
RED, GOLD, INK, GREY = (164, 22, 26), (242, 193, 78), (31, 35, 40), (85, 85, 85)
FORMATS = {"pdf": "application/pdf", "png": "image/png"}


@dataclass(frozen=True)
class PosterContent:
    organizer: str
    title: str
    dates: tuple[str, ...]  # lines: the whole period, then each round
    url: str
    contact: str
    logo: Image.Image | None


def poster_content(contest: Contest, url: str) -> PosterContent:
    rounds = contest.public_rounds
    period = contest_period(contest, rounds)
    dates = [f"Thời gian: {period.text}"] if period else []
    if 1 < len(rounds) <= MAX_ROUND_LINES:
        dates += [f"{name}: {dates_.text}" for name, dates_ in round_dates(rounds)]
    return PosterContent(_nfc(contest.organizer_name.upper()), _nfc(contest.name),
                         tuple(_nfc(line) for line in dates), url, _nfc(contest.contact_line),
                         drawable(contest.logo))


def _nfc(text: str) -> str:
    """Composed Vietnamese letters: one glyph each in the font."""
    return unicodedata.normalize("NFC", text or "")


def render(contest: Contest, url: str, kind: str) -> bytes:
    """The poster as ``kind`` ('pdf' or 'png')."""
    canvas = PdfCanvas() if kind == "pdf" else PngCanvas()
    content = poster_content(contest, url)
    canvas.set_title(content.title)
    draw(canvas, content)
    return canvas.output()


def draw(canvas, content: PosterContent) -> None:
    """The layout, top to bottom, in millimetres."""
    canvas.rect(0, 0, PAGE_W, 8, RED)
    canvas.rect(0, 8, PAGE_W, 2, GOLD)
    y = 18
    if content.logo is not None:
        canvas.image(content.logo, y, 24)
        y += 28
    y = canvas.text(y, content.organizer, 13, RED, bold=True) + 4
    y = canvas.text(y, "CUỘC THI TRỰC TUYẾN", 12, GREY) + 1
    y = canvas.text(y, content.title, 22, INK, bold=True) + 4
    for line in content.dates:
        y = canvas.text(y, line, 12, INK)
    size = min(QR_SIZE, QR_BOTTOM - y - 6)  # a long name leaves a smaller code
    y += 6 + (QR_BOTTOM - y - 6 - size) / 2
    canvas.qr(qr_matrix(content.url), (PAGE_W - size) / 2, y, size)
    y = canvas.text(y + size + 4, "Quét mã QR để xem thể lệ, đăng ký và dự thi", 13, INK)
    canvas.text(y + 1, content.url, 15, RED, bold=True)
    if content.contact:
        canvas.text(PAGE_H - 22, content.contact, 10, GREY)
    canvas.rect(0, PAGE_H - 8, PAGE_W, 8, RED)


def qr_matrix(url: str) -> list[list[bool]]:
    """Dark modules of the QR code, row by row (quiet zone left to the layout)."""
    code = segno.make(url, error="q", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=0)]


def dark_runs(row: list[bool]):
    """(start, length) of each run of dark modules in a row: fewer shapes to draw."""
    start = None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            yield start, index - start
            start = None


def line_height(size_pt: float) -> float:
    return size_pt * MM_PER_PT * LINE_SPACING


class PdfCanvas:
    def __init__(self):
        self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_lang("vi")
        self.pdf.add_font("NotoSerif", "", str(REGULAR))
        self.pdf.add_font("NotoSerif", "B", str(BOLD))
        self.pdf.add_page()

    def set_title(self, title: str) -> None:
        self.pdf.set_title(title)

    def rect(self, x, y, w, h, color) -> None:
        self.pdf.set_fill_color(*color)
        self.pdf.rect(x, y, w, h, style="F")

    def image(self, image: Image.Image, y, height) -> None:
        width = height * image.width / image.height
        self.pdf.image(image, x=(PAGE_W - width) / 2, y=y, h=height)

    def text(self, y, text: str, size_pt, color, bold=False) -> float:
        """Centred, wrapped to the text width; the y below it."""
        self.pdf.set_font("NotoSerif", "B" if bold else "", size_pt)
        self.pdf.set_text_color(*color)
        self.pdf.set_xy(MARGIN, y)
        self.pdf.multi_cell(TEXT_W, line_height(size_pt), text, align="C")
        return self.pdf.get_y()

    def qr(self, matrix, x, y, size) -> None:
        module = size / len(matrix)
        self.pdf.set_fill_color(0, 0, 0)
        for row_index, row in enumerate(matrix):
            for start, length in dark_runs(row):
                # A hair taller than a module: no light seam between rows in a viewer.
                self.pdf.rect(x + start * module, y + row_index * module, length * module,
                              module + 0.02, style="F")

    def output(self) -> bytes:
        return bytes(self.pdf.output())


class PngCanvas:
    def __init__(self):
        self.page = Image.new("RGB", (self.px(PAGE_W), self.px(PAGE_H)), "white")
        self.draw = ImageDraw.Draw(self.page)
        self.title = ""

    @staticmethod
    def px(mm: float) -> int:
        return round(mm * PNG_DPI / 25.4)

    def set_title(self, title: str) -> None:
        self.title = title

    def rect(self, x, y, w, h, color) -> None:
        self.draw.rectangle((self.px(x), self.px(y), self.px(x + w) - 1, self.px(y + h) - 1),
                            fill=color)

    def image(self, image: Image.Image, y, height) -> None:
        size = (round(self.px(height) * image.width / image.height), self.px(height))
        logo = image.resize(size, Image.LANCZOS)
        self.page.paste(logo, ((self.page.width - size[0]) // 2, self.px(y)), logo)

    def text(self, y, text: str, size_pt, color, bold=False) -> float:
        font = ImageFont.truetype(str(BOLD if bold else REGULAR), round(size_pt * PNG_DPI / 72))
        for line in wrap(text, lambda part: self.draw.textlength(part, font=font),
                         self.px(TEXT_W)):
            width = self.draw.textlength(line, font=font)
            self.draw.text(((self.page.width - width) / 2, self.px(y)), line, font=font,
                           fill=color)
            y += line_height(size_pt)
        return y

    def qr(self, matrix, x, y, size) -> None:
        def edge(origin: float, modules: int) -> int:  # shared by neighbours: no seam
            return round((origin + modules * size / len(matrix)) * PNG_DPI / 25.4)
        for row_index, row in enumerate(matrix):
            top, bottom = edge(y, row_index), edge(y, row_index + 1) - 1
            for start, length in dark_runs(row):
                self.draw.rectangle((edge(x, start), top, edge(x, start + length) - 1, bottom),
                                    fill=(0, 0, 0))

    def output(self) -> bytes:
        buffer = io.BytesIO()
        info = PngInfo()
        info.add_itxt("Title", self.title)
        self.page.save(buffer, "PNG", optimize=True, dpi=(PNG_DPI, PNG_DPI), pnginfo=info)
        return buffer.getvalue()


def wrap(text: str, width_of, max_width: float) -> list[str]:
    """Words to lines no wider than ``max_width``; a word too long alone (an
    address) is cut where it must be."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if width_of(candidate) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while width_of(line) > max_width:
            cut = next((i for i in range(len(line) - 1, 0, -1)
                        if width_of(line[:i]) <= max_width), 1)
            lines.append(line[:cut])
            line = line[cut:]
    return [*lines, line] if line else lines
