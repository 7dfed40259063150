"""No module-level function, class or constant of ``contest/`` that nothing uses.

A name counts as used when it appears again in its own module, or anywhere in
the app's other code, its templates, ``bench/``, ``scripts/``, the migrations,
``wsgi.py`` or ``gunicorn.conf.py``. The tests do not count: code kept only for
a test is dead in production and belongs with the tests (``tests/roles.py``).
A word match is generous (a docstring or a same-named local passes), so this
catches the plainly forgotten, not every dead name; ``vulture`` finds more.
"""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Kept on purpose, with the reason.
KEPT = {
}


def _sources() -> dict[Path, str]:
    paths = [*ROOT.glob("contest/**/*.py"), *ROOT.glob("templates/**/*.html"),
             *ROOT.glob("templates/**/*.txt"), *ROOT.glob("bench/*.py"),
             *ROOT.glob("migrations/**/*.py"), ROOT / "wsgi.py", ROOT / "gunicorn.conf.py",
             *(path for path in ROOT.glob("scripts/*") if path.is_file())]
    return {path: path.read_text(errors="ignore") for path in paths}


def _module_level_names(source: str):
    """Undecorated functions and classes (a decorator registers them) and assigned names."""
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if not node.decorator_list:
                yield node.name
        elif isinstance(node, ast.Assign):
            yield from (target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            yield node.target.id


def _unused(sources: dict[Path, str]) -> list[str]:
    unused = []
    for path in sorted(ROOT.glob("contest/**/*.py")):
        for name in _module_level_names(sources[path]):
            if name.startswith("__") or name in KEPT:
                continue
            word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
            if len(word.findall(sources[path])) > 1:
                continue
            if not any(word.search(text) for other, text in sources.items() if other != path):
                unused.append(f"{path.relative_to(ROOT)}: {name}")
    return unused


def test_every_module_level_name_of_the_app_is_used_outside_the_tests():
    assert _unused(_sources()) == []
