"""MainScreen's saving: changes sent to the save queue, and what comes back (saved, failed,
a note merged, the file reloaded or unreadable)."""

from __future__ import annotations

from roadmap_tui.tui.messages import NoteSaved, Reloaded, ReloadFailed, Saved, SaveFailed
from roadmap_tui.tui.saving import saving

SAVED = "saved ✓"


class SaveHandlers:
    """MainScreen's saves and the messages the save queue posts back."""

    def save_statuses(self, changes: list[tuple[str, str]], undo: bool = False) -> None:
        """Save statuses; ``undo``: they take back earlier changes (and their activity)."""
        if changes:
            ids = [tid for tid, _ in changes]
            self.save_topics("status", ids, lambda store: store.set_many(changes, undo=undo))

    def save_picks(self, picks: list[tuple[str, bool | None]]) -> None:
        if picks:
            ids = [tid for tid, _ in picks]
            self.save_topics("chosen", ids, lambda store: store.set_chosen(picks))

    def save_topics(self, label: str, topic_ids: list[str], action) -> None:
        """Save ``action(store)``: the header says "saving…" until it is in the file."""
        self.save_state = "saving…"
        self.saves.submit(label, saving(topic_ids, action))

    def save_note(
        self, topic_id: str, text: str, base: str | None = None, undo: bool = False
    ) -> None:
        """Save a note edited from ``base`` (None: the note as the store has it)."""
        self.save_state = "saving…"
        self.saves.note(topic_id, text, base, undo)

    def on_saved(self, message: Saved) -> None:
        # a rating, a question or a status saved: the store has it, the schedules follow
        self.recount_reviews(list(message.entries), saved=message.entries)
        if message.pending or self.saves.queued:
            return  # more to save: the last one reports
        self.save_state = SAVED
        for topic_id, entry in message.entries.items():
            self.session.put(topic_id, entry)  # with the dates the store set

        def clear() -> None:
            if self.save_state == SAVED:
                self.save_state = ""

        self.set_timer(2.0, clear)

    def on_save_failed(self, message: SaveFailed) -> None:
        self.save_state = f"not saved: retrying ({message.pending} waiting)"
        self.say(
            f"Could not save: {message.error}\nYour change is kept and will be retried.",
            severity="error",
            timeout=6,
        )

    def on_note_saved(self, message: NoteSaved) -> None:
        """A note is saved: if another program had changed it, show the merged text."""
        if message.saved == message.sent:
            return
        detail = self.detail
        editor = detail.editor
        if detail.editing and editor is not None and editor.topic_id == message.topic_id:
            if not editor.merge_in(message.saved, message.sent):
                return
        else:
            entry = self.session.entry(message.topic_id)._replace(note=message.saved)
            self.session.put(message.topic_id, entry)
            self.refresh_topics([message.topic_id])
        self.say("The note was changed elsewhere too: both changes are kept.")

    def on_reloaded(self, message: Reloaded) -> None:
        changed = self.session.replace(message.entries)
        if not changed:
            # no status or note changed, but links or ticks may have: the details show them
            self.show_detail(self.tree.cursor_topic_id)
            return
        self.tree_generation = self.session.generation
        detail = self.detail
        editor = detail.editor
        # the note being edited changed on disk: take that change, keep what is typed (not
        # while a save is on its way: its result brings the merged note)
        editing = detail.editing and editor is not None and not self.saves.busy
        if editing and editor.merge_in(self.session.entry(editor.topic_id).note, editor.base):
            self.say("The note was changed elsewhere: its new text is merged in.")
        self.recount_reviews(show=False)
        self.tree.refresh_all_labels()
        self.render_header()
        self.show_detail(self.tree.cursor_topic_id, force=True)
        self.say(f"Progress changed on disk: reloaded ({len(changed)} topics).", timeout=3)

    def on_reload_failed(self, message: ReloadFailed) -> None:
        self.say(
            f"The progress file changed on disk and cannot be read:\n{message.error}\n"
            "Nothing will be written over it until it is fixed.",
            severity="error",
            timeout=10,
        )
