"""The keys of the main screen. Each binding has an id (``main.`` and its action), the name a
keymap (``App.set_keymap``) would give it another key by."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


def _binding(key: str, action: str, description: str, *, id: str = "", **kwargs) -> Binding:
    """A binding of the main screen; its id (for a keymap) is ``main.`` and the action's name
    (with its parameter, if any) unless given."""
    if not id:
        name, _, parameter = action.removeprefix("app.").partition("(")
        parameter = parameter.rstrip(")").strip("'").replace("-", "_")
        id = f"{name}.{parameter}" if parameter else name
    return Binding(key, action, description, id=f"main.{id}", **kwargs)


MAIN_BINDINGS = [
    _binding("space", "toggle_done", "Done", tooltip="Toggle done on the highlighted topic"),
    _binding("i", "mark('in-progress')", "In progress", tooltip="Mark in progress"),
    _binding("s", "mark('skipped')", "Skipped", tooltip="Mark skipped"),
    _binding("r", "mark('todo')", "Reset", show=False, tooltip="Back to to do"),
    # priority: the input is mounted and focused inside the key's own handling, so keys
    # typed right after it go into the input (not to the tree, where they mark topics)
    _binding("n", "edit_note", "Note", tooltip="Edit the note in place", priority=True),
    _binding("e", "edit_external", "$EDITOR", show=False, tooltip="Edit the note in $EDITOR"),
    _binding("slash", "search", "Search", tooltip="Filter the tree by text", priority=True),
    _binding(
        "c",
        "choose('only')",
        "Choose",
        show=False,
        id="choose",
        tooltip="Choose the highlighted option of a pick-one choice (the others not chosen)",
    ),
    _binding("greater_than_sign", "match(1)", "Next match", show=False, id="next_match"),
    _binding("less_than_sign", "match(-1)", "Previous match", show=False, id="previous_match"),
    _binding("f", "cycle_filter", "Filter", tooltip="Cycle the status filter"),
    _binding(
        "m",
        "filter_menu",
        "Filters",
        show=False,
        tooltip="Filter by status, kind, level, section or note",
    ),
    _binding("w", "next_topic", "Next", tooltip="Jump to the next topic to learn"),
    _binding(
        "right_square_bracket",
        "unfinished(1)",
        "Next unfinished",
        show=False,
        id="next_unfinished",
    ),
    _binding(
        "left_square_bracket",
        "unfinished(-1)",
        "Previous unfinished",
        show=False,
        id="previous_unfinished",
    ),
    _binding("o", "open_resource", "Open link", show=False),
    _binding("y", "copy('id')", "Copy id", show=False, tooltip="Copy the topic's id"),
    _binding("Y", "copy('link')", "Copy link", show=False, tooltip="Copy the first link"),
    _binding("N", "copy('note')", "Copy note", show=False, tooltip="Copy the note"),
    _binding("u,ctrl+z", "undo", "Undo", show=False),
    _binding("ctrl+y", "redo", "Redo", show=False),
    _binding("E", "expand_all", "Expand all", show=False),
    _binding("C", "collapse_all", "Collapse all", show=False),
    _binding("F", "toggle_focus_mode", "Focus mode", show=False),
    _binding("d", "toggle_detail", "Details", show=False),
    _binding("left_curly_bracket", "resize_tree(-1)", "Narrower tree", show=False, id="narrower"),
    _binding("right_curly_bracket", "resize_tree(1)", "Wider tree", show=False, id="wider"),
    _binding("t", "stats", "Stats", tooltip="Statistics, activity and forecast"),
    _binding("R", "review", "Review", tooltip="Review the finished topics that are due"),
    _binding("P", "practise", "Practise", show=False, tooltip="Review the highlighted topic now"),
    _binding(
        "a",
        "add_question",
        "Add question",
        show=False,
        tooltip="Add a self-check question of your own to the highlighted topic",
    ),
    _binding("L", "link_work", "Link work", show=False, tooltip="Link your work: a path or URL"),
    _binding("x", "checklist", "Checklist", show=False, tooltip="Tick the project's checklist"),
    _binding(
        "T", "timer", "Timer", show=False, tooltip="Start or stop the study timer on the topic"
    ),
    _binding("D", "today", "Today", show=False, tooltip="What to do now"),
    _binding("question_mark,f1", "help", "Help", tooltip="Keys and symbols"),
    _binding("q", "app.quit", "Quit"),
]


# what a narrow footer keeps, whatever else it drops: the way to every other key, out, and
# (shown only while a search or a filter is on) the way back to the whole tree
KEPT_IN_FOOTER = ("help", "app.quit", "clear_view")


class FittingFooter(Footer):
    """A Footer that fits its width by hiding whole entries, the last ones first (the palette's
    key, then the screen's from its end, but never help, quit or clear), instead of letting its
    right edge cut an entry mid-word."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        self.call_after_refresh(self.fit)  # the new entries' widths are known once mounted

    def bindings_changed(self, screen: Screen) -> None:
        super().bindings_changed(screen)  # the keys again after the next refresh
        if not self.children and self.is_attached and screen is self.screen:
            # the first keys at once: the next refresh is the one that draws the first screen,
            # which would come without its footer
            self.call_later(self.first_keys)

    async def first_keys(self) -> None:
        await self.recompose()
        self.fit()

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        # in the order they show: the palette's key (docked right) is the last
        entries = [child for child in self.children if getattr(child, "action", None)]
        entries.sort(key=lambda entry: entry.has_class("-command-palette"))
        for entry in entries:
            entry.display = True
        # hide from the end, keeping help and quit, until the rest fits
        droppable = [entry for entry in entries if entry.action not in KEPT_IN_FOOTER]
        used = sum(self.width_of(entry) for entry in entries)
        width = self.size.width or self.app.size.width  # not laid out yet: the window's
        while used > width and droppable:
            entry = droppable.pop()
            entry.display = False
            used -= self.width_of(entry)

    def width_of(self, entry: Widget) -> int:
        """The cells ``entry`` takes in the footer: its text, padding and margins."""
        width = entry.get_content_width(self.size, self.app.size)
        return width + entry.styles.gutter.width + entry.styles.margin.width
