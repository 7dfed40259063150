"""How every sheet we write prints: on A4, one page wide (as many pages down as
it takes), landscape when its columns are wider than a portrait page, the
header row repeated on every page, the gridlines printed, a page header with
the export's title and the sheet's name, and "Trang 1/4" at the foot.

Applied by the writer to every sheet (``writing``), so an export only says
what differs: its title (the contest and round) or a forced orientation.
"""
from dataclasses import dataclass
from typing import Sequence

A4 = 9  # Excel's paper code
PORTRAIT_WIDTH = 90  # column-width units that fit across a portrait A4 page within the margins
MARGINS = {"left": 0.5, "right": 0.5, "top": 0.75, "bottom": 0.75}  # inches
HEADER_MARGIN = 0.3
FOOTER = "&CTrang &P/&N"
MAX_HEADER = 255  # Excel's limit for a page header, control codes included
HEADER_FONT = '&"-,Bold"'


@dataclass(frozen=True)
class PrintSetup:
    """An export's print options: ``title`` printed at the top left of every
    page (e.g. "Cuộc thi … — Đợt 1"); ``landscape`` forced on or off, or
    ``None`` to turn a sheet whose columns do not fit a portrait page."""
    title: str = ""
    landscape: bool | None = None

    def is_landscape(self, widths: Sequence[float]) -> bool:
        if self.landscape is not None:
            return self.landscape
        return sum(widths) > PORTRAIT_WIDTH


DEFAULT = PrintSetup()


def apply_print_setup(sheet, setup: PrintSetup, sheet_name: str, widths: Sequence[float],
                      header_row: int = 0) -> None:
    """Page setup of an XlsxWriter worksheet whose header is the row
    ``header_row`` (counted from 0: 1 under a title row)."""
    sheet.set_paper(A4)
    if setup.is_landscape(widths):
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.hide_gridlines(0)  # shown on screen and printed
    sheet.set_margins(**MARGINS)
    sheet.center_horizontally()
    sheet.set_header(page_header(setup.title, sheet_name), {"margin": HEADER_MARGIN})
    sheet.set_footer(FOOTER, {"margin": HEADER_MARGIN})


def page_header(title: str, sheet_name: str) -> str:
    """The title on the left (bold), the sheet's name on the right; a "&" of
    either doubled, since Excel reads "&" as a control code."""
    right = "&R" + _escaped(sheet_name)
    if not title.strip():
        return right
    room = MAX_HEADER - len(right) - len("&L") - len(HEADER_FONT)
    return "&L" + HEADER_FONT + _escaped(title, room) + right


def _escaped(text: str, room: int = MAX_HEADER) -> str:
    escaped = text.replace("&", "&&")
    if len(escaped) <= room:
        return escaped
    cut = escaped[:room - 1]
    if (len(cut) - len(cut.rstrip("&"))) % 2:  # never split a doubled "&"
        cut = cut[:-1]
    return cut + "…"
