"""The benchmark's reference: the least a Textual app can do to show the same roadmap.

It reads the roadmap with ``tomllib`` (no validation, no model), adds every node to a plain
``Tree`` (all of them, collapsed: no lazy building) and shows a ``Markdown`` pane beside it, with
a hidden search ``Input`` above the tree, like roadmap-tui's layout. The pane follows the cursor
(the highlighted node's description), ``space`` toggles a glyph in the label (no saving), ``E`` /
``C`` expand / collapse everything, ``/`` shows the input (typing only echoes: no filtering) and
``q`` quits. No progress file, no header, no footer bindings beyond these.

``python benchmarks/bare_app.py ROADMAP.toml`` runs it in the terminal (figure 1 and 6 of the
benchmark); ``BareApp(path)`` is driven headless for the key-press references (figure 2 and 3).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Markdown, Tree
from textual.widgets.tree import TreeNode

CSS = """
#left { width: 45%; max-width: 80; }
#search { height: 3; }
#tree { height: 1fr; }
#pane { width: 1fr; height: 1fr; padding: 0 2; }
"""


class BareApp(App[None]):
    CSS = CSS
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("space", "toggle", "Toggle", priority=True),
        Binding("E", "expand_all", "Expand all"),
        Binding("C", "collapse_all", "Collapse all"),
        Binding("slash", "search", "Search"),
    ]

    def __init__(self, path: Path | str) -> None:
        super().__init__()
        self.path = Path(path)
        with open(self.path, "rb") as handle:
            self.data = tomllib.load(handle)
        self.done: set[int] = set()

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                yield Input(placeholder="search", id="search")
                yield Tree(self.data["roadmap"]["title"], id="tree")
            yield Markdown(self.data["roadmap"].get("description", ""), id="pane")

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        tree = self.query_one("#tree", Tree)
        tree.show_root = False

        def add(parent: TreeNode, table: dict) -> None:
            children = table.get("topic", [])
            node = parent.add(table["title"], data=table, expand=False, allow_expand=bool(children))
            for child in children:
                add(node, child)

        for section in self.data.get("section", []):
            add(tree.root, section)
        tree.focus()
        tree.move_cursor_to_line(0)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        table = event.node.data or {}
        self.query_one("#pane", Markdown).update(
            f"# {table.get('title', '')}\n\n{table.get('description', '')}"
        )

    def action_toggle(self) -> None:
        node = self.query_one("#tree", Tree).cursor_node
        if node is None:
            return
        key = id(node.data)
        if key in self.done:
            self.done.discard(key)
        else:
            self.done.add(key)
        glyph = "● " if key in self.done else "○ "
        node.set_label(glyph + node.data["title"])

    def action_expand_all(self) -> None:
        self.query_one("#tree", Tree).root.expand_all()

    def action_collapse_all(self) -> None:
        for node in self.query_one("#tree", Tree).root.children:
            node.collapse_all()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()


if __name__ == "__main__":
    BareApp(sys.argv[1]).run()
