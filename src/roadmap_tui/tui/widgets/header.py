"""The top bar: roadmap title, overall progress, active filters and the save indicator."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from roadmap_tui.core.stats import Tally, format_percent
from roadmap_tui.core.textsafe import clean
from roadmap_tui.report import bar


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
        filters: tuple[str, ...] = (),
        search: str = "",
        focus_mode: bool = False,
        save_state: str = "",
        due: int = 0,
        timer: str = "",
        week: str = "",
    ) -> None:
        """``timer``: the running study timer ("◷ HTTP 25m"); ``week``: this week against the
        goal ("this week 3.5 / 6 h")."""
        width = self.size.width or 100
        failed = save_state.startswith("not saved")
        # what always shows: the bar and the percent, and a failed save right after them
        # (it outranks everything); the title gets what is left of the line, shortened
        essential = Text(" ")
        essential.append_text(bar(tally.percent, 20 if width >= 100 else 10))
        essential.append(f" {format_percent(tally.percent)}", "bold")
        if due:  # topics due for review: R reviews them
            essential.append(f"  {due} due", "bold yellow")
        if timer:  # a running timer always shows: it is easy to forget
            essential.append("  ")
            essential.append(clean(timer), "bold magenta")
        if failed:
            essential.append("  ")
            essential.append(save_state, "bold red")
        # the filters come next (what the tree shows depends on them), then the counts and the
        # save indicator while they fit
        tags = Text()
        labels = []
        if filters:  # every filter in force, in words ("in progress · core")
            labels.append(f"filter: {' · '.join(clean(w) for w in filters)}")
        if focus_mode:
            labels.append("focus: essentials")
        if search:
            labels.append(f"search: {clean(search)}")
        for label in labels:
            tags.append("  ")
            tags.append(f" {label} ", "reverse yellow")
        counts = Text(f" · {tally.done} done · {tally.in_progress} in progress")
        # this week against the goal comes before the dim counts, which go first when short
        weekly = Text(f" · {week}", "cyan") if week else Text()
        more = Text(f" · {tally.skipped} skipped · {tally.todo} to do", "dim")
        saved = (
            Text.assemble("  ", (save_state, "dim green")) if save_state and not failed else Text()
        )

        name = clean(title)
        room = width - essential.cell_len - min(tags.cell_len, width // 3) - 3
        if len(name) > room:
            name = name[: max(room - 1, 0)] + "…" if room >= 6 else ""
        line = Text(no_wrap=True, overflow="ellipsis")
        if name:
            line.append(f" {name} ", "bold reverse")
        line.append_text(essential)
        if line.cell_len + counts.cell_len + tags.cell_len <= width:
            line.append_text(counts)
            if line.cell_len + weekly.cell_len + tags.cell_len <= width:
                line.append_text(weekly)
            if width >= 110 and line.cell_len + more.cell_len + tags.cell_len <= width:
                line.append_text(more)
        line.append_text(tags)
        if line.cell_len + saved.cell_len <= width:
            line.append_text(saved)
        self.update(line, layout=False)  # always one line high
