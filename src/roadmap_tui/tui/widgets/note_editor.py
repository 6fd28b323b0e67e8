"""The note of a topic, edited in place in the detail pane."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

SAVE_DELAY = 0.4  # seconds after the last key: the note typed so far is saved


class NoteEditor(TextArea):
    """The note of a topic, edited in place. It posts :class:`Typed` a moment after the last
    key (the note is saved while it is typed) and :class:`Finished` when esc or ctrl+s leaves
    it, with the note as it was before the edit (for one step of undo)."""

    BINDINGS = [
        Binding("escape", "finish", "Done", show=True, id="note.done"),
        # an action of its own: the footer shows one key per action, and would hide this one
        Binding("ctrl+s", "save", "Save", show=True, id="note.save"),
    ]

    class Typed(Message):
        def __init__(self, topic_id: str, text: str) -> None:
            self.topic_id = topic_id
            self.text = text
            super().__init__()

    class Finished(Message):
        def __init__(self, topic_id: str, text: str, before: str) -> None:
            self.topic_id = topic_id
            self.text = text
            self.before = before
            super().__init__()

    topic_id: str = ""
    before: str = ""
    save_timer = None

    def open_note(self, topic_id: str, text: str) -> None:
        """Edit the note of this topic, the cursor at its end."""
        self.topic_id = topic_id
        self.before = text
        if self.text != text:
            self.load_text(text)
        self.move_cursor(self.document.end)

    @on(TextArea.Changed)
    def typed(self) -> None:
        if self.display and self.topic_id:
            if self.save_timer is not None:
                self.save_timer.stop()
            self.save_timer = self.set_timer(SAVE_DELAY, self.post_typed)

    def post_typed(self) -> None:
        self.save_timer = None
        self.post_message(self.Typed(self.topic_id, self.text))

    def finished(self) -> Finished:
        """Stop the pending save; the message that says the edit is over (the caller handles
        it at once, or posts it)."""
        if self.save_timer is not None:
            self.save_timer.stop()
            self.save_timer = None
        return self.Finished(self.topic_id, self.text, self.before)

    def action_finish(self) -> None:
        self.post_message(self.finished())

    def action_save(self) -> None:
        self.action_finish()
