"""The top bar: roadmap title, overall progress, active filters and the save indicator."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from roadmap_tui.core.stats import Tally
from roadmap_tui.core.textsafe import clean

FILTER_LABEL = {
    "all": "",
    "todo": "to do",
    "in-progress": "in progress",
    "done": "done",
    "skipped": "skipped",
    "not-chosen": "not chosen",
}


def progress_bar(percent: float, width: int) -> Text:
    filled = round(width * percent / 100)
    bar = Text()
    bar.append("█" * filled, "green")
    bar.append("░" * (width - filled), "dim")
    return bar


class ProgressHeader(Static):
    """One line: title, bar, "42% · 61 done · 5 in progress", filters, saved state. It says
    more when it is wider, so it is drawn again when its width changes."""

    shown: tuple | None = None

    def on_resize(self) -> None:
        if self.shown is not None:
            args, kwargs = self.shown
            self.render_header(*args, **kwargs)

    def render_header(self, *args, **kwargs) -> None:
        self.shown = (args, kwargs)
        self.draw(*args, **kwargs)

    def draw(
        self,
        title: str,
        tally: Tally,
        *,
        status_filter: str = "all",
        search: str = "",
        focus_mode: bool = False,
        save_state: str = "",
    ) -> None:
        width = self.size.width or 100
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f" {clean(title)} ", "bold reverse")
        line.append(" ")
        bar_width = 20 if width >= 100 else 10
        line.append_text(progress_bar(tally.percent, bar_width))
        line.append(f" {tally.percent:.0f}%", "bold")
        line.append(f" · {tally.done} done · {tally.in_progress} in progress")
        if width >= 110:
            line.append(f" · {tally.skipped} skipped · {tally.todo} to do", "dim")
        tags = []
        if status_filter != "all":
            tags.append(f"filter: {FILTER_LABEL[status_filter]}")
        if focus_mode:
            tags.append("focus: essentials")
        if search:
            tags.append(f"search: {clean(search)}")
        for tag in tags:
            line.append("  ")
            line.append(f" {tag} ", "reverse yellow")
        if save_state:
            line.append("  ")
            style = "bold red" if save_state.startswith("not saved") else "dim green"
            line.append(save_state, style)
        self.update(line, layout=False)  # always one line high
