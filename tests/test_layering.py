"""The layers hold: a domain, and the kernel under it, load no web framework, no messaging
and no chassis.

Domains depend on ``kernel``, ``contracts`` and ``eventsourcing`` only (see
kernel/README.md); the chassis's web layer maps their errors to HTTP, and its messaging
layer feeds them events. Importing a domain module must not drag either in.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("fastapi", "starlette", "nats", "chassis", "uvicorn")


def domain_modules() -> list[tuple[str, Path]]:
    """Every ``services/<name>/src/<package>/domain/*.py`` module, by dotted name."""
    found = []
    for path in sorted(ROOT.glob("services/*/src/*/domain/*.py")):
        package = path.parent.parent.name
        stem = "" if path.stem == "__init__" else f".{path.stem}"
        found.append((f"{package}.domain{stem}", path))
    return found


def kernel_modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted((ROOT / "kernel/src/kernel").glob("*.py")):
        found.append(("kernel" if path.stem == "__init__" else f"kernel.{path.stem}", path))
    return found


# Imports each module in turn, in a fresh interpreter, and says which forbidden package
# each one loaded first (a later module may only reuse what an earlier one loaded).
PROBE = """
import importlib, json, sys
forbidden = {forbidden!r}
loaded_by = {{}}
for name in {modules!r}:
    importlib.import_module(name)
    for package in forbidden:
        if package not in loaded_by and any(
            m == package or m.startswith(package + ".") for m in sys.modules
        ):
            loaded_by[package] = name
print(json.dumps(loaded_by))
"""


def loaded_forbidden(modules: list[str]) -> dict[str, str]:
    """Which forbidden packages importing ``modules`` loads, each with the module that did."""
    probe = PROBE.format(forbidden=FORBIDDEN, modules=modules)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    loaded: dict[str, str] = json.loads(done.stdout)
    return loaded


def test_the_modules_are_found() -> None:
    names = {name for name, _ in domain_modules()}
    assert {"petitions.domain.petition", "sessions.domain.session",
            "notifier.domain.reminder"} <= names
    assert {"kernel.rulebook", "kernel.clock", "kernel.actor", "kernel.errors"} <= {
        name for name, _ in kernel_modules()}


@pytest.mark.parametrize("service", ["petitions", "sessions", "oversight", "notifier", "letters"])
def test_a_domain_loads_no_web_framework_messaging_or_chassis(service: str) -> None:
    modules = [name for name, _ in domain_modules() if name.startswith(f"{service}.")]
    assert loaded_forbidden(modules) == {}


def test_the_kernel_loads_no_web_framework_messaging_or_chassis() -> None:
    assert loaded_forbidden([name for name, _ in kernel_modules()]) == {}


def imported_roots(path: Path) -> set[str]:
    """The top-level packages a module imports (relative imports are its own package)."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_a_domain_imports_only_the_kernel_contracts_and_eventsourcing() -> None:
    stray = {}
    for name, path in domain_modules():
        allowed = {"kernel", "contracts", "eventsourcing", name.split(".")[0]}
        outside = imported_roots(path) - allowed - sys.stdlib_module_names
        if outside:
            stray[name] = sorted(outside)
    assert stray == {}


def test_the_kernel_imports_only_contracts_the_holiday_calendar_and_rapidfuzz() -> None:
    stray = {}
    for name, path in kernel_modules():
        outside = imported_roots(path) - {"kernel", "contracts", "holidays", "rapidfuzz"}
        outside -= sys.stdlib_module_names
        if outside:
            stray[name] = sorted(outside)
    assert stray == {}
