"""The note of a topic, edited in place in the detail pane."""

from __future__ import annotations

from datetime import UTC, datetime
from difflib import SequenceMatcher

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from roadmap_tui.core.progress import merge_note

SAVE_DELAY = 0.4  # seconds after the last key: the note typed so far is saved
SAVE_MAX_WAIT = 2.0  # seconds after the first unsaved key: saved even if typing goes on


class NoteEditor(TextArea):
    """The note of a topic, edited in place. It posts :class:`Typed` a moment after the last
    key, and at most :data:`SAVE_MAX_WAIT` seconds after the first unsaved one (the note is
    saved while it is typed), and :class:`Finished` when esc or ctrl+s leaves it, with the note
    as it was before the edit (for one step of undo).

    Each message carries ``base``: the text the note had on disk, as far as the editor knows,
    before what it carries was typed. A save merges against it, so another program's change
    of the same note since then is kept (see :meth:`merge_in`)."""

    BINDINGS = [
        Binding("escape", "finish", "Done", show=True, id="note.done"),
        # an action of its own: the footer shows one key per action, and would hide this one
        Binding("ctrl+s", "save", "Save", show=True, id="note.save"),
    ]

    class Typed(Message):
        def __init__(self, topic_id: str, text: str, base: str) -> None:
            self.topic_id = topic_id
            self.text = text
            self.base = base
            super().__init__()

    class Finished(Message):
        def __init__(self, topic_id: str, text: str, before: str, base: str) -> None:
            self.topic_id = topic_id
            self.text = text
            self.before = before
            self.base = base
            super().__init__()

    topic_id: str = ""
    before: str = ""  # the note when the edit began (what undo goes back to)
    base: str = ""  # the note on disk the next save merges against
    save_timer = None  # restarted by every key
    max_wait_timer = None  # started by the first key not yet saved

    def open_note(self, topic_id: str, text: str) -> None:
        """Edit the note of this topic, the cursor at its end."""
        self.stop_timers()
        self.topic_id = topic_id
        self.before = self.base = text
        if self.text != text:
            self.load_text(text)
        self.move_cursor(self.document.end)

    @on(TextArea.Changed)
    def typed(self) -> None:
        if self.display and self.topic_id:
            if self.save_timer is not None:
                self.save_timer.stop()
            self.save_timer = self.set_timer(SAVE_DELAY, self.post_typed)
            if self.max_wait_timer is None:
                self.max_wait_timer = self.set_timer(SAVE_MAX_WAIT, self.post_typed)

    def stop_timers(self) -> None:
        for timer in (self.save_timer, self.max_wait_timer):
            if timer is not None:
                timer.stop()
        self.save_timer = self.max_wait_timer = None

    def post_typed(self) -> None:
        self.stop_timers()
        self.post_message(self.Typed(self.topic_id, self.text, self.base))
        self.base = self.text  # once saved, the file holds it (merged with others' changes)

    def finished(self) -> Finished:
        """Stop the pending save; the message that says the edit is over (the caller handles
        it at once, or posts it)."""
        self.stop_timers()
        return self.Finished(self.topic_id, self.text, self.before, self.base)

    def action_finish(self) -> None:
        self.post_message(self.finished())

    def action_save(self) -> None:
        self.action_finish()

    def merge_in(self, disk: str, base: str) -> bool:
        """The note on disk is ``disk``, saved from ``base`` (what this editor sent last, or
        the note it last knew): take the changes other programs made into the text, with
        what was typed since, keeping the cursor on the same line. Whether the text changed.
        """
        if base != self.base:
            return False  # a later save is on its way: its result will come
        text = self.text
        merged = merge_note(disk, base, text, datetime.now(UTC).replace(microsecond=0))
        self.base = disk
        if merged == text:
            return False
        row, column = self.cursor_location
        self.load_text(merged)  # posts Changed: the merged text is saved like typed text
        self.move_cursor(_same_place(text, merged, row, column))
        return True


def _same_place(old: str, new: str, row: int, column: int) -> tuple[int, int]:
    """Where the cursor at (row, column) of ``old`` goes in ``new``: the same place on its
    line where that line is unchanged, else the end of the text that replaced it."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i1 <= row < i2:
            if tag == "equal":
                return j1 + row - i1, column
            end = max(j2 - 1, 0) if j2 > j1 else max(j1 - 1, 0)
            end = min(end, len(new_lines) - 1)
            return end, len(new_lines[end])
    return len(new_lines) - 1, len(new_lines[-1])
