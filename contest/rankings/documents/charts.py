"""Server-side SVG charts for the results pages (pygal, no JavaScript).

Self-contained output: no <script>, no external CSS/fonts, no comments with
pygal's URLs; only a viewBox, so the page scales it (designed for 360 px phones).
"""
import datetime
import math
import re

import pygal
from pygal.style import Style

from contest import formatting

# A chart is served as its own SVG document: nothing in it may load or run.
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'"
PRIMARY = "#a4161a"
SECONDARY = "#f2c14e"
NO_DATA = "Chưa có dữ liệu"
SEALED = "Công bố khi đợt thi kết thúc"
BY_DAY_TITLE = "Tham gia theo ngày"
MAX_UNITS = 10
LABEL_CHARS = 22

_STYLE = Style(
    background="#ffffff", plot_background="#ffffff", colors=(PRIMARY, SECONDARY),
    foreground="#1f2328", foreground_strong="#1f2328", foreground_subtle="#6b7280",
    font_family='system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    label_font_size=11, major_label_font_size=11, value_font_size=11,
    title_font_size=15, legend_font_size=12, no_data_font_size=20,
    guide_stroke_color="#d9d9d9", major_guide_stroke_color="#d9d9d9",
    guide_stroke_dasharray="3,3", major_guide_stroke_dasharray="3,3",
    opacity="1", opacity_hover="1", transition="0s",
)
_COMMON = dict(
    style=_STYLE, width=360, margin=8, spacing=8,
    explicit_size=False,  # only a viewBox: the SVG scales to its container
    js=[],  # no CDN tooltip script (pygal still inlines a config <script>: filtered out)
    no_data_text=NO_DATA, legend_at_bottom=True, legend_box_size=10,
)
_LONG_DECIMAL = re.compile(r"-?\d+\.\d{3,}")
_TOOLTIP_DESCS = {"x", "y", "x_label"}


def _number(value: float) -> str:
    """1234567 -> "1.234.567", 1234.56 -> "1.234,6": the pages' rounding."""
    return formatting.decimal(value, 0 if float(value).is_integer() else 1)


def _int_ticks(top: int) -> list[int]:
    """At most 6 whole-number ticks from 0 covering ``top`` (no "0, 0, 1, 1")."""
    step = next(m * 10**k for k in range(15) for m in (1, 2, 5) if top <= 5 * m * 10**k)
    return list(range(0, top + step, step)) if top > 0 else [0, 1]


def _short(name: str, limit: int = LABEL_CHARS) -> str:
    """Cut a long unit name at a word boundary when possible, ending with "…"."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def _is_dropped(node) -> bool:
    """Comments (pygal credits with URLs), <script> and the JS tooltips' <desc>s."""
    if not isinstance(node.tag, str):
        return True
    tag = node.tag.rsplit("}", 1)[-1]
    kind = (node.get("class") or "-").split()[0]
    return tag == "script" or (tag == "desc" and kind in _TOOLTIP_DESCS)


def _clean(root, values_after_bar: bool = False):
    """XML filter: strip interactivity, round coordinates, place printed values."""
    for parent in list(root.iter()):
        for child in [c for c in parent if _is_dropped(c)]:
            parent.remove(child)
        for key, value in parent.attrib.items():
            if key not in ("id", "class"):
                parent.set(key, _LONG_DECIMAL.sub(lambda m: f"{float(m[0]):.1f}", value))
        if values_after_bar and parent.get("class") == "value":
            parent.set("text-anchor", "start")  # just right of the bar's end
    return root


def _render(chart, values_after_bar: bool = False) -> bytes:
    chart.add_xml_filter(lambda root: _clean(root, values_after_bar))
    return chart.render()


def participation_by_day_svg(days: list[tuple[datetime.date, int, int]]) -> bytes:
    """Bars of attempts ("Lượt thi") and new participants per day, "dd/mm" labels."""
    chart = pygal.Bar(
        **_COMMON,
        height=280,
        title=BY_DAY_TITLE,
        value_formatter=_number,
        x_label_rotation=-45 if len(days) > 7 else 0,
        x_labels_major_every=math.ceil(len(days) / 14) or None,
        show_minor_x_labels=len(days) <= 14,
        truncate_label=-1,
        show_y_labels=bool(days),
        show_y_guides=bool(days),
    )
    if days:
        chart.y_labels = _int_ticks(max(max(a, n) for _, a, n in days))
        chart.x_labels = [day.strftime("%d/%m") for day, _, _ in days]
        chart.add("Lượt thi", [attempts for _, attempts, _ in days])
        chart.add("Người dự thi mới", [new for _, _, new in days])
    return _render(chart)


def top_units_svg(units: list[tuple[str, float]], title: str, value_label: str,
                  percent: bool) -> bytes:
    """Horizontal bars of at most 10 units, in the order given (largest on top)."""
    units = list(reversed(units[:MAX_UNITS]))  # pygal puts the first label at the bottom
    top = max([1.0 if percent else 0.0] + [value for _, value in units]) or 1.0
    chart = pygal.HorizontalBar(
        **_COMMON,
        height=64 + 26 * max(len(units), 3),
        title=title,
        value_formatter=formatting.percent if percent else _number,
        range=(0, top * 1.3),  # room for the value printed after the longest bar
        show_legend=False,
        show_x_labels=False,  # the value axis: values are printed on the bars
        show_x_guides=False,
        show_y_guides=False,
        print_values=True,
        print_values_position="top",
        truncate_label=-1,
    )
    if units:
        chart.x_labels = [_short(name) for name, _ in units]
        chart.add(value_label, [value for _, value in units])
    return _render(chart, values_after_bar=True)


def sealed_svg(title: str) -> bytes:
    """A chart whose figures are not shown yet (``rankings.rules.disclosure``): its
    title and when they will be, no value at all."""
    chart = pygal.Bar(**{**_COMMON, "no_data_text": SEALED}, height=160, title=title,
                      show_legend=False, show_y_labels=False, show_y_guides=False)
    return _render(chart)


def submissions_by_hour_svg(hours: list[tuple[str, int]]) -> bytes:
    """Bars of attempts submitted in each hour ("HH:00" labels, oldest first):
    the organizer's live dashboard."""
    chart = pygal.Bar(
        **_COMMON,
        height=260,
        title="Lượt thi nộp theo giờ (24 giờ qua)",
        value_formatter=_number,
        show_legend=False,
        x_label_rotation=-45,
        show_minor_x_labels=False,
        truncate_label=-1,
    )
    chart.y_labels = _int_ticks(max([count for _, count in hours] + [0]))
    chart.x_labels = [label for label, _ in hours]
    chart.x_labels_major = [label for label, _ in hours if int(label[:2]) % 3 == 0]
    chart.add("Lượt thi", [count for _, count in hours])
    return _render(chart)
