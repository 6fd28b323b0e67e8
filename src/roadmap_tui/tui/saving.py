"""Saving from the app: the save thread, the saves queued for it, and its reports."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from roadmap_tui.storage.progress import ProgressError, ProgressStore, TopicProgress
from roadmap_tui.storage.saver import Saver, SaveResult
from roadmap_tui.tui.messages import Reloaded, ReloadFailed, Saved, SaveFailed

POLL = "poll"  # the label of the look at the file on disk


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
        message = message_for(result)
        if message is not None:
            self.widget.post_message(message)

    def submit(self, label: str, operation) -> None:
        self.queued.append((label, operation))
        if len(self.queued) == 1:
            self.widget.call_after_refresh(self.hand_on)

    def hand_on(self) -> None:
        queued, self.queued = self.queued, []
        for label, operation in queued:
            self.saver.submit(label, operation)

    def statuses(self, changes: list[tuple[str, str]]) -> None:
        ids = [tid for tid, _ in changes]
        self.submit("status", saving(ids, lambda store: store.set_many(changes)))

    def picks(self, changes: list[tuple[str, bool | None]]) -> None:
        ids = [tid for tid, _ in changes]
        self.submit("chosen", saving(ids, lambda store: store.set_chosen(changes)))

    def note(self, topic_id: str, text: str) -> None:
        self.submit("note", saving([topic_id], lambda store: store.set_note(topic_id, text)))

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


def message_for(result: SaveResult) -> Message | None:
    """The message for a result of the save thread (None: nothing to report)."""
    if not result.ok:
        return SaveFailed(result.error, result.pending)
    if result.label != POLL:
        return Saved(result.value or {}, result.pending)
    if result.value is None:
        return None
    kind, payload = result.value
    return Reloaded(payload) if kind == "ok" else ReloadFailed(payload)


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
