"""The texts of the detail pane: descriptions and notes as Markdown in the pane's own colours,
kept once rendered; the self-check questions; the notice under a text shown in part."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions
from rich.markdown import Markdown
from rich.style import Style
from rich.text import Text
from rich.theme import Theme
from textual.binding import Binding
from textual.strip import Strip
from textual.visual import RichVisual
from textual.widget import Widget

from roadmap_tui.core.longtext import head, size_label
from roadmap_tui.core.roadmap import Question
from roadmap_tui.core.textsafe import clean
from roadmap_tui.tui.links import WebLinksOnly
from roadmap_tui.tui.widgets.boxes import Lines

# rich's Markdown paints in fixed colours (inline code bold cyan on black, quotes magenta,
# bullets yellow): black blocks and faint text on a light theme. In the pane its elements keep
# the pane's own colours, which reach the theme's text contrast, and differ by weight, slant
# and underline instead.
PANE_MARKDOWN = Theme(
    {
        "markdown.code": "bold",
        "markdown.block_quote": "italic",
        "markdown.link": "underline",
        "markdown.link_url": "underline",
        "markdown.item.bullet": "bold",
        "markdown.item.number": "bold",
        "markdown.hr": "none",
        "markdown.h1.border": "none",
    }
)


class PaneMarkdown:
    """Markdown rendered with the pane's own colours (:data:`PANE_MARKDOWN`)."""

    def __init__(self, markdown: Markdown) -> None:
        self.markdown = markdown

    def __rich_console__(self, console: Console, options: ConsoleOptions):
        with console.use_theme(PANE_MARKDOWN):
            segments = list(console.render(self.markdown, options))
        yield from segments


def pane_markdown(text: str):
    """Markdown rendered by rich inside a Static: one widget to update, nothing to mount; only
    its http and https links become hyperlinks."""
    return WebLinksOnly(PaneMarkdown(Markdown(text, hyperlinks=True)))


def note_text(note: str) -> str:
    """The part of a note the pane renders (its first ``longtext.LIMIT`` characters)."""
    if not note or note.isspace():
        return "*No note yet. Press `n` to write one.*"
    return clean(head(note))


def cut_notice(text: str, shown: str, what: str, hint: str, style: Style) -> Text | None:
    """The line under a text shown in part: how much of it is shown and how to read all of
    it; None when all of it is shown."""
    if len(shown) >= len(text):
        return None
    return Text(
        f"Showing the first {size_label(len(shown))} of this {size_label(len(text))} {what}; "
        f"{hint}.",
        style=style + Style(italic=True),
    )


class Questions(Lines):
    """The self-check questions of a topic, answers hidden: enter (or a click) on a question
    shows its answer, again hides it. The learner's own questions are marked "mine"."""

    BINDINGS = [Binding("enter", "activate", "Show answer", show=True, id="selfcheck.show")]

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.questions: list[tuple[Question, bool]] = []
        self.revealed: set[int] = set()
        self.topic_id: str | None = None

    def set_questions(self, topic_id: str, questions: list[tuple[Question, bool]]) -> None:
        """Show these (question, own) of a topic; another topic starts with every answer
        hidden."""
        if topic_id != self.topic_id or questions != self.questions:
            if topic_id != self.topic_id:
                self.revealed = set()
            self.topic_id = topic_id
            self.questions = questions
            self._relabel()

    def _relabel(self) -> None:
        items = []
        for index, (question, own) in enumerate(self.questions):
            label = Text()
            label.append("? ", "bold")
            label.append(clean(question.q))
            if own:
                label.append("  mine", "italic bold")
            if index in self.revealed:  # in the pane's colour: green is faint on light themes
                label.append("\n  ")
                label.append(clean(question.a) or "(no answer written)")
            items.append((label, str(index)))
        self.set_items(items)

    def follow(self, target: str) -> None:
        index = int(target)
        self.revealed ^= {index}
        self._relabel()


class Rendered(RichVisual):
    """A rich renderable (a description's Markdown) that keeps what it rendered: its height
    and lines for each width and style: each layout and repaint of the shown topic, and a
    description met again, cost no parsing and no rendering."""

    def __init__(self, widget: Widget, renderable) -> None:
        super().__init__(widget, renderable)
        self._heights: dict[int, int] = {}
        self._strips: dict[tuple, list[Strip]] = {}

    def get_height(self, rules, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().get_height(rules, width)
        return height

    def render_strips(self, width: int, height: int | None, style, options) -> list[Strip]:
        if options.selection is not None:  # text being selected with the mouse: as it is
            return super().render_strips(width, height, style, options)
        key = (width, height, style)
        strips = self._strips.get(key)
        if strips is None:
            if len(self._strips) > 4:
                self._strips.clear()
            strips = self._strips[key] = super().render_strips(width, height, style, options)
        return strips
