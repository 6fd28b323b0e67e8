"""MainScreen's note editing: in place in the detail pane or in ``$EDITOR``, and the
type-ahead guard after an edit that cannot start."""

from __future__ import annotations

import time

from textual import events

from roadmap_tui.core.longtext import EDIT_LIMIT, size_label
from roadmap_tui.tui.external_editor import edit_externally
from roadmap_tui.tui.widgets.topic_view import NoteEditor

TYPE_AHEAD_PAUSE = 0.4  # after a refused n or e, typed keys are dropped until typing pauses
NO_NOTE = "Pick a topic first: sections have no note."


class NoteActions:
    """The note-editing actions of MainScreen (its NoteEditor messages are handled there)."""

    def refuse_edit(self, message: str) -> None:
        """Say why an edit cannot start, and drop what is typed straight after it: the text
        meant for the editor must not reach the tree, where `s` would skip a section and `a`
        answer the dialog that follows (keys typed in one burst, up to a pause of
        TYPE_AHEAD_PAUSE, are dropped; a key such as an arrow or esc ends the dropping)."""
        self.drop_keys_until = time.monotonic() + TYPE_AHEAD_PAUSE
        self.say(f"{message} (keys typed straight after it are ignored)", severity="warning")

    def on_key(self, event: events.Key) -> None:
        if not self.drop_keys_until:
            return
        now = time.monotonic()
        if now < self.drop_keys_until and (event.is_printable or event.key == "space"):
            self.drop_keys_until = now + TYPE_AHEAD_PAUSE  # still typing: keep dropping
            event.prevent_default()  # no key_ handler of the screen
            event.stop()  # and no binding: those run when the key reaches the app
        else:
            self.drop_keys_until = 0.0

    async def action_edit_note(self) -> None:
        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.refuse_edit(NO_NOTE if topic else "No topic is shown: no note to edit.")
            return
        if self.has_class("detail-hidden"):
            # the editor is in the detail pane: never type into an editor nobody can see
            self.remove_class("detail-hidden")
        note = self.session.entry(topic.id).note
        if len(note) > EDIT_LIMIT:  # the in-place editor would lag for seconds on each key
            self.say(
                f"This note is {size_label(len(note))}: too long to edit here; "
                "opening all of it in your editor.",
                timeout=4,
            )
            self.action_edit_external()
            return
        editor = await self.detail.start_editing(topic.id, note)
        self.set_focus(editor)

    def finish_note_edit(self, edit: NoteEditor.Finished) -> None:
        self.detail.stop_editing()
        if self.session.set_note(edit.topic_id, edit.text, undoable=False):
            self.save_note(edit.topic_id, edit.text, edit.base)
        self.session.note_edited(edit.topic_id, edit.before)
        self.refresh_topics([edit.topic_id])

    def finish_editing(self) -> None:
        """Keep the note being edited, if any (before quitting or switching)."""
        detail = self.detail
        if detail.editing and detail.editor is not None:
            self.finish_note_edit(detail.editor.finished())

    def action_edit_external(self) -> None:
        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.refuse_edit(NO_NOTE if topic else "No topic is shown: no note to edit.")
            return
        before = self.session.entry(topic.id).note
        text = edit_externally(self.app, before, self.say, topic.id)
        if text is not None and self.session.set_note(topic.id, text):
            self.save_note(topic.id, text, before)  # merged with changes made meanwhile
            self.refresh_topics([topic.id])
            self.say("Note saved.", timeout=2)
