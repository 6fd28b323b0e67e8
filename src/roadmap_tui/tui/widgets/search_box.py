"""The search box above the tree."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.widgets import Input


class SearchBox(Input):
    """Calls ``on_change`` with the text as it changes, inside the key's own handling: the frame
    that echoes the key shows the filtered tree too (``Input.Changed`` would come after that
    frame, and the filtered tree in a frame of its own)."""

    BINDINGS = [
        # Input's own enter, shown in the footer (esc, which clears, is the screen's)
        Binding("enter", "submit", "Go to match", show=True, id="search.go"),
    ]

    def __init__(self, on_change: Callable[[str], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_change = on_change

    def watch_value(self, value: str) -> None:
        self.on_change(value)
