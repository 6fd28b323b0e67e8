"""The detail pane: everything about the highlighted topic, following the cursor."""

from __future__ import annotations

from collections import OrderedDict

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from roadmap_tui.core.longtext import head
from roadmap_tui.core.roadmap import Question, Roadmap, Topic
from roadmap_tui.core.stats import plural
from roadmap_tui.core.studytime import spent_text
from roadmap_tui.core.symbols import GLYPHS, STATUS_LABEL
from roadmap_tui.core.textsafe import clean
from roadmap_tui.storage.progress import TopicProgress
from roadmap_tui.tui.widgets.boxes import Jump, Lines, Link
from roadmap_tui.tui.widgets.note_editor import NoteEditor
from roadmap_tui.tui.widgets.pane_text import (
    Questions,
    Rendered,
    cut_notice,
    note_text,
    pane_markdown,
)
from roadmap_tui.tui.widgets.practice import (
    PaneWork,
    WorkLinks,
    checklist_heading,
    checklist_renderable,
    link_lines,
)

__all__ = ["Jump", "Link", "NoteEditor", "Questions", "TopicView"]

STATUS_BUTTONS = (
    ("todo", "○ to do"),
    ("in-progress", "◐ in progress"),
    ("done", "● done"),
    ("skipped", "⊘ skipped"),
)


BOXES = (
    ("children", "Parts"),
    ("prerequisites", "Prerequisites"),
    ("practises", "Practises"),
    ("resources", "Resources"),
)
DESCRIPTIONS_KEPT = 64  # rendered descriptions kept (a few hundred KB at most)


def _show(widget: Widget, shown: bool) -> None:
    """Show or hide a widget; only a change touches its style (each costs a layout pass)."""
    if widget.display != shown:
        widget.display = shown


