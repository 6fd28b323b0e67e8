"""The benchmark's reference: the least a Textual app can do to show the same first screen.

It parses the roadmap with the TOML parser roadmap-tui uses (``tomli``, ``tomllib`` when tomli
is missing), with no validation and no model, adds every node to a plain ``Tree`` (all of them,
collapsed: no lazy building) and shows beside it a ``Markdown`` pane with the highlighted node's
title and description, and a ``Footer``: the tree, the description and the footer, as in
roadmap-tui's complete first screen. A hidden search ``Input`` sits above the tree. ``space``
toggles a glyph in the label (no saving), ``/`` shows the input (typing only echoes: no
filtering) and ``q`` quits.

``python benchmarks/bare_app.py ROADMAP.toml`` runs it in a terminal (start-up and memory);
``BareApp(path)`` is driven headless for the key-press references. The ids ``#tree`` and
``#detail`` are the ones the benchmark looks for in both apps.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import tomli as toml
except ImportError:  # the standard library's copy, as roadmap-tui falls back to it
    import tomllib as toml

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Markdown, Tree
from textual.widgets.tree import TreeNode

CSS = """
#left { width: 45%; max-width: 80; }
#search { height: 3; display: none; }
#tree { height: 1fr; }
#detail { width: 1fr; height: 1fr; padding: 0 2; }
"""

TODO, DONE = "○ ", "● "


class BareApp(App[None]):
    CSS = CSS
    BINDINGS = [
        Binding("space", "toggle", "Done", priority=True),
        Binding("slash", "search", "Search"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, path: Path | str) -> None:
        super().__init__()
        with open(path, "rb") as handle:
            self.data = toml.load(handle)
        self.done: set[int] = set()

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                yield Input(placeholder="search", id="search")
                yield Tree(self.data["roadmap"]["title"], id="tree")
            yield Markdown(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        tree = self.query_one("#tree", Tree)
        tree.show_root = False

        def add(parent: TreeNode, table: dict) -> None:
            children = table.get("topic", [])
            label = table["title"] if parent is tree.root else TODO + table["title"]
            node = parent.add(label, data=table, expand=False, allow_expand=bool(children))
            for child in children:
                add(node, child)

        for section in self.data.get("section", []):
            add(tree.root, section)
        tree.focus()
        tree.move_cursor_to_line(0)
        if tree.root.children:  # the cursor's first highlight may come before the first layout
            self.show(tree.root.children[0].data)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is not None:  # not the (hidden) root
            self.show(event.node.data)

    def show(self, table: dict) -> None:
        self.query_one("#detail", Markdown).update(
            f"# {table.get('title', '')}\n\n{table.get('description', '')}"
        )

    def action_toggle(self) -> None:
        tree = self.query_one("#tree", Tree)
        node = tree.cursor_node
        if node is None or node.parent is tree.root:
            return  # sections carry no glyph
        key = id(node.data)
        if key in self.done:
            self.done.discard(key)
        else:
            self.done.add(key)
        node.set_label((DONE if key in self.done else TODO) + node.data["title"])

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()


if __name__ == "__main__":
    BareApp(sys.argv[1]).run()
