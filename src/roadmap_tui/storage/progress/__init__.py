"""The progress file: per-topic status, notes and dates, shared by roadmaps and processes.

``store`` (``ProgressStore``: lock, re-read, replay unsaved changes, atomic write; its review
part in ``reviews``, its import part in ``imports``, the checks of what it is given in
``checks``) over ``fileformat`` (text <-> document, tomli / tomli-w); the model and its merge
rules are pure and live in ``roadmap_tui.core.progress``.
"""

from roadmap_tui.core.progress import (
    COMPLETE,
    CONFLICT_MARKER,
    SCHEMA_VERSION,
    STATUSES,
    TopicProgress,
)
from roadmap_tui.storage.progress.errors import LockTimeout, ProgressError, SaveError
from roadmap_tui.storage.progress.store import ProgressStore

__all__ = [
    "COMPLETE",
    "CONFLICT_MARKER",
    "SCHEMA_VERSION",
    "STATUSES",
    "LockTimeout",
    "ProgressError",
    "ProgressStore",
    "SaveError",
    "TopicProgress",
]