class TopicView(VerticalScroll):
    """Shows one topic. The app calls :meth:`show` whenever the cursor or its data changes.

    Colours are the theme's, through component classes (app.tcss), and follow a change of
    theme: rich's fixed colours and ``dim`` fall below readable contrast on light themes.

    Its scrollbar is always shown (``overflow-y: scroll``): one that came and went with the
    length of the topic would change the text's width and re-wrap it under the reader's eyes."""

    COMPONENT_CLASSES = {
        "topic-view--muted",  # secondary details: link types and URLs, topic ids, notices
        "topic-view--todo",
        "topic-view--in-progress",
        "topic-view--done",
        "topic-view--skipped",
    }

    class StatusClicked(Message):
        def __init__(self, topic_id: str, status: str) -> None:
            self.topic_id = topic_id
            self.status = status
            super().__init__()

    def __init__(self, roadmap: Roadmap, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self.roadmap = roadmap
        self.topic_id: str | None = None
        self._shown_key: tuple | None = None
        self._moving = False
        self._description_source: str | None = None
        self._note_source: str | None = None
        self._checklist_source: tuple | None = None
        self._last: dict[str, Text] = {}
        self._parts: dict[str, Widget] = {}
        self._editor: NoteEditor | None = None
        self._descriptions: OrderedDict[str, Rendered] = OrderedDict()
        self._notes: OrderedDict[str, Rendered] = OrderedDict()
        self._styles: dict[str, Style] = {}  # component class -> its style in this theme
        self._shown_with: tuple[tuple, dict] | None = None  # the arguments of the last show

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme) -> None:
        """Draw the shown topic again in the new theme's colours."""
        self._styles = {}
        if self._shown_with is not None:
            args, kwargs = self._shown_with
            self.forget()
            self.show(*args, **kwargs)

    def _style(self, name: str) -> Style:
        """The colour and text style of a component class (``topic-view--NAME``) in the
        current theme (resolved against the pane's background; the background is left out)."""
        style = self._styles.get(name)
        if style is None:
            full = self.get_component_rich_style(f"topic-view--{name}")
            style = self._styles[name] = Style(color=full.color, bold=full.bold, italic=full.italic)
        return style

    def compose(self) -> ComposeResult:
        yield Static(id="crumbs")
        yield Static(id="title")
        with Horizontal(id="status-row"):
            for status, label in STATUS_BUTTONS:
                yield Button(label, id=f"status-{status}", compact=True, classes="status")
        yield Static(id="meta")
        yield Static(id="next-reason")
        yield Static(id="choice-note")
        yield Static(id="summary")
        yield Static(id="description")
        yield self._hidden(Static(id="description-cut"))
        for box_id, heading in BOXES:
            with Vertical(id=box_id):
                yield Label(heading, classes="heading")
                kind = Link if box_id == "resources" else Jump
                yield kind(id=f"{box_id}-lines", classes=kind.__name__.lower())
        with Vertical(id="selfcheck"):
            yield Label("Self-check", classes="heading")
            yield Static(id="review-state")
            yield Questions(id="selfcheck-lines", classes="jump")
        # practice evidence: the learner's links to their work, a project's checklist
        with Vertical(id="work"):
            yield Label("Your work", classes="heading")
            yield WorkLinks(id="work-lines", classes="link")
        with Vertical(id="checklist"):
            yield Label("Checklist", id="checklist-heading", classes="heading")
            yield Static(id="checklist-lines", classes="jump")
        yield Label("Note", id="note-heading", classes="heading")
        yield Static(id="note")
        yield self._hidden(Static(id="note-cut"))
        # the note editor is mounted on the first `n` (a lighter first screen)
        yield Static(id="dates")

    @staticmethod
    def _hidden(widget: Widget) -> Widget:
        widget.display = False
        return widget

    def _part(self, selector: str) -> Widget:
        """A child widget by its id, looked up once (a query walks the whole pane)."""
        widget = self._parts.get(selector)
        if widget is None:
            widget = self._parts[selector] = self.query_one(selector)
        return widget

    def _static(self, selector: str) -> Static:
        widget = self._part(selector)
        assert isinstance(widget, Static)
        return widget

    @property
    def editor(self) -> NoteEditor | None:
        return self._editor

    # ------------------------------------------------------------------ rendering

    def show(
        self,
        topic: Topic,
        entry: TopicProgress,
        status_of,
        counts: tuple[int, int] | None,
        next_reason: str | None,
        *,
        choice_note: str | None = None,
        questions: list[tuple[Question, bool]] | None = None,
        review_state: str = "",
        hours: float | None = None,
        work: PaneWork | None = None,
        studied: int = 0,
    ) -> None:
        """Show ``topic``; ``questions`` are its self-check questions (question, the
        learner's own), ``review_state`` what its review says ("due now", ...), ``work`` its
        practice evidence (links to the learner's work, its checklist), ``studied`` the minutes
        of study logged on it (on a section: on its topics)."""
        self._shown_with = (
            (topic, entry, status_of, counts, next_reason),
            dict(
                choice_note=choice_note,
                questions=questions,
                review_state=review_state,
                hours=hours,
                work=work,
                studied=studied,
            ),
        )
        questions = questions or []
        key = (
            topic.id,
            tuple(questions),
            review_state,
            entry,
            next_reason,
            choice_note,
            counts,
            hours,
            work,
            studied,
            tuple(status_of(p) for p in topic.prerequisites),
            tuple(status_of(c.id) for c in topic.children),
        )
        if key == self._shown_key:
            return
        moved = self._moving = self.topic_id != topic.id
        self._shown_key = key
        self.topic_id = topic.id
        roadmap = self.roadmap
        crumbs = " › ".join(clean(p.title) for p in roadmap.parents(topic.id))
        self._put("#crumbs", Text(crumbs))  # in $text-muted (app.tcss)
        title = Text(clean(topic.title), style="bold")
        self._put("#title", title)

        _show(self._part("#status-row"), not topic.is_section)
        for status, _label in STATUS_BUTTONS:
            self._part(f"#status-{status}").set_class(entry.status == status, "-current")

        meta = Text()
        if topic.is_section:
            complete, total = counts or (0, 0)
            meta.append(f"{complete} of {plural(total, 'topic')} complete", "bold")
            # the hours the section counts (``hours``: a choice not made as its typical option)
            if hours is None:
                hours = sum(t.hours for t in topic.walk())
            if studied:
                meta.append(f" · {spent_text(studied, hours)}")
            elif hours:
                meta.append(f" · ~{hours:g} h")
        else:
            meta.append(
                f"{GLYPHS[entry.status]} {STATUS_LABEL[entry.status]}", self._style(entry.status)
            )
            meta.append(f" · {topic.kind} · {topic.level}")
            if studied:  # the time spent against the estimate: "4.5 h of ~6 h"
                meta.append(f" · {spent_text(studied, topic.hours)}")
            elif topic.hours:  # no estimate: no hours (rather than "~0 h")
                meta.append(f" · ~{topic.hours:g} h")
            if roadmap.sources:
                meta.append(f" · listed by {len(topic.sources)} of {len(roadmap.sources)} roadmaps")
            if counts:
                meta.append(f" · {counts[0]}/{counts[1]} parts complete")
            if hours is not None and hours != topic.hours:  # its parts as every total counts them
                meta.append(f" · ~{hours:g} h with its parts")
        self._put("#meta", meta)

        _show(self._part("#next-reason"), bool(next_reason))
        if next_reason:
            self._put("#next-reason", Text(f"▶ next: {next_reason}", style="bold"))

        # a pick-one choice: why this topic does not count, or what the choice asks (its
        # description below is the guide to choosing, its parts box the options)
        _show(self._part("#choice-note"), bool(choice_note))
        if choice_note:
            self._put("#choice-note", Text(clean(choice_note), style="italic"))

        _show(self._part("#summary"), bool(topic.summary))
        self._put("#summary", Text(clean(topic.summary), style="italic"))

        # a long description is rendered in part (all of it could take minutes), and says so
        description = head(topic.description)
        # no description: no widget (its empty line and margin would make a double blank line)
        _show(self._part("#description"), bool(description.strip()))
        if description != self._description_source:
            self._description_source = description
            self._static("#description").update(self._description(clean(description)))
        self._cut(
            "#description-cut",
            cut_notice(
                topic.description,
                description,
                "description",
                f"run `roadmap-tui show --full {topic.id}` to read all of it",
                self._style("muted"),
            ),
        )

        self._fill(
            "#children",
            [(self._status_line(c, status_of(c.id)), c.id) for c in topic.children],
        )
        for box, ids in (("#prerequisites", topic.prerequisites), ("#practises", topic.practises)):
            lines = [
                (self._status_line(roadmap[p], status_of(p), full=True), p)
                for p in ids
                if p in roadmap
            ]
            self._fill(box, lines)
        links = []
        for res in topic.resources:
            label = Text()
            label.append(f"[{res.type}] ", self._style("muted"))
            label.append(clean(res.title), "underline")
            # the URL on a line of its own, where a terminal detects it whole (Link folds it
            # at a "/" only when it is wider than the box)
            label.append(f"\n{clean(res.url)}", self._style("muted"))
            links.append((label, res.url))
        self._fill("#resources", links)

        # self-check: the questions (answers hidden until asked) and the review's state
        _show(self._part("#selfcheck"), not topic.is_section)
        if not topic.is_section:
            self._put("#review-state", Text(clean(review_state), style="italic"))
            selfcheck = self._part("#selfcheck-lines")
            assert isinstance(selfcheck, Questions)
            _show(selfcheck, bool(questions))
            selfcheck.set_questions(topic.id, questions)

        self._show_work(work or PaneWork())

        _show(self._part("#note-heading"), not topic.is_section)
        note = self._static("#note")
        _show(note, not topic.is_section and not self.editing)
        shown_note = note_text(entry.note)
        if shown_note != self._note_source:
            self._note_source = shown_note
            note.update(self._rendered("#note", shown_note, self._notes))
        self._cut(
            "#note-cut",
            None
            if topic.is_section or self.editing
            else cut_notice(
                entry.note,
                head(entry.note),
                "note",
                "all of it is kept, and `n` or `e` edits all of it",
                self._style("muted"),
            ),
        )

        # the date in config.toml's date_format (the app's settings), then the time
        settings = getattr(self.app, "settings", None)
        day = settings.format_date if settings is not None else (lambda d: f"{d:%Y-%m-%d}")
        dates = []
        for word, when in (
            ("started", entry.started),
            ("completed", entry.completed),
            ("changed", None if entry.completed else entry.changed),
        ):
            if when:
                local = when.astimezone()
                dates.append(f"{word} {day(local)} {local:%H:%M}")
        _show(self._part("#dates"), not topic.is_section)
        self._put("#dates", Text(" · ".join(dates)))  # in $text-muted (app.tcss)
        if moved:
            self.scroll_home(animate=False)

    def _show_work(self, work: PaneWork) -> None:
        """The links box (hidden with no links) and the checklist (hidden without one)."""
        self._fill("#work", link_lines(work))
        _show(self._part("#checklist"), bool(work.items))
        if work.items:
            self._put("#checklist-heading", Text(checklist_heading(work)))
            if work.items != self._checklist_source:  # redrawn only when it changes
                self._checklist_source = work.items
                self._static("#checklist-lines").update(checklist_renderable(work))

    def _cut(self, selector: str, notice: Text | None) -> None:
        _show(self._part(selector), notice is not None)
        if notice is not None:
            self._put(selector, notice)

    def forget(self) -> None:
        """The next :meth:`show` redraws everything, even the topic shown now."""
        self._shown_key = None

    def _description(self, text: str) -> Rendered:
        return self._rendered("#description", text, self._descriptions)

    def _rendered(self, selector: str, text: str, kept: OrderedDict[str, Rendered]) -> Rendered:
        """The Markdown of a description or a note, rendered once and kept (the most recent
        DESCRIPTIONS_KEPT of each)."""
        rendered = kept.get(text)
        if rendered is None:
            # a note keeps its line breaks (Markdown would join single lines into a paragraph)
            source = text.replace("\n", "  \n") if selector == "#note" else text
            rendered = Rendered(self._part(selector), pane_markdown(source))
            kept[text] = rendered
            if len(kept) > DESCRIPTIONS_KEPT:
                kept.popitem(last=False)
        else:
            kept.move_to_end(text)
        return rendered

    def _put(self, selector: str, content: Text) -> None:
        """Update a Static only when its text changes: every update costs a layout pass."""
        old = self._last.get(selector)
        if old != content:
            self._last[selector] = content
            widget = self._static(selector)
            if self._moving:  # another topic: its description and boxes ask for a layout anyway
                widget.update(content)
                return
            # a text replaced by one that wraps to the same number of lines keeps the widget's
            # size: no layout pass needed (it costs far more than the repaint)
            width = widget.content_region.width
            same_size = (
                old is not None
                and width > 0
                and self._line_count(old, width) == self._line_count(content, width)
            )
            widget.update(content, layout=not same_size)

    def _line_count(self, text: Text, width: int) -> int:
        return len(text.wrap(self.app.console, width))

    def _status_line(self, topic: Topic, status: str, full: bool = False) -> Text:
        line = Text()
        line.append(f"{GLYPHS[status]} ", self._style(status))
        line.append(clean(topic.title))
        if full:
            line.append(f"  {topic.id}", self._style("muted"))
        return line

    def _fill(self, selector: str, items: list[tuple[Text, str]]) -> None:
        """Show ``items`` in a box's lines; the box is hidden when there are none."""
        _show(self._part(selector), bool(items))
        lines = self._part(f"{selector}-lines")
        assert isinstance(lines, Lines)
        lines.set_items(items)

    # ------------------------------------------------------------------ note editing

    @property
    def editing(self) -> bool:
        editor = self.editor
        return editor is not None and bool(editor.display)

    async def start_editing(self, topic_id: str, text: str) -> NoteEditor:
        """Show the note editor (mounted the first time) with the cursor at the end; the caller
        focuses it."""
        editor = self.editor
        if editor is None:
            editor = NoteEditor(text, id="note-editor", soft_wrap=True, show_line_numbers=False)
            self._editor = editor
            await self.mount(editor, after=self._part("#note"))
        editor.open_note(topic_id, text)
        editor.display = True
        self._part("#note").display = False
        self._part("#note-cut").display = False
        self.call_after_refresh(editor.scroll_visible)
        return editor

    def stop_editing(self) -> None:
        editor = self.editor
        if editor is not None:
            editor.display = False
        self._part("#note").display = True
        self.forget()  # show the saved note

    @on(Button.Pressed, ".status")
    def _status_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.topic_id and event.button.id:
            self.post_message(
                self.StatusClicked(self.topic_id, event.button.id.removeprefix("status-"))
            )
