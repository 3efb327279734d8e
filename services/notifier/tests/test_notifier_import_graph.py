"""The notifier's modules, and its parts (application, channels, workers, ...), import each
other without circles: a reader can follow the dependencies one way, from the bootstrap down
to the domain. Imports under ``TYPE_CHECKING`` count too: they hide a circle, not remove it.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

import notifier

PACKAGE_DIR = Path(notifier.__file__).parent
PACKAGE = PACKAGE_DIR.name


def module_files() -> dict[str, Path]:
    """Every notifier module by its dotted name (a package by its own name)."""
    modules: dict[str, Path] = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imported_modules(path: Path, modules: Mapping[str, Path]) -> set[str]:
    """The notifier modules ``path`` imports (``from a import b`` names ``a.b`` if a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module in modules:
                found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names
                      if f"{node.module}.{alias.name}" in modules}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in modules}
    return found


def part_of(module: str) -> str:
    """``notifier.application.reminders`` is part of ``application``; top modules are their own."""
    return module.split(".")[1] if "." in module else module


def a_circle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One circle of ``graph`` (its nodes in order, the first repeated at the end), or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return None
        for target in sorted(graph.get(node, ())):
            circle = visit(target, [*path, node])
            if circle:
                return circle
        done.add(node)
        return None

    for start in sorted(graph):
        circle = visit(start, [])
        if circle:
            return circle
    return None


def import_graphs() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The module graph and the graph between the notifier's parts."""
    modules = module_files()
    by_module = {name: imported_modules(path, modules) - {name}
                 for name, path in modules.items()}
    by_part: dict[str, set[str]] = {}
    for module, targets in by_module.items():
        for target in targets:
            if part_of(module) != part_of(target):
                by_part.setdefault(part_of(module), set()).add(part_of(target))
    return by_module, by_part


def test_the_circle_finder_finds_a_circle() -> None:
    assert a_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert a_circle({"a": {"b", "c"}, "b": {"c"}}) is None


def test_no_notifier_module_imports_itself_back() -> None:
    by_module, _ = import_graphs()
    assert "notifier.application.reminders" in by_module  # the graph is really read
    assert a_circle(by_module) is None


def test_the_notifier_parts_depend_one_way() -> None:
    _, by_part = import_graphs()
    assert a_circle(by_part) is None
    assert "channels" in by_part["workers"]  # workers use the channels, not the reverse
    assert {"workers", "channels", "entrypoints"}.isdisjoint(by_part["application"])
