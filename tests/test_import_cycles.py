"""No module of ``contest`` imports, through any chain, a module that imports it back.

A cycle makes the import order decide what works (a name half-defined when
the other side reads it), and it ties two modules so that neither can be read,
tested or moved alone. grimp (the graph behind import-linter) reads every
``import`` statement of the package as text, including those inside functions
and under ``if TYPE_CHECKING``, so a cycle cannot be hidden by moving an import
into a function. Package-level layering is import-linter's contracts' job.
"""
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
