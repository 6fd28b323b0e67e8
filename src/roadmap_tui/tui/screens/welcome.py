"""The first-run welcome: the five keys that matter, shown once, closed by any key."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

# (keys, what they do): the first steps; the help screen (?) has every key
WELCOME_KEYS = (
    ("↑ ↓", "move through the roadmap (→ opens a branch)"),
    ("space", "mark the topic done (i: in progress, s: skipped)"),
    ("n", "write a note on it (esc when done)"),
    ("/", "search titles, descriptions and notes"),
    ("?", "every key"),
)


class WelcomeScreen(ModalScreen[None]):
    """Shown over the main screen on the first run; the key that closes it does nothing else
    (a user pressing space to close it must not mark a topic)."""

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, what in WELCOME_KEYS:
            keys.add_row(key, what)
        with Vertical(id="welcome-box") as box:
            box.border_title = "Welcome to roadmap-tui"
            yield Static(
                Text(
                    "Follow the roadmap topic by topic; every change is saved at once. "
                    "The keys to start with:"
                )
            )
            yield Static(keys, id="welcome-keys")
            yield Static(Text("Press any key to start.", style="dim"), id="welcome-close")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.dismiss(None)
