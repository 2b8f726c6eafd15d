"""The architecture holds: imports run only from a higher layer to a lower one, and no module grows too big.

Layers, lowest first: `court/rules` (pure law: no Django, no apps, no numerical stack) < `court/org` <
`court/cases` < `court/metrics`, `court/demo`, `court/portal`, `court/paperwork`, `triage`; `court/pdf` (the
embedded font) lies below every app that prints. Every import counts, including the lazy ones
inside functions and `import_module("…")` with a literal name; migrations are left out (they are history).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 600

#: package -> module prefixes it must not import (a prefix matches itself and its submodules).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "court.rules": ("django", "court", "triage", "numpy", "pandas", "lightgbm", "sklearn"),
    "court.org": ("court.cases", "court.metrics", "court.demo", "court.portal", "court.paperwork", "triage",
                  "court.api", "court.mediation", "court.hearings"),
    "court.cases": ("court.demo", "court.metrics", "court.portal", "court.paperwork", "triage", "court.api",
                    "court.mediation", "court.hearings"),
    # The hearing pages (calendars, the 开庭公告, online rooms) sit above the cases; nothing below calls them.
    "court.hearings": ("court.demo", "court.metrics", "court.portal", "court.paperwork", "triage", "court.api",
                       "court.mediation"),
    # Mediation sits above the cases (and prints with court.paperwork); the metrics and the demo call it.
    "court.mediation": ("court.demo", "court.metrics", "court.portal", "triage", "court.api"),
    "court.portal": ("court.demo", "court.metrics", "triage", "court.api"),
    # The shared PDF font sits below every app that prints; the court's documents above the cases.
    "court.pdf": ("court.org", "court.cases", "court.metrics", "court.demo", "court.portal", "court.paperwork",
                  "triage"),
    "court.paperwork": ("court.demo", "court.metrics", "court.portal", "triage", "court.mediation"),
}


def modules(package: str) -> Iterator[tuple[Path, str]]:
    """(path, dotted module name) of every .py file of `package`, migrations excluded."""
    base = ROOT.joinpath(*package.split("."))
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "migrations" in rel.parts:
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield path, ".".join(parts)


def imported_names(path: Path, module: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            yield node.lineno, target
            for alias in node.names:  # `from court import cases` imports court.cases
                yield node.lineno, f"{target}.{alias.name}"
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Name) and node.func.id in {"import_module", "__import__"})
                   or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module"))):
            yield node.lineno, node.args[0].value


def _matches(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(package: str) -> list[str]:
    """`file:line imports name` for each forbidden import (a package may always import itself)."""
    found: dict[tuple[str, int], str] = {}
    for path, module in modules(package):
        for line, name in imported_names(path, module):
            if _matches(name, package) or not any(_matches(name, prefix) for prefix in FORBIDDEN[package]):
                continue
            key = (str(path.relative_to(ROOT)), line)
            if key not in found or len(name) < len(found[key]):
                found[key] = name  # `from court.demo.plan import a, b`: report court.demo.plan once
    return [f"{file}:{line} imports {name}" for (file, line), name in sorted(found.items())]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_runs_from_a_lower_layer_to_a_higher_one(package: str) -> None:
    found = violations(package)
    assert not found, f"{package} may not import {', '.join(FORBIDDEN[package])}:\n" + "\n".join(found)


def test_the_import_finder_sees_lazy_relative_and_dynamic_imports(tmp_path: Path) -> None:
    """The finder itself: an import inside a function, a relative one and import_module all count."""
    source = tmp_path / "mod.py"
    source.write_text(
        "from ..cases import services\n"
        "def f():\n"
        "    import triage.services\n"
        "    from importlib import import_module\n"
        "    return import_module('court.demo.plan')\n",
        encoding="utf-8",
    )
    names = {name for _line, name in imported_names(source, "court.org.mod")}
    assert {"court.cases", "court.cases.services", "triage.services", "court.demo.plan"} <= names


def test_no_module_is_over_600_lines() -> None:
    too_long = []
    for package in ("court", "triage"):
        for path, _module in modules(package):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                too_long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not too_long, f"Modules over {MAX_LINES} lines (split them by concern):\n" + "\n".join(too_long)
