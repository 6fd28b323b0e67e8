"""The filter menu (m): pick a status, a kind, a level, a section or "has a note"."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from roadmap_tui.core.session import Session
from roadmap_tui.core.textsafe import clean

CLEAR = "clear"


class FilterScreen(ModalScreen[str | None]):
    """The session's filter choices by group, the ones in force ticked; enter picks one (it
    replaces that group's filter and keeps the others), esc leaves them as they are."""

    BINDINGS = [
        Binding("escape,m,q", "dismiss", "Close", show=True, id="filters.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        options: list[Option | None] = []
        for heading, choices in session.filter_choices():
            options.append(Option(Text(heading, style="bold underline"), disabled=True))
            for choice, label in choices:
                tick = "✓ " if session.filter_chosen(choice) else "  "
                options.append(Option(Text(tick + clean(label)), id=choice))
        options += [None, Option(Text("  clear every filter (esc in the tree)"), id=CLEAR)]
        with Vertical(id="filter-box") as box:
            box.border_title = "Filters"
            yield Static(Text("enter picks one, esc closes"), classes="dim")
            yield OptionList(*options, id="filter-options")
        yield Footer()

    def on_mount(self) -> None:
        menu = self.query_one(OptionList)
        # start on the first ticked choice that narrows something (else the first choice)
        ticked = [
            index
            for index, option in enumerate(menu.options)
            if option.id and option.id != CLEAR and self.session.filter_chosen(option.id)
        ]
        narrowing = [i for i in ticked if not menu.options[i].id.endswith((":", ":all"))]
        menu.highlighted = (narrowing or ticked or [1])[0]
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
