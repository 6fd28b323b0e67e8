"""The dialogs of practice evidence: link your work, tick a project's checklist. Loaded when
first opened (a lighter first screen)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from roadmap_tui.core.practice import LinkError, normalize_link
from roadmap_tui.core.textsafe import clean
from roadmap_tui.tui.screens.dialogs import FormScreen


class LinkWorkScreen(FormScreen[str | None]):
    """Ask for a link to the learner's work: a local path or an http(s) URL. Dismissed with
    the link to keep (absolute, checked), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True, id="link.cancel")]

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading

    def compose(self) -> ComposeResult:
        with Vertical(id="link-form", classes="form"):
            yield Static(Text(clean(self.heading), style="bold"))
            yield Label("A local folder (a git repository) or an http(s) URL")
            yield Input(id="link-input", placeholder="~/code/todo-api or https://github.com/…")
            yield Static(id="link-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Link", id="link-save", variant="primary")
                yield Button("Cancel", id="link-cancel", classes="form-cancel")

    @on(Input.Submitted, "#link-input")
    @on(Button.Pressed, "#link-save")
    def save(self) -> None:
        value = self.query_one("#link-input", Input).value
        try:
            found = normalize_link(value)
        except LinkError as exc:
            self.error(clean(str(exc)))
            self.query_one("#link-input", Input).focus()
            return
        self.dismiss(found)


class ChecklistScreen(ModalScreen[None]):
    """A project's checklist: space (or a click) ticks or unticks the highlighted item, and
    each change is saved at once (``toggled(key, ticked)``); esc closes."""

    DEFAULT_CSS = """
    ChecklistScreen { align: center middle; }
    #checklist-box {
        width: 110; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    #checklist-items { height: auto; max-height: 20; }
    #checklist-hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [Binding("escape,x", "dismiss", "Close", show=True, id="checklist.close")]

    def __init__(
        self,
        heading: str,
        items: list[tuple[str, str, bool]],
        toggled: Callable[[str, bool], None],
    ) -> None:
        super().__init__()
        self.heading = heading
        self.items = items  # (key, text, ticked)
        self.toggled = toggled

    def compose(self) -> ComposeResult:
        with Vertical(id="checklist-box"):
            yield Static(Text(clean(self.heading), style="bold"))
            yield SelectionList[str](
                *(Selection(Text(clean(text)), key, ticked) for key, text, ticked in self.items),
                id="checklist-items",
            )
            yield Static("space ticks or unticks · esc closes", id="checklist-hint")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @on(SelectionList.SelectionToggled)
    def item_toggled(self, event: SelectionList.SelectionToggled) -> None:
        key = event.selection.value
        self.toggled(key, key in event.selection_list.selected)
