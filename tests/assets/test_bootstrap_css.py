"""Only the Bootstrap CSS the pages use is sent: static/css/bootstrap.min.css, built
by scripts/build-css. Every Bootstrap class that a template or a page script names
must be in it (if this fails, run scripts/build-css and commit the result)."""
import re
from pathlib import Path

import flask_bootstrap

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
REDUCED = ROOT / "static" / "css" / "bootstrap.min.css"
FULL = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5" / "css" / "bootstrap.min.css"

CLASS_SELECTOR = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
SELECTOR_LIST = re.compile(r"([^{}]+)\{")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
STRING = re.compile(r"'([^'\n]*)'|\"([^\"\n]*)\"")
WORD = re.compile(r"[A-Za-z][\w-]*")
FLASH_CATEGORY = re.compile(r"""flash\((?:[^()]|\([^()]*\))*?,\s*["'](\w+)["']\)""", re.S)


def classes_of(stylesheet: Path) -> set[str]:
    return set(CLASS_SELECTOR.findall(COMMENT.sub("", stylesheet.read_text())))


def selectors_of(stylesheet: Path) -> list[str]:
    """Every selector of every rule (at-rules' own preludes left out)."""
    preludes = SELECTOR_LIST.findall(COMMENT.sub("", stylesheet.read_text()))
    return [selector for prelude in preludes if not prelude.lstrip().startswith("@")
            for selector in prelude.split(",")]


def needed_classes(used: set[str]) -> set[str]:
    """The classes of Bootstrap's selectors whose every class is used: ``.nav-fill
    .nav-item`` needs nothing when no page uses ``nav-fill``, even if one uses ``nav-item``."""
    needed = set()
    for selector in selectors_of(FULL):
        classes = set(CLASS_SELECTOR.findall(selector))
        if classes and classes <= used:
            needed |= classes
    return needed


def strings_in(text: str) -> list[str]:
    return [single or double for single, double in STRING.findall(text)]


def words_in_templates() -> set[str]:
    """The words of every class attribute and of every string inside a Jinja tag
    (``class_="…"`` of a form field, ``{% set cls = "…" %}``, ``{{ 'a' if x else 'b' }}``)."""
    words = set()
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        pieces = CLASS_ATTRIBUTE.findall(text)
        pieces += [string for tag in JINJA.findall(text) for string in strings_in(tag)]
        words.update(word for piece in pieces for word in WORD.findall(piece))
    return words


def words_in_scripts() -> set[str]:
    return {word for script in (ROOT / "static" / "js").glob("*.js")
            for string in strings_in(script.read_text()) for word in WORD.findall(string)}


def test_every_bootstrap_class_the_templates_and_scripts_use_is_in_the_built_css():
    used = (words_in_templates() | words_in_scripts()) & classes_of(FULL)
    assert len(used) > 100  # the parsing found the templates' classes
    missing = needed_classes(used) - classes_of(REDUCED)
    assert not missing, f"run scripts/build-css: {sorted(missing)} missing from {REDUCED.name}"


def test_every_flash_category_has_its_alert_style():
    sources = "".join(path.read_text() for path in (ROOT / "contest").rglob("*.py"))
    # 'message' shows as info; login_required flashes a warning.
    categories = set(FLASH_CATEGORY.findall(sources)) | {"info", "warning"}
    assert {"success", "danger"} <= categories
    missing = {f"alert-{category}" for category in categories} - classes_of(REDUCED)
    assert not missing, f"add to the safelist of scripts/purgecss.config.cjs: {sorted(missing)}"


def test_the_built_css_is_a_fraction_of_bootstrap_and_says_where_it_comes_from():
    assert REDUCED.stat().st_size < FULL.stat().st_size / 3
    header = REDUCED.read_text()[:600]
    assert re.search(r"Bootstrap v5\.\d+\.\d+", header)
    assert "MIT" in header and "scripts/build-css" in header
    assert REDUCED.read_text().startswith('@charset "UTF-8";')


def test_no_template_loads_the_full_bootstrap_or_bootstrap_flask_macros():
    # scripts/build-css reads templates/ and static/js only: a page that used
    # Bootstrap-Flask's CSS, JS or macros would need them added to its content.
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert "bootstrap.load_" not in text, template
        assert "bootstrap5/" not in text and "bootstrap4/" not in text, template
