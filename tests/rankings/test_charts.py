"""The results charts: self-contained, Vietnamese, small SVG."""
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from contest.rankings.documents.charts import participation_by_day_svg, sealed_svg, top_units_svg

# The only URIs pygal writes once its credit comments are stripped: the XML
# namespaces of the root element (xmlns and xmlns:xlink). Nothing is fetched.
NAMESPACE_URIS = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
SVG = "{http://www.w3.org/2000/svg}"

DAYS = [(date(2025, 3, 1) + timedelta(i), 100 + 40 * i, 20 + 3 * i) for i in range(14)]
UNITS = [
    ("Sở Giáo dục và Đào tạo tỉnh Quảng Nam", 0.874),
    ("Ủy ban nhân dân huyện Điện Bàn", 0.87),
    ("Sở Y tế", 0.66),
    ("Công an tỉnh", 0.61),
    ("Bệnh viện Đa khoa Trung ương Quảng Nam", 0.6),
    ("Huyện Đại Lộc", 0.51),
    ("Thành phố Hội An", 0.45),
    ("Sở Tư pháp", 0.31),
    ("Hội Liên hiệp Phụ nữ tỉnh", 0.2),
    ("Đoàn Thanh niên", 0.125),
    ("Đơn vị thứ mười một", 0.1),
    ("Đơn vị thứ mười hai", 0.05),
]


def _parse(svg: bytes) -> ET.Element:
    assert isinstance(svg, bytes)
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    return root


def _assert_self_contained(svg: bytes) -> None:
    text = svg.decode("utf-8")
    assert "<script" not in text.lower()
    assert "xml-stylesheet" not in text and "href" not in text
    assert set(re.findall(r"https?://[^\s\"'<>]*", text)) <= NAMESPACE_URIS
    assert "kozea" not in text.lower() and "pygal.org" not in text


def _texts(root: ET.Element) -> list[ET.Element]:
    return [node for node in root.iter(SVG + "text") if node.text]


def test_participation_chart_is_self_contained_and_vietnamese():
    svg = participation_by_day_svg(DAYS)
    root = _parse(svg)
    _assert_self_contained(svg)
    assert "Tham gia theo ngày".encode("utf-8") in svg
    assert root.find(SVG + "title").text == "Tham gia theo ngày"
    labels = {node.text for node in _texts(root)}
    assert {"01/03", "14/03", "Lượt thi", "Người dự thi mới"} <= labels
    assert "viewBox" in root.attrib and "width" not in root.attrib
    assert len(svg) < 30_000


def test_top_units_percent_labels_and_order():
    svg = top_units_svg(UNITS, "Tỷ lệ tham gia theo đơn vị", "Tỷ lệ", percent=True)
    root = _parse(svg)
    _assert_self_contained(svg)
    assert "Tỷ lệ tham gia theo đơn vị".encode("utf-8") in svg
    texts = _texts(root)
    labels = [node.text for node in texts]
    assert "Sở Y tế" in labels and "Huyện Đại Lộc" in labels
    assert {"87,4%", "87,0%", "12,5%"} <= set(labels)
    assert not any("Đơn vị thứ" in label for label in labels)  # at most 10 units
    y_of = {node.text: float(node.get("y")) for node in texts}
    assert y_of["Sở Y tế"] < y_of["Công an tỉnh"] < y_of["Đoàn Thanh niên"]  # largest on top
    assert len(svg) < 30_000


def test_top_units_truncates_long_names():
    svg = top_units_svg(UNITS[:3], "Tỷ lệ", "Tỷ lệ", percent=True)
    labels = [node.text for node in _texts(_parse(svg))]
    long_labels = [label for label in labels if label.startswith("Sở Giáo dục")]
    assert len(long_labels) == 1
    assert long_labels[0].endswith("…") and len(long_labels[0]) <= 22


def test_top_units_counts_use_dot_thousands_separator():
    units = [("Sở Nội vụ", 12345), ("Sở Tài chính", 987)]
    svg = top_units_svg(units, "Số lượt thi theo đơn vị", "Lượt thi", percent=False)
    _assert_self_contained(svg)
    labels = {node.text for node in _texts(_parse(svg))}
    assert {"12.345", "987", "Sở Nội vụ", "Sở Tài chính"} <= labels


def test_empty_inputs_say_no_data():
    for svg in (participation_by_day_svg([]), top_units_svg([], "Tỷ lệ", "Tỷ lệ", True)):
        _parse(svg)
        _assert_self_contained(svg)
        assert "Chưa có dữ liệu".encode("utf-8") in svg


def test_a_sealed_chart_says_when_and_shows_no_value():
    svg = sealed_svg("Tham gia theo ngày")
    _assert_self_contained(svg)
    texts = {node.text for node in _texts(_parse(svg))}
    assert {"Tham gia theo ngày", "Công bố khi đợt thi kết thúc"} <= texts
    assert not any(text.strip().isdigit() for text in texts)
