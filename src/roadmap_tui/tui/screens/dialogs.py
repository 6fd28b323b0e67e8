"""Modal screens: help, confirmation, the corrupt-progress error screen, and the base of the
small forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Static

# The help screen's keys, by group: (keys, what they do). The README's key table lists the same
# rows (tests/tui/test_dialogs.py checks). Short enough for two columns at 80x24.
HELP_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Move",
        (
            ("↑ ↓  k j", "move"),
            ("← →  h l", "collapse / expand"),
            ("enter", "expand or collapse"),
            ("g G", "first / last line"),
            ("] [", "next / prev. unfinished"),
            ("w", "next topic to learn"),
            ("tab", "into the pane (esc: back)"),
        ),
    ),
    (
        "Mark",
        (
            ("space", "toggle done"),
            ("i", "in progress"),
            ("s", "skipped"),
            ("r", "back to to do"),
            ("c", "choose this option"),
            ("u  ctrl+z", "undo"),
            ("ctrl+y", "redo"),
            ("L x", "link work, checklist"),
        ),
    ),
    (
        "Copy",
        (("y Y N", "copy id, first link, note"),),
    ),
    (
        "Notes",
        (
            ("n", "edit the note in place"),
            ("e", "edit it in $EDITOR"),
        ),
    ),
    (
        "Search and filter",
        (
            ("/  > <", "search, next / prev. match"),
            ("f m", "next status filter, menu"),
            ("F", "focus mode: essentials"),
            ("esc", "clear search, then filters"),
        ),
    ),
    (
        "Views",
        (
            ("E C", "expand / collapse all"),
            ("d", "show / hide the details"),
            ("{ }", "narrower / wider tree"),
            ("t T D", "stats, study timer, today"),
            ("R P a", "review, practise, add Q"),
            ("o", "open the first link"),
        ),
    ),
    (
        "App",
        (
            ("ctrl+p", "palette: topics, actions"),
            ("? F1", "this help"),
            ("q", "quit"),
        ),
    ),
)
HELP_COLUMNS = (("Move", "Mark", "Copy"), ("Notes", "Search and filter", "Views", "App"))
HELP_SYMBOLS = (
    "○ to do  ◐ in progress  ● done  ⊘ skipped  ✎ has a note  bold: core topic",
    "rec alt opt: kinds · 3/8: complete/all · choose 1 of 3 · italic: not chosen",
)
# the words of HELP_SYMBOLS drawn as the tree draws what they name; the lines in the screen's
# own text colour, never "dim", which falls below 4.5:1 (tests/tui/test_contrast.py)
HELP_SAMPLES = {"core topic": "bold", "not chosen": "italic"}
HELP_KEY_WIDTH = 9
HELP_WIDTH = 79  # the help box's width (app.tcss), which its two columns need
# the bindings (by id) whose keys each row of the help shows: a row whose bindings the user's
# keymap remaps shows their keys as remapped
HELP_IDS: dict[str, tuple[str, ...]] = {
    "↑ ↓  k j": ("tree.up", "tree.down"),
    "← →  h l": ("tree.collapse", "tree.expand"),
    "enter": ("tree.toggle",),
    "g G": ("tree.top", "tree.bottom"),
    "] [": ("main.next_unfinished", "main.previous_unfinished"),
    "w": ("main.next_topic",),
    "space": ("main.toggle_done",),
    "i": ("main.mark.in_progress",),
    "s": ("main.mark.skipped",),
    "r": ("main.mark.todo",),
    "c": ("main.choose",),
    "u  ctrl+z": ("main.undo",),
    "ctrl+y": ("main.redo",),
    "n": ("main.edit_note",),
    "e": ("main.edit_external",),
    "/  > <": ("main.search", "main.next_match", "main.previous_match"),
    "f": ("main.cycle_filter",),
    "F": ("main.toggle_focus_mode",),
    "esc": ("main.clear_view",),
    "E C": ("main.expand_all", "main.collapse_all"),
    "d": ("main.toggle_detail",),
    "t": ("main.stats",),
    "R P a": ("main.review", "main.practise", "main.add_question"),
    "o": ("main.open_resource",),
    "? F1": ("main.help",),
    "q": ("main.quit",),
}


def remapped_keys(app) -> Callable[[str], str]:
    """For a help row's keys, the keys as the app's keymap has them: the row's own text when
    none of its bindings is remapped, else each binding's keys (two spaces between bindings)."""
    keymap = app.settings.keymap if hasattr(app, "settings") else {}
    ids_remapped = {i for ids in HELP_IDS.values() for i in ids if i in keymap}
    if not ids_remapped:
        return lambda keys: keys
    from roadmap_tui.tui import keymap as keymaps

    known = keymaps.bindings()

    def show(keys: str) -> str:
        ids = HELP_IDS.get(keys, ())
        if not any(i in ids_remapped for i in ids):
            return keys
        return "  ".join(
            " ".join(
                app.get_key_display(Binding(key.strip(), ""))
                for key in (keymap.get(i) or known[i].key).split(",")  # remapped, else its own
            )
            for i in ids
        )

    return show


