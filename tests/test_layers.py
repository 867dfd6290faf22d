"""The layering ARCHITECTURE.md promises, read from the source: who may import whom, and no
import circles among our modules.

Every `import` counts, at module level or inside a function (an import moved into a function
still ties the two modules together), except under `if TYPE_CHECKING:`. Importing
`a.b.c` also runs the packages `a` and `a.b`, so it counts as importing them too. Migrations and
tests are leaves nobody imports; tests may use the factories of any app, so only the cycle check
reads them.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# From the bottom: an app imports only apps of lower layers (never one of its own layer).
# `accounts` (users and role groups) sits under `registry`, which names its roles.
LAYERS = [
    ["config"],
    ["accounts"],
    ["registry"],
    ["accountability"],
    ["tenders", "forums", "councils"],
    ["portal"],
]
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}
PACKAGES = [*LAYER_OF, "bench"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    for path in sorted((ROOT / "tests").glob("*.py")):
        modules[module_name(path)] = path
    return modules


def type_checking_lines(tree) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imported_names(name: str, path: Path, modules) -> set[str]:
    """The modules of ours that `name` imports, with the packages each import runs."""
    tree = ast.parse(path.read_text(), str(path))
    skip = type_checking_lines(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module
            # `from x import y`: y is a module of ours, or a name in x.
            targets = [
                f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in modules else stem
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if package.startswith("bench") and target.split(".")[0] not in PACKAGES:
                target = f"bench.{target}"  # bench's scripts import each other by file name
            parts = target.split(".")
            for end in range(1, len(parts) + 1):
                candidate = ".".join(parts[:end])
                if candidate in modules and not name.startswith(candidate + "."):
                    found.add(candidate)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = our_modules()
    return {name: imported_names(name, path, modules) for name, path in modules.items()}


GRAPH = import_graph()


def is_test(module: str) -> bool:
    return module.startswith("tests.") or ".tests" in module


def test_the_graph_is_read():
    """The graph finds imports of every kind (a test that could not fail would prove nothing)."""
    assert "registry.models" in GRAPH["registry.services"]  # from .models import (...)
    assert "registry.events" in GRAPH["registry.services"]  # from . import events
    assert "config.cache" in GRAPH["registry.search"]  # from config.cache import ...
    assert "registry" not in GRAPH["registry.models.ngos"]


@pytest.mark.parametrize("app", list(LAYER_OF))
def test_an_app_imports_only_the_layers_below_it(app):
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if module.split(".")[0] == app and not is_test(module)
        for target in targets
        if target.split(".")[0] in LAYER_OF
        and target.split(".")[0] != app
        and LAYER_OF[target.split(".")[0]] >= LAYER_OF[app]
    )
    assert not wrong, "\n".join(wrong)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("package", [*PACKAGES, "tests"])
def test_no_import_cycle(package):
    found = [
        component
        for component in cycles(GRAPH)
        if any(module.split(".")[0] == package for module in component)
    ]
    by_module = defaultdict(list)
    for component in found:
        for module in component:
            by_module[module] = sorted(GRAPH[module] & set(component))
    assert not found, "\n".join(f"{m} → {', '.join(t)}" for m, t in sorted(by_module.items()))
