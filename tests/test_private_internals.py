"""Our code uses only the public API of its libraries (Textual, rich).

A private attribute of a library is no contract: it can change or go at any release, and code
that reads, writes or overrides one breaks silently. Every module under ``src/`` is parsed and
these are refused:

- ``x._name`` where ``x`` is not ``self`` or ``cls`` (``super()._name``, ``node._label``,
  ``tree._tree_lines``...), and ``getattr(x, "_name")`` / ``setattr`` / ``hasattr`` likewise;
- ``self._name`` in a subclass of a library class when the library's class uses that name
  (reading its state, writing it, or overriding its method);
- a method named ``_name`` (not a dunder) in a subclass of a library class when the library
  class has that name;
- an ``on_event`` override in a subclass of a library class.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
LIBRARIES = ("textual", "rich")
ALLOWED: set[tuple[str, str]] = set()  # (module path, what): empty, and to stay so
# the documented API of named tuples (and of our NamedTuple classes) starts with an underscore
NAMEDTUPLE_API = frozenset({"_replace", "_asdict", "_fields", "_make", "_field_defaults"})


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@cache
def our_private_names(root: Path) -> frozenset[str]:
    """The private names our own code defines: methods, class and module attributes, and the
    attributes its classes set on ``self``. ``x._name`` with one of these is ours to use."""
    names: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Module, ast.ClassDef)):  # module and class attributes
                for item in node.body:
                    targets = item.targets if isinstance(item, ast.Assign) else []
                    if isinstance(item, ast.AnnAssign):
                        targets = [item.target]
                    names.update(t.id for t in targets if isinstance(t, ast.Name))
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                names.add(node.attr)
    return frozenset(n for n in names if is_private(n))


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


class Imports(ast.NodeVisitor):
    """Which names of a module stand for library classes (``from textual.widgets import Tree``)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # local name -> "module:attribute"

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            self.names[alias.asname or alias.name] = f"{module}:{alias.name}"


@cache
def library_class(qualified: str) -> type | None:
    module_name, _, attribute = qualified.partition(":")
    if module_name.split(".")[0] not in LIBRARIES:
        return None
    try:
        value = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError):
        return None
    return value if isinstance(value, type) else None


@cache
def private_names(cls: type) -> frozenset[str]:
    """The private names a library class (with its library bases) defines or uses on self."""
    names: set[str] = set()
    for klass in cls.__mro__:
        module = klass.__module__.split(".")[0]
        if module not in LIBRARIES:
            continue
        names.update(n for n in vars(klass) if is_private(n))
        try:
            source = inspect.getsource(klass)
        except (OSError, TypeError):
            continue
        names.update(n for n in re.findall(r"self\.(_\w+)", source) if is_private(n))
    return frozenset(names)


@cache
def library_private_names() -> frozenset[str]:
    """Private names the library classes we derive from use: never ours, even if we set one."""
    names: set[str] = set()
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = Imports()
        imports.visit(tree)
        for classes in class_bases(tree, imports.names).values():
            for cls in classes:
                names |= private_names(cls)
    return frozenset(names)


def class_bases(tree: ast.Module, imports: dict[str, str]) -> dict[str, list[type]]:
    """For each class of the module: the library classes it derives from (through our own
    classes of the same module too)."""
    return {name: libs for name, (_ours, libs) in lineages(tree, imports).items()}


def lineages(
    tree: ast.Module, imports: dict[str, str]
) -> dict[str, tuple[list[ast.ClassDef], list[type]]]:
    """For each class of the module: itself with the classes of ours it derives from (mixins
    included), and the library classes it derives from."""
    ours = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    result: dict[str, tuple[list[ast.ClassDef], list[type]]] = {}

    def base_name(base: ast.expr) -> str | None:
        if isinstance(base, ast.Subscript):  # Tree[str]
            base = base.value
        if isinstance(base, ast.Name):
            return base.id
        if isinstance(base, ast.Attribute):
            return base.attr
        return None

    def resolve(name: str, seen: frozenset[str] = frozenset()) -> tuple[list, list]:
        if name in result:
            return result[name]
        node = ours[name]
        classes: list[ast.ClassDef] = [node]
        libraries: list[type] = []
        for base in node.bases:
            found = base_name(base)
            if found in ours and found not in seen | {name}:
                more_classes, more_libraries = resolve(found, seen | {name})
                classes += more_classes
                libraries += more_libraries
            elif found in imports and (cls := library_class(imports[found])):
                libraries.append(cls)
        result[name] = (classes, libraries)
        return result[name]

    for name in ours:
        resolve(name)
    return result


