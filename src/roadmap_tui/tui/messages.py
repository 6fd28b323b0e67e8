"""What the save thread reports to the main screen, as typed messages."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from roadmap_tui.storage.progress import TopicProgress


@dataclass
class Saved(Message):
    """A change is in the file; ``entries`` are the changed topics as the store keeps them
    (with the dates it set); ``pending`` saves are still queued."""

    entries: dict[str, TopicProgress]
    pending: int


@dataclass
class NoteSaved(Message):
    """A note's save is in the file: ``sent`` what the app sent, ``saved`` what the file holds
    now (different when another program's change of the note was merged in)."""

    topic_id: str
    sent: str
    saved: str


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
