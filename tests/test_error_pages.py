"""Pages keep to the site's Content-Security-Policy (no inline style or script in
any template), and an error met in the organizer's console leads back to it."""
import re
from pathlib import Path

import pytest

from tests.conftest import login

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INLINE_STYLE = re.compile(r"""\sstyle\s*=|<style[\s>]""", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def _offences(text: str) -> list[str]:
    found = [m.group(0) for m in INLINE_STYLE.finditer(text)]
    found += [m.group(0) for m in INLINE_HANDLER.finditer(text)]
    found += [tag for tag in SCRIPT_TAG.findall(text) if "src=" not in tag]
    return found


def test_no_template_has_inline_style_or_script():
    """The CSP (style-src/script-src 'self') drops them: a style="…" is ignored by
    the browser, an inline script never runs."""
    offenders = {str(path.relative_to(TEMPLATES)): _offences(path.read_text(encoding="utf-8"))
                 for path in TEMPLATES.rglob("*.html")}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_check_catches_each_kind_of_inline_code():
    assert _offences('<div class="card" style="max-width: 36rem">') == [' style=']
    assert _offences("<script>alert(1)</script><script src=\"/static/js/a.js\"></script>") == ["<script>"]
    assert _offences('<button onclick="go()">') == [' onclick="']


@pytest.fixture
def organizer(make_user):
    return make_user(role="organizer")


def _buttons(html: str) -> list[str]:
    card = html.split('class="card-body"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'href="([^"]+)"', card)


def test_a_console_error_leads_back_to_the_console(client, organizer):
    login(client, organizer)
    response = client.get("/quan-tri/dot-thi/999999/ket-qua")
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and "Về trang quản trị" in html
    assert _buttons(html) == ["/quan-tri/cuoc-thi"]
    assert "style=" not in html and 'class="card shadow-sm mx-auto error-card"' in html


def test_a_public_error_leads_to_the_contest(client, organizer):
    login(client, organizer)
    html = client.get("/khong-co-trang-nay").get_data(as_text=True)
    assert "Về trang cuộc thi" in html and "Về trang quản trị" not in html


def test_a_contestant_refused_in_the_console_is_sent_to_the_contest(client, contestant):
    login(client, contestant)
    response = client.get("/quan-tri/nhat-ky/")
    html = response.get_data(as_text=True)
    assert response.status_code == 403 and "Về trang quản trị" not in html
    assert "Về trang cuộc thi" in html