def problems(path: Path, root: Path = SRC) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, str(path))
    where = path.relative_to(root).as_posix()
    imports = Imports()
    imports.visit(tree)
    ours = (our_private_names(root) | NAMEDTUPLE_API) - library_private_names()
    found: list[str] = []

    def report(node: ast.AST, what: str) -> None:
        if (where, what) not in ALLOWED:
            found.append(f"{where}:{getattr(node, 'lineno', '?')}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue  # checked below, against the library classes it derives from
            is_super = isinstance(owner, ast.Call) and ast.unparse(owner.func) == "super"
            if is_super or node.attr not in ours:
                report(node, f"{ast.unparse(node)}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and is_private(node.args[1].value)
        ):
            report(node, f"{node.func.id}(..., {node.args[1].value!r})")

    reported: set[tuple[int, str]] = set()
    for _name, (classes, libraries) in lineages(tree, imports.names).items():
        if libraries:
            theirs = frozenset().union(*(private_names(cls) for cls in libraries))
            for klass in classes:
                check_class(klass, theirs, reported)
    return found + sorted(reported_text for _line, reported_text in reported)


def check_class(klass: ast.ClassDef, theirs: frozenset[str], reported: set) -> None:
    """What a class of ours (or a mixin of ours) used in a library subclass must not do."""

    def report(node: ast.AST, what: str) -> None:
        reported.add((node.lineno, f"{what} (line {node.lineno})"))

    if True:
        for item in klass.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if item.name in theirs:
                    report(item, f"{klass.name}.{item.name} overrides a private method")
                if item.name == "on_event":
                    report(item, f"{klass.name}.on_event overrides the event dispatch")
            if isinstance(item, (ast.Assign, ast.AnnAssign)):
                targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in theirs:
                        report(item, f"{klass.name}.{target.id} shadows a private attribute")
        for node in ast.walk(klass):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
                and node.attr in theirs
            ):
                report(node, f"{klass.name}: self.{node.attr} is the library's")


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_no_private_internals_of_libraries(path: Path) -> None:
    assert problems(path) == []


def test_the_allowlist_is_empty() -> None:
    assert set() == ALLOWED


@pytest.mark.parametrize(
    "code",
    [
        "node._label = 1",
        "x = tree._tree_lines",
        "class T(Tree):\n    def _size_updated(self, a, b, c, layout):\n        return False\n",
        "class T(Tree):\n    def f(self):\n        return super()._size_updated(1, 2, 3)\n",
        "class T(Tree):\n    def f(self):\n        self._refresh_line(1)\n",
        "class T(Tree):\n    def f(self):\n        return self._line_cache\n",
        "class V(VerticalScroll):\n    def _scroll_update(self, size):\n        pass\n",
        "class V(VerticalScroll):\n    def f(self):\n        bar._repaint_required = False\n",
        "class A(App):\n    async def on_event(self, event):\n        pass\n",
        "x = getattr(tree, '_line_cache', None)\n",
        "class P:\n    def _size_updated(self):\n        pass\nclass F(P, Static):\n    pass\n"
        "class G(F):\n    def f(self):\n        return self._size_updated()\n",
    ],
)
def test_the_check_catches(code: str, tmp_path: Path) -> None:
    header = (
        "from textual.widgets import Tree, Static\nfrom textual.containers import VerticalScroll\n"
        "from textual.app import App\n"
    )
    path = tmp_path / "roadmap_tui" / "tui" / "module.py"
    path.parent.mkdir(parents=True)
    path.write_text(header + code, encoding="utf-8")
    assert problems(path, tmp_path), code


def test_the_check_lets_our_own_private_names_be(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text(
        "from textual.widgets import Static\n"
        "class Mine:\n    def _helper(self):\n        return self._state\n"
        "class Shown(Static):\n    def _our_own(self):\n        self._topic_seen = 1\n",
        encoding="utf-8",
    )
    assert problems(path, tmp_path) == []
