"""Plan and pace in the app: how much of a long timer was study, the goal form, and Today."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Static

from roadmap_tui.core.studytime import Goal, format_minutes, parse_duration, parse_hours
from roadmap_tui.core.textsafe import clean
from roadmap_tui.tui.screens.dialogs import FormScreen

# the forms here are narrower than FormScreen's
NARROW = "#pace-form { width: 72; }"


class TimerMinutesScreen(FormScreen[int | None]):
    """A timer left running: how many of its minutes were study. Dismissed with the minutes
    to log (0: none), or None to keep the timer running (esc)."""

    DEFAULT_CSS = NARROW
    BINDINGS = [Binding("escape", "cancel", "Keep running", show=True, id="timer.keep")]

    def __init__(self, title: str, ran: int) -> None:
        super().__init__()
        self.topic_title = title
        self.ran = ran

    def compose(self) -> ComposeResult:
        with Vertical(id="pace-form", classes="form"):
            heading = Text("The timer on ")
            heading.append(clean(self.topic_title), "bold")
            heading.append(f" ran for {format_minutes(self.ran)}. Left running?")
            yield Static(heading)
            yield Label(f"Minutes of study (0-{self.ran})")
            yield Input(id="timer-minutes", placeholder="e.g. 90", type="integer")
            yield Static(id="timer-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Log", id="timer-log", variant="primary")
                yield Button("Log nothing", id="timer-discard")
                yield Button("Keep running", id="timer-keep", classes="form-cancel")

    @on(Input.Submitted, "#timer-minutes")
    @on(Button.Pressed, "#timer-log")
    def submit_minutes(self) -> None:
        value = self.query_one("#timer-minutes", Input).value.strip()
        try:
            minutes = int(value)
        except ValueError:
            minutes = -1
        if not 0 <= minutes <= self.ran:
            self.error(f"Give the minutes that were study, from 0 to {self.ran}.")
            return
        self.dismiss(minutes)

    @on(Button.Pressed, "#timer-discard")
    def discard(self) -> None:
        self.dismiss(0)


class LogScreen(FormScreen[int | None]):
    """Log study time on a topic by hand: dismissed with the minutes (below 0: minutes to take
    back, at most ``logged`` of today's), or None (esc)."""

    DEFAULT_CSS = NARROW
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True, id="log.cancel")]

    def __init__(self, title: str, logged: int = 0) -> None:
        super().__init__()
        self.topic_title = title
        self.logged = logged

    def compose(self) -> ComposeResult:
        with Vertical(id="pace-form", classes="form"):
            heading = Text("Log study time on ")
            heading.append(clean(self.topic_title), "bold")
            yield Static(heading)
            yield Label("Time studied today (45m, 1h30m, 1.5h; -45m takes back a mistake)")
            yield Input(id="log-duration", placeholder="e.g. 45m")
            yield Static(id="log-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Log", id="log-save", variant="primary")
                yield Button("Cancel", id="log-cancel", classes="form-cancel")

    @on(Input.Submitted, "#log-duration")
    @on(Button.Pressed, "#log-save")
    def submit_duration(self) -> None:
        text = self.query_one("#log-duration", Input).value.strip()
        back = text.startswith("-")
        try:
            minutes = parse_duration(text.removeprefix("-"))
        except ValueError as exc:
            self.error(f"{exc}.")
            return
        if back and minutes > self.logged:
            have = f"only {format_minutes(self.logged)}" if self.logged else "no time"
            self.error(f"{have} logged today.")
            return
        self.dismiss(-minutes if back else minutes)


class GoalScreen(FormScreen[Goal | None]):
    """Set the goal: hours a week and an optional target date (for the core path, or for
    everything). Dismissed with the new goal (an empty one clears it), or None (esc)."""

    DEFAULT_CSS = NARROW
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True, id="goal.cancel")]

    def __init__(self, goal: Goal | None, today: date, default_hours: float | None = None) -> None:
        super().__init__()
        self.goal = goal or Goal()
        self.today = today
        self.default_hours = default_hours  # config.toml's weekly_goal

    def compose(self) -> ComposeResult:
        goal = self.goal
        with Vertical(id="pace-form", classes="form"):
            yield Static(Text("Your goal", style="bold"))
            if self.default_hours is None:
                yield Label("Hours a week (empty: none)")
            else:
                yield Label(f"Hours a week (empty: {self.default_hours:g} h from config.toml)")
            hours = "" if goal.weekly_hours is None else f"{goal.weekly_hours:g}"
            yield Input(hours, id="goal-hours", placeholder="e.g. 6")
            yield Label("Target date (empty: none)")
            by = goal.by.isoformat() if goal.by else ""
            yield Input(by, id="goal-by", placeholder="e.g. 2027-06-30")
            yield Checkbox(
                "The date is for everything, not only the core path",
                goal.scope == "all",
                id="goal-all",
            )
            yield Static(id="goal-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save", id="goal-save", variant="primary")
                yield Button("Cancel", id="goal-cancel", classes="form-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#goal-save")
    def save(self) -> None:
        hours_text = self.query_one("#goal-hours", Input).value.strip()
        by_text = self.query_one("#goal-by", Input).value.strip()
        hours = by = None
        if hours_text:
            try:
                hours = parse_hours(hours_text)
            except ValueError as exc:
                self.error(f"{exc}.")
                return
        if by_text:
            try:
                by = date.fromisoformat(by_text)
            except ValueError:
                self.error(f"Not a date: {by_text!r} (like 2027-06-30).")
                return
            if by <= self.today:
                self.error(f"{by.isoformat()} is not in the future.")
                return
        scope = "all" if self.query_one("#goal-all", Checkbox).value else "core"
        self.dismiss(Goal(hours, by, scope, self.goal.extra))


class TodayScreen(ModalScreen[None]):
    """What to do now: reviews due, the next topic and why, the week against the goal, a
    running timer, the streak. Closed with esc."""

    DEFAULT_CSS = """
    TodayScreen { align: center middle; }
    #today-box {
        width: 80; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    """
    BINDINGS = [Binding("escape,q,D", "dismiss", "Close", show=True, id="today.close")]

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="today-box"):
            page = Text("Today\n", style="bold")
            page.append(clean("\n".join(self.lines)))
            yield Static(page, id="today")
        yield Footer()
