"""The practice part of the detail pane: the learner's links to their work (a local repository
with what git says of it, or a URL) and a project's checklist with its ticks."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from roadmap_tui.core.practice import is_url
from roadmap_tui.core.textsafe import clean
from roadmap_tui.tui.widgets.boxes import Lines


@dataclass(frozen=True, slots=True)
class PaneWork:
    """What the pane shows of a topic's practice: each link with a line about it ("" for a
    URL), and each checklist item's text with its tick (empty: no checklist)."""

    links: tuple[tuple[str, str], ...] = ()
    items: tuple[tuple[str, bool], ...] = ()


class WorkLinks(Lines):
    """The learner's links: enter (or a click) opens a URL, or shows and copies a path;
    delete removes the highlighted link."""

    BINDINGS = [
        Binding("enter", "activate", "Open", show=True, id="work.open"),
        Binding("delete", "remove", "Remove link", show=True, id="work.remove"),
    ]

    class Opened(Message):
        def __init__(self, link: str) -> None:
            self.link = link
            super().__init__()

    class Removed(Message):
        def __init__(self, link: str) -> None:
            self.link = link
            super().__init__()

    def follow(self, target: str) -> None:
        self.post_message(self.Opened(target))

    def action_remove(self) -> None:
        if 0 <= self.highlighted < len(self.items):
            self.post_message(self.Removed(self.items[self.highlighted][1]))

    def tooltip_for(self, index: int | None) -> str | None:
        return self.items[index][1] if index is not None else None


def link_lines(work: PaneWork) -> list[tuple[Text, str]]:
    """The lines of the links box: the link, then (for a path) what its repository says."""
    lines = []
    for link, info in work.links:
        label = Text()
        label.append("[web] " if is_url(link) else "[dir] ", "dim")
        label.append(clean(link), "underline" if is_url(link) else "")
        if info:
            label.append(f"\n  {clean(info)}", "dim")
        lines.append((label, link))
    return lines


def checklist_renderable(work: PaneWork):
    """The checklist: one row an item, ticked or not (a long item wraps under its text, not
    under its tick), then how to tick."""
    from rich.console import Group
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for n, (item, ticked) in enumerate(work.items, start=1):
        tick = Text("[x]", "green") if ticked else Text("[ ]", "dim")
        grid.add_row(tick, Text(f"{n}. {clean(item)}"))
    return Group(grid, Text("x: tick items · L: link your work", "dim italic"))


def checklist_heading(work: PaneWork) -> str:
    ticked = sum(done for _, done in work.items)
    return f"Checklist {ticked}/{len(work.items)}"
