"""The boxes of lines in the detail pane: a topic's parts, prerequisites, practised topics
(:class:`Jump`) and resources (:class:`Link`)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static


class Lines(Static, can_focus=True):
    """The lines of one box of the detail pane, in one widget: click a line to follow it, or
    focus the box (tab), pick a line with up/down (or k/j) and press enter; esc goes back.

    One widget per box, not one per line: a cursor move redraws each box once, where a widget
    per line would each need Textual's styling and layout."""

    COMPONENT_CLASSES = {"lines--highlight", "lines--hover"}
    BINDINGS = [
        Binding("enter", "activate", "Follow", show=True, id="box.follow"),
        Binding("up,k", "move(-1)", "Up", show=False, id="box.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="box.down"),
        Binding("escape", "leave", "Back", show=True, id="box.back"),
    ]

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__("", id=id, classes=classes)
        self.items: list[tuple[Text, str]] = []
        self.highlighted = 0
        self._hover: int | None = None

    @property
    def targets(self) -> list[str]:
        return [target for _label, target in self.items]

    def set_items(self, items: list[tuple[Text, str]]) -> None:
        """Show these (label, target) lines; nothing happens when they are the ones shown."""
        if items == self.items:
            return
        if [target for _label, target in items] != self.targets:  # other lines, not new labels
            self.highlighted = 0
            self._hover = None
        self.items = items
        self._draw(layout=True)

    def _draw(self, layout: bool = False) -> None:
        marked = {}
        if self._hover is not None:
            marked[self._hover] = "lines--hover"
        if self.has_focus:
            marked[self.highlighted] = "lines--highlight"
        lines = []
        width = self.content_region.width
        for index, (label, target) in enumerate(self.items):
            label = self.shaped(label, target, width)
            if index in marked:
                label = label.copy()
                if label.cell_len < width:  # the mark spans the row, as a menu's does
                    label.pad_right(width - label.cell_len)
                label.stylize(self.get_component_rich_style(marked[index], partial=True))
            lines.append(label)
        self.update(Text("\n").join(lines), layout=layout)

    def on_resize(self) -> None:
        # the lines are shaped to the width (a long URL folded, a highlight spanning the row):
        # drawn again at the new one; its rows may differ, hence the layout
        self._draw(layout=True)

    def _heights(self) -> list[int]:
        """How many rows each line takes at the current width (a long one wraps)."""
        from textual.content import Content

        width = self.content_region.width
        return [
            Content.from_rich_text(self.shaped(label, target, width)).get_height(self.styles, width)
            for label, target in self.items
        ]

    def shaped(self, label: Text, target: str, width: int) -> Text:
        """A line's label as drawn at ``width`` (the same for drawing and for clicks)."""
        return label

    def index_at(self, y: int) -> int | None:
        """The line at ``y`` rows into the content."""
        top = 0
        for index, height in enumerate(self._heights() if y >= 0 else ()):
            top += height
            if y < top:
                return index
        return None

    def action_move(self, step: int) -> None:
        if not self.items:
            return
        highlighted = max(0, min(len(self.items) - 1, self.highlighted + step))
        if highlighted != self.highlighted:
            self.highlighted = highlighted
            self._draw()
        # keep the line in view inside the scrolling pane
        pane = self.query_ancestor(VerticalScroll)  # the detail pane
        top = self.content_region.y - pane.content_region.y + pane.scroll_offset.y
        row = top + sum(self._heights()[:highlighted])
        pane.scroll_to_region(Region(0, row, 1, 1), animate=False, immediate=True)

    def action_leave(self) -> None:
        """Back to where the keys move the cursor (the screen's first focus: the tree)."""
        first = self.screen.AUTO_FOCUS
        if first:
            self.screen.query_one(first).focus()

    def action_activate(self) -> None:
        if 0 <= self.highlighted < len(self.items):
            self.follow(self.items[self.highlighted][1])

    def follow(self, target: str) -> None:
        raise NotImplementedError

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        index = self.index_at(offset.y) if offset is not None else None
        if index is not None:
            self.highlighted = index
            self.follow(self.items[index][1])

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        hover = self.index_at(offset.y) if offset is not None else None
        if hover != self._hover:
            self._hover = hover
            self._draw()
            self.tooltip = self.tooltip_for(hover)

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self._draw()

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        self._draw()  # the highlighted line shows only while the box has focus

    def tooltip_for(self, index: int | None) -> str | None:
        return None


class Jump(Lines):
    """Lines that go to a topic: its parts, prerequisites or the topics a project practises."""

    class Selected(Message):
        def __init__(self, topic_id: str) -> None:
            self.topic_id = topic_id
            super().__init__()

    def follow(self, target: str) -> None:
        self.post_message(self.Selected(target))


class Link(Lines):
    """Resource links, opened in the browser (the url shows as a tooltip)."""

    BINDINGS = [Binding("enter", "activate", "Open link", show=True, id="link.open")]

    class Opened(Message):
        def __init__(self, url: str) -> None:
            self.url = url
            super().__init__()

    def follow(self, target: str) -> None:
        self.post_message(self.Opened(target))

    def tooltip_for(self, index: int | None) -> str | None:
        return self.items[index][1] if index is not None else None

    def shaped(self, label: Text, target: str, width: int) -> Text:
        """The label with its URL line (the one that is the target) folded after a "/" when
        it is wider than the box: never mid-word, as plain wrapping would."""
        rows = label.split("\n")
        if width <= 0 or not any(row.plain == target and row.cell_len > width for row in rows):
            return label
        shaped = []
        for row in rows:
            if row.plain == target and row.cell_len > width:
                shaped.extend(fold_at_slashes(row, width))
            else:
                shaped.append(row)
        return Text("\n").join(shaped)


def fold_at_slashes(line: Text, width: int) -> list[Text]:
    """``line`` cut into pieces of at most ``width`` cells, each ending after a "/" where
    one is in reach (a piece with none is cut at ``width``)."""
    plain = line.plain
    cuts = []
    start = 0
    while len(plain) - start > width:
        slash = plain.rfind("/", start, start + width)
        end = slash + 1 if slash >= start and slash + 1 > start else start + width
        cuts.append(end)
        start = end
    return list(line.divide(cuts))
