"""The layers: core imports nothing of storage, cli or tui (nor rich or textual), storage
nothing of cli or tui, and the modules of core, storage and cli import each other in no
cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "roadmap_tui"


def _module(path: Path) -> str:
    name = ".".join(path.relative_to(SRC).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module(p): _imports(p) for p in PACKAGE.rglob("*.py")}


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("core", ("roadmap_tui.storage", "roadmap_tui.cli", "roadmap_tui.tui", "rich", "textual")),
        ("storage", ("roadmap_tui.cli", "roadmap_tui.tui", "rich", "textual")),
    ],
)
def test_lower_layers_never_import_higher_ones(layer, forbidden):
    wrong = {
        (module, name)
        for module, names in MODULES.items()
        if module.startswith(f"roadmap_tui.{layer}")
        for name in names
        if name.startswith(forbidden)
    }
    assert not wrong


def test_no_import_cycles_in_core_storage_and_cli():
    ours = ("roadmap_tui.core", "roadmap_tui.storage", "roadmap_tui.cli")
    graph = {
        module: {name for name in names if name in MODULES and name != module}
        for module, names in MODULES.items()
        if module.startswith(ours)
    }
    # a package imports its own modules from __init__ only by name: leave those edges out
    graph = {m: {n for n in edges if not m.startswith(n + ".")} for m, edges in graph.items()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError(" -> ".join([*path[path.index(module) :], module]))
        if module in done:
            return
        for name in graph.get(module, ()):
            visit(name, [*path, module])
        done.add(module)

    for module in graph:
        visit(module, [])
