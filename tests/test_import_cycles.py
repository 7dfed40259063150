"""No module of ``contest``, and no package, imports through any chain one that imports it back.

A cycle makes the import order decide what works (a name half-defined when
the other side reads it), and it ties two modules so that neither can be read,
tested or moved alone. grimp (the graph behind import-linter) reads every
``import`` statement of the package as text, including those inside functions
and under ``if TYPE_CHECKING``, so a cycle cannot be hidden by moving an import
into a function. The order of the layers is import-linter's contracts' job (``.importlinter``,
run here too); the package check below holds without them.
"""
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import grimp
import pytest

PACKAGE = "contest"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, cache_dir=None)


def module_cycles(graph: grimp.ImportGraph) -> list[tuple[str, ...]]:
    """One shortest cycle per direct import that starts one, as module names
    from the importer back to itself (each cycle once, whatever it starts with)."""
    found: dict[frozenset[str], tuple[str, ...]] = {}
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                found.setdefault(frozenset(back), (importer, *back))
    return sorted(found.values())


def test_no_module_level_import_cycle(graph):
    cycles = module_cycles(graph)
    assert not cycles, "import cycles between modules:\n" + "\n".join(
        " -> ".join(cycle) for cycle in cycles)


def package_cycles(graph: grimp.ImportGraph, package: str = PACKAGE) -> list[tuple[str, str]]:
    """Pairs of the package's direct children (sub-packages and top modules) that
    reach each other through imports, each pair once, in name order."""
    children = sorted(graph.find_children(package))
    return [(one, other) for one, other in combinations(children, 2)
            if graph.chain_exists(importer=one, imported=other, as_packages=True)
            and graph.chain_exists(importer=other, imported=one, as_packages=True)]


def test_no_two_packages_import_each_other(graph):
    cycles = package_cycles(graph)
    assert not cycles, "packages that import each other:\n" + "\n".join(
        f"{one} <-> {other}" for one, other in cycles)


def test_the_import_contracts_hold():
    """The layers of docs/architecture.md, as import-linter checks them."""
    root = Path(__file__).resolve().parents[1]
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter), "--no-cache"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_package_check_finds_two_packages_tied_through_a_third_module(tmp_path, monkeypatch):
    package = tmp_path / "tied"
    for name in ("one", "two"):
        (package / name).mkdir(parents=True)
        (package / name / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "one" / "pages.py").write_text("from tied.two.rules import rule\n")
    (package / "two" / "rules.py").write_text("def rule():\n    return 1\n")
    (package / "two" / "view.py").write_text("from tied.one.models import Thing\n")
    (package / "one" / "models.py").write_text("class Thing:\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    graph = grimp.build_graph("tied", cache_dir=None)

    assert module_cycles(graph) == []
    assert package_cycles(graph, "tied") == [("tied.one", "tied.two")]


def test_the_check_finds_a_cycle_hidden_in_a_function(tmp_path, monkeypatch):
    """The check above is only worth something if an import moved into a
    function (the usual way to dodge a cycle at start-up) still counts."""
    package = tmp_path / "looped"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "routes.py").write_text("from looped.rules import check\n")
    (package / "rules.py").write_text(
        "def check():\n    from looped.routes import bp\n    return bp\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    cycles = module_cycles(grimp.build_graph("looped", cache_dir=None))

    assert cycles == [("looped.routes", "looped.rules", "looped.routes")]
