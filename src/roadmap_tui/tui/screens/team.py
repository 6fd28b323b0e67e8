"""The team view in the app: a study group's folder (one progress file per member) read and
shown side by side, as ``roadmap-tui team DIR`` prints it. Read-only."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from roadmap_tui.core.roadmap import Roadmap
from roadmap_tui.core.textsafe import clean
from roadmap_tui.storage import paths


class TeamScreen(ModalScreen[None]):
    """Type the group's folder and press enter: each member's progress per section, streak
    and this week's activity; the files that cannot be shown, with why."""

    DEFAULT_CSS = """
    TeamScreen { align: center middle; }
    #team-box { width: 90%; height: 90%; border: round $accent; background: $surface; }
    #team-folder { margin: 0 1; }
    #team-scroll { height: 1fr; padding: 0 1; }
    """

    BINDINGS = [Binding("escape", "dismiss", "Close", show=True, id="team.close")]

    def __init__(self, roadmap: Roadmap) -> None:
        super().__init__()
        self.roadmap = roadmap

    def compose(self) -> ComposeResult:
        with Vertical(id="team-box") as box:
            box.border_title = "Team view"
            yield Input(
                placeholder="the group's folder: one progress file per member (NAME.toml)",
                id="team-folder",
            )
            with VerticalScroll(id="team-scroll"):
                yield Static(Text("Type the folder and press enter."), id="team-table")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.show(event.value)

    def show(self, folder: str) -> None:
        """Read the folder's files and show the table (or, in one line, why not)."""
        from roadmap_tui.report import team_table
        from roadmap_tui.storage.team import TeamError, team_of

        table = self.query_one("#team-table", Static)
        if not folder.strip():
            table.update(Text("Type the folder and press enter."))
            return
        try:
            first_weekday = self.app.settings.week_start_day
            members, unreadable = team_of(
                paths.expand(folder.strip()), self.roadmap, date.today(), first_weekday
            )
        except TeamError as exc:
            table.update(Text(clean(str(exc))))
            return
        table.update(team_table(self.roadmap, members, unreadable))
