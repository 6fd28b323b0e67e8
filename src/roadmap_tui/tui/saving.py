"""Saving from the app: the save thread, the saves queued for it, and its reports."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from roadmap_tui.storage.progress import ProgressError, ProgressStore, TopicProgress
from roadmap_tui.storage.saver import Saver, SaveResult
from roadmap_tui.tui.messages import NoteSaved, Reloaded, ReloadFailed, Saved, SaveFailed

POLL = "poll"  # the label of the look at the file on disk
NOTE = "note"  # the label of a note's save


class SaveQueue:
    """The saver of a store. A save goes to its thread after the next frame is drawn, so that
    the thread's work (it holds the interpreter while it writes) never delays the screen's
    answer to a key; the order is kept. Results come back to ``widget`` as messages."""

    def __init__(self, widget: Widget, store: ProgressStore, retry_interval: float) -> None:
        self.widget = widget
        self.saver = Saver(store, self.report, retry_interval=retry_interval)
        self.queued: list = []

    def report(self, result: SaveResult) -> None:
        """From the save thread: hand its result on as a message."""
        for message in messages_for(result):
            self.widget.post_message(message)

    def submit(self, label: str, operation) -> None:
        self.queued.append((label, operation))
        if len(self.queued) == 1:
            self.widget.call_after_refresh(self.hand_on)

    def hand_on(self) -> None:
        queued, self.queued = self.queued, []
        for label, operation in queued:
            self.saver.submit(label, operation)

    def note(self, topic_id: str, text: str, base: str | None = None, undo: bool = False) -> None:
        """Save a note; ``base`` is the text the edit started from (None: the note as the
        store has it); ``undo``: it takes back an earlier edit. The result comes back as
        :class:`NoteSaved` too, with the text sent."""

        def operation(store: ProgressStore):
            entry = store.set_note(topic_id, text, base, undo=undo)
            return (topic_id, text), {topic_id: entry}

        self.submit(NOTE, operation)

    @property
    def busy(self) -> bool:
        return bool(self.queued or self.saver.pending)

    def poll(self) -> None:
        """Look at the file on disk (when nothing is being saved)."""
        if not self.busy:
            self.saver.submit(POLL, reload_if_changed)

    def flush(self, timeout: float) -> bool:
        self.hand_on()
        return self.saver.flush(timeout=timeout)

    def close(self, timeout: float = 5.0) -> bool:
        self.hand_on()
        return self.saver.close(timeout=timeout)


def messages_for(result: SaveResult) -> list[Message]:
    """The messages for a result of the save thread (none: nothing to report)."""
    if not result.ok:
        return [SaveFailed(result.error, result.pending)]
    if result.label == NOTE and isinstance(result.value, tuple):
        (topic_id, sent), entries = result.value
        note = NoteSaved(topic_id, sent, entries[topic_id].note)
        return [note, Saved(entries, result.pending)]
    if result.label != POLL:
        return [Saved(result.value or {}, result.pending)]
    if result.value is None:
        return []
    kind, payload = result.value
    return [Reloaded(payload) if kind == "ok" else ReloadFailed(payload)]


def saving(topic_ids: list[str], action):
    """A save operation: do ``action(store)``, then return the topics as the store has them."""

    def operation(store: ProgressStore) -> dict[str, TopicProgress]:
        action(store)
        return {tid: store.get(tid) for tid in topic_ids}

    return operation


def reload_if_changed(store: ProgressStore):
    """The poll operation: read the file again if another program changed it."""
    if not store.changed_on_disk():
        return None
    try:
        store.load()
    except ProgressError as exc:
        return ("error", str(exc))
    return ("ok", dict(store.topics()))
