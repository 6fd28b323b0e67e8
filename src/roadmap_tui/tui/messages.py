"""What the save thread reports to the main screen, as typed messages."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from roadmap_tui.storage.progress import ProgressError, ProgressStore, TopicProgress
from roadmap_tui.storage.saver import SaveResult

POLL = "poll"  # the label of the look at the file on disk


@dataclass
class Saved(Message):
    """A change is in the file; ``entries`` are the changed topics as the store keeps them
    (with the dates it set); ``pending`` saves are still queued."""

    entries: dict[str, TopicProgress] = field(default_factory=dict)
    pending: int = 0


@dataclass
class SaveFailed(Message):
    """A save failed; it is kept and retried."""

    error: str
    pending: int


@dataclass
class Reloaded(Message):
    """The file changed on disk (another app, the CLI) and was read again."""

    entries: dict[str, TopicProgress]


@dataclass
class ReloadFailed(Message):
    """The file changed on disk and cannot be read; nothing is written over it."""

    error: str


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