def help_renderable(keys_shown: Callable[[str], str] = lambda keys: keys, *, stacked=False):
    """The help screen's content: the key groups in two columns (``stacked``: one below the
    other, for a narrow window), then the tree's symbols, each row's keys as ``keys_shown``
    gives them (remapped)."""
    from rich.console import Group
    from rich.table import Table

    groups = dict(HELP_GROUPS)
    columns = []
    for names in HELP_COLUMNS:
        parts = []
        for name in names:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(style="bold", no_wrap=True, min_width=HELP_KEY_WIDTH)
            grid.add_column(no_wrap=True)
            for keys, action in groups[name]:
                grid.add_row(Text(keys_shown(keys)), action)
            parts += [Text(name, style="bold underline"), grid]
        columns.append(Group(*parts))
    # the symbols right below the keys (no blank line): everything fits one 80x24 screen
    symbols = Text("\n".join(HELP_SYMBOLS))
    for words, style in HELP_SAMPLES.items():
        symbols.highlight_words([words], style)
    if stacked:
        return Group(*columns, symbols)
    outer = Table.grid(padding=(0, 3))
    outer.add_row(*columns)
    return Group(outer, symbols)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", show=True, id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:  # scrolls in a window shorter than it
            box.border_title = "roadmap-tui keys"
            yield Static(self.keys(self.app.size.width), id="help-text")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#help-text", Static).update(self.keys(event.size.width))

    def keys(self, width: int):
        """The keys in two columns where they fit (HELP_WIDTH), else one below the other."""
        return help_renderable(remapped_keys(self.app), stacked=width < HELP_WIDTH)


def topics(count: int) -> str:
    return f"{count} topic" if count == 1 else f"{count} topics"


class ConfirmBranchScreen(ModalScreen[str | None]):
    """Ask how to mark a branch: everything under it, only the branch, or cancel. A section has
    no status of its own: it offers everything under it or cancel."""

    BINDINGS = [
        Binding("y,a", "dismiss('all')", "Everything", show=True, id="branch.all"),
        Binding("o,n", "dismiss('one')", "Only this", show=True, id="branch.one"),
        Binding("escape", "dismiss", "Cancel", show=True, id="branch.cancel"),
    ]

    def __init__(
        self, title: str, status_label: str, count: int, *, section: bool = False, left: str = ""
    ):
        """``count``: the topics under the branch the mark changes (a section: the topics it
        holds); ``left``: what it leaves ("8 not chosen, left as they are")."""
        super().__init__()
        self.topic_title = title
        self.status_label = status_label
        self.count = count
        self.section = section
        self.left = left

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            question = Text(f"Mark the {topics(self.count)} of " if self.section else "Mark ")
            question.append(self.topic_title, "bold")
            question.append(f" as {self.status_label}?")
            yield Static(question, id="question")
            detail = "" if self.section else f"It has {topics(self.count)} under it."
            if self.left:
                detail += f" {self.left[:1].upper()}{self.left[1:]}."
            if detail:
                yield Static(detail.strip(), id="question-detail", classes="dim")
            total = self.count if self.section else self.count + 1
            with Horizontal(id="dialog-buttons"):
                yield Button(f"All {total} (y)", id="all", variant="primary")
                if not self.section:
                    yield Button("Only this one (o)", id="one")
                yield Button("Cancel (esc)", id="cancel")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "only this one" means nothing for a section (it has no status of its own)
        return not (self.section and action == "dismiss" and parameters == ("one",))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"all": "all", "one": "one"}.get(event.button.id or ""))


Result = TypeVar("Result")


class FormScreen(ModalScreen[Result]):
    """A small form in a box (``.form``): its first input has focus, a problem shows on its
    ``.form-error`` line, and esc (the ``cancel`` action) or a ``.form-cancel`` button
    dismisses it with None."""

    DEFAULT_CSS = """
    FormScreen {
        align: center middle;
        .form {
            width: 80; max-width: 95%; height: auto; padding: 1 2;
            border: thick $primary; background: $surface;
        }
        .form Label { margin-top: 1; }
        .form-error { color: $error; height: auto; }
        .form-buttons { height: auto; margin-top: 1; }
        .form-buttons Button { margin-right: 2; }
    }
    """

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def error(self, message: str) -> None:
        self.query_one(".form-error", Static).update(Text(message))

    @on(Button.Pressed, ".form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class LinkScreen(ModalScreen[None]):
    """A link that no browser here can open: shown (select it with the mouse; a terminal that
    knows links opens it on a click) and already copied to the clipboard."""

    BINDINGS = [Binding("escape,enter,q,o", "dismiss", "Close", show=True, id="link.close")]

    def __init__(self, url: str, reason: str) -> None:
        super().__init__()
        self.url = url
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(f"No browser to open the link: {self.reason}.", style="bold"))
            yield Static(Text(self.url, style=Style(link=self.url)), id="link-url")
            yield Static(
                Text("It is copied to the clipboard. Open it in a browser on your computer."),
                classes="dim",
            )
        yield Footer()


class QuitAnywayScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "dismiss(True)", "Quit anyway", show=True, id="quit.anyway"),
        Binding("n,escape", "dismiss(False)", "Stay", show=True, id="quit.stay"),
    ]

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Some changes are not saved yet", style="bold red"))
            yield Static(Text(self.reason))
            yield Static("Quit anyway and lose them (y), or stay and let the app retry (n)?")
        yield Footer()


class ProgressErrorScreen(Screen[str]):
    """The progress file cannot be read: say why and where; never overwrite it."""

    BINDINGS = [
        Binding("q,escape", "dismiss('quit')", "Quit", show=True, id="error.quit"),
        Binding("m", "dismiss('fresh')", "Move aside, start fresh", show=True, id="error.fresh"),
    ]

    def __init__(self, message: str, path: str) -> None:
        super().__init__()
        self.message = message
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(
                Text("Your progress file cannot be read", style="bold red"), id="error-title"
            )
            yield Static(Text(self.message), id="error-message")
            yield Static(
                Text(
                    "It has not been changed. Fix it in an editor and start again, or move it "
                    "aside (it is renamed, not deleted) and start with empty progress."
                ),
                id="error-help",
            )
            with Horizontal(id="dialog-buttons"):
                yield Button("Quit (q)", id="quit", variant="primary")
                yield Button("Move aside and start fresh (m)", id="fresh", variant="warning")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "quit")


class StatsScreen(ModalScreen[None]):
    """Statistics: progress per section, hours, activity heatmap, streaks, pace, review
    (reviews per day, retention, what falls due, what needs relearning), forecast."""

    BINDINGS = [
        Binding("escape,q,t", "dismiss", "Close", show=True, id="stats.close"),
        Binding("g", "goal", "Set goal", show=True, id="stats.goal"),
        Binding("m", "toggle_minutes", "Minutes/changes", show=True, id="stats.minutes"),
    ]

    def __init__(self, parts) -> None:
        """``parts``: the arguments of :func:`report.stats_renderable` but ``minutes``."""
        super().__init__()
        self.parts = parts
        self.minutes = False  # the calendar: topics changed a day, or minutes studied (m)
        self.renderable = self.render_stats()

    def render_stats(self):
        from roadmap_tui import report

        return report.stats_renderable(*self.parts, minutes=self.minutes)

    def action_toggle_minutes(self) -> None:
        """m: the activity calendar switches between topics changed and minutes studied."""
        self.minutes = not self.minutes
        self.renderable = self.render_stats()
        self.query_one("#stats", Static).update(self.renderable)

    @classmethod
    def of(
        cls, roadmap, entries, activity, today, reviews, studied, goal, first_weekday
    ) -> StatsScreen:
        """The statistics of these entries, review logs and study time (``today`` None: the
        real today; ``first_weekday``: the day study weeks start on, Monday 0 .. Sunday 6)."""
        from datetime import UTC, date, datetime, time

        from roadmap_tui.core.choices import Choices
        from roadmap_tui.core.history import history
        from roadmap_tui.core.pace import pace
        from roadmap_tui.core.review import review_stats, schedules
        from roadmap_tui.core.stats import summary

        statuses = {tid: e.status for tid, e in entries.items()}
        tally = summary(roadmap, statuses, Choices.of_entries(roadmap, entries))
        hist = history(
            roadmap, entries, activity, today or date.today(), first_weekday=first_weekday
        )
        found = schedules(entries, reviews, (t.id for t in roadmap.topics()))
        # a fixed ``today`` (tests) stands for its noon, so what is due follows it too
        now = datetime.now(UTC) if today is None else datetime.combine(today, time(12), UTC)
        review = review_stats(found, reviews, now)
        study = pace(roadmap, entries, studied, goal, today or date.today(), first_weekday)
        return cls((roadmap, tally, hist, review, study))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-box"):
            yield Static(self.renderable, id="stats")
        yield Footer()

    def action_goal(self) -> None:
        """g: close the statistics and set the goal (the main screen owns the form)."""
        main = self.app.main_screen()
        self.dismiss(None)
        if main is not None:
            main.action_goal()
