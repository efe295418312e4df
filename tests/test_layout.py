"""The code's layout holds its rules: packages stay small, the data layer knows nothing of the
web, blueprints do not import each other's views, and first-party imports form no cycle.

These read the source with ``ast`` (nothing is imported), so a failure names the file.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = ("graph", "recruit", "demo")
MAX_MODULES_PER_PACKAGE = 12


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path
            for top in FIRST_PARTY for path in sorted((ROOT / top).rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """First-party modules ``name`` imports (``from a import b`` counts ``a.b`` when that is a
    module, else ``a``), relative imports resolved."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            targets = [f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in known else prefix
                       for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t.split(".")[0] in FIRST_PARTY and t in known)
    return found


@pytest.fixture(scope="module")
def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def test_no_package_holds_more_than_twelve_modules():
    crowded = {}
    for top in ("graph", "recruit"):
        for package in [ROOT / top, *(p for p in (ROOT / top).rglob("*") if p.is_dir())]:
            if not (package / "__init__.py").exists():
                continue
            modules = [p for p in package.glob("*.py") if p.name != "__init__.py"]
            if len(modules) > MAX_MODULES_PER_PACKAGE:
                crowded[str(package.relative_to(ROOT))] = len(modules)
    assert crowded == {}


def test_the_data_layer_never_imports_flask_or_the_app():
    offenders = []
    for path in (ROOT / "graph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names
                          if n.split(".")[0] in ("flask", "flask_login", "flask_wtf", "recruit")]
    assert offenders == []


def test_no_module_imports_another_blueprints_routes(import_graph):
    offenders = []
    for module, targets in import_graph.items():
        for target in targets:
            parts = target.split(".")
            if parts[0] == "recruit" and parts[-1].startswith("routes") \
                    and target.rsplit(".", 1)[0] != module.rsplit(".", 1)[0] \
                    and target.rsplit(".", 1)[0] != module:
                offenders.append(f"{module} -> {target}")
    assert offenders == []


def test_first_party_imports_form_no_cycle(import_graph):
    # A blueprint's routes import ``bp`` from their own package (``from . import bp``), the
    # Flask pattern the package's __init__ completes by importing the routes last; an edge
    # from a module to its own package is that pattern, not a cycle between features.
    edges = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in import_graph.items()}
    cycles = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_every_repository_has_one_name():
    from graph import (accounts, alerts, candidates, companies, contacts, hiring, jobs, network,
                       notices, people, referrals, staff, workplace)
    from recruit.extensions import REPOSITORIES

    packages = (people, network, companies, jobs, candidates, referrals, contacts, notices,
                accounts, staff, workplace, hiring, alerts)
    assert len(REPOSITORIES) == sum(len(p.REPOSITORIES) for p in packages)
    assert len(set(REPOSITORIES.values())) == len(REPOSITORIES)
