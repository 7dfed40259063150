"""The runtime and development requirements stay apart, locked with hashes.

Production installs requirements.txt only (scripts/run, docs/deploy.md), so a package
that contest/ imports must be declared in requirements.in, and no test tool may ride
along in that lock. scripts/test installs both locks in one pip run, so a package they
share must have one version in both. Whether a lock is up to date with its .in file
needs pip-compile and the network; these checks catch what is cheap to catch: a
package added to a .in file but never compiled into its lock.
"""
import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_SOURCES = ("contest", "wsgi.py", "gunicorn.conf.py", "migrations")
LOCAL_PACKAGES = {"contest"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$")
NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


def normalise(name: str) -> str:
    """PEP 503: Flask-Login, flask_login and flask.login are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(in_file: str) -> set[str]:
    """The package names a .in file lists (options such as -c skipped)."""
    names = set()
    for line in (ROOT / in_file).read_text().splitlines():
        match = NAME.match(line.strip())
        if match:
            names.add(normalise(match.group(1)))
    return names


def pins(lock: str) -> dict[str, str]:
    """Package name to pinned version, for each `name==version \\` of a lock."""
    found = {}
    for line in (ROOT / lock).read_text().splitlines():
        match = PIN.match(line)
        if match:
            found[normalise(match.group(1))] = match.group(2)
    return found


def third_party_imports() -> set[str]:
    """Top-level module names the production code imports, stdlib and our own left out."""
    files = []
    for source in RUNTIME_SOURCES:
        path = ROOT / source
        files.extend(path.rglob("*.py") if path.is_dir() else [path])
    modules = set()
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(), str(file))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - LOCAL_PACKAGES


def test_every_package_production_imports_is_declared_in_requirements_in():
    runtime = declared("requirements.in")
    providers = packages_distributions()
    undeclared = {
        module: providers.get(module, ["(not installed)"])
        for module in third_party_imports()
        if not {normalise(dist) for dist in providers.get(module, [])} & runtime
    }
    assert not undeclared, f"imported by production, missing from requirements.in: {undeclared}"


def test_the_runtime_lock_installs_no_development_tool():
    leaked = declared("requirements-dev.in") & set(pins("requirements.txt"))
    assert not leaked, f"development packages in the runtime lock: {sorted(leaked)}"


def test_each_lock_pins_every_package_its_in_file_declares():
    for in_file, lock in (("requirements.in", "requirements.txt"),
                          ("requirements-dev.in", "requirements-dev.txt")):
        missing = declared(in_file) - set(pins(lock))
        assert not missing, f"{in_file} lists {sorted(missing)}, not compiled into {lock}"


def test_every_pin_carries_a_hash():
    for lock in ("requirements.txt", "requirements-dev.txt"):
        blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text())
        unhashed = [block.split()[0] for block in blocks
                    if PIN.match(block.splitlines()[0]) and "--hash=sha256:" not in block]
        assert not unhashed, f"{lock}: pinned without a hash: {unhashed}"


def test_a_package_both_locks_pin_has_one_version():
    runtime, development = pins("requirements.txt"), pins("requirements-dev.txt")
    differ = {name: (runtime[name], development[name])
              for name in runtime.keys() & development.keys()
              if runtime[name] != development[name]}
    assert not differ, f"runtime and development locks disagree: {differ}"
