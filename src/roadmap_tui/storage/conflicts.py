"""Sync-conflict copies of the progress file: what Syncthing, Dropbox, Nextcloud and ownCloud
leave beside a file that changed on two machines at once.

For ``progress.toml`` they are named

* ``progress.sync-conflict-20261201-123456-ABCDEFG.toml`` (Syncthing),
* ``progress (conflicted copy 2026-12-01).toml`` and ``progress (Anna's conflicted copy
  2026-12-01).toml`` (Dropbox; newer Nextcloud clients too),
* ``progress_conflict-20261201-123456.toml`` (ownCloud and older Nextcloud clients).

Finding them only lists the directory: no file is opened. ``read_copy`` reads one to merge it.
"""

from __future__ import annotations

import re
from pathlib import Path

from roadmap_tui.core.progress import Document
from roadmap_tui.storage.progress import fileformat
from roadmap_tui.storage.progress.errors import ProgressError


def _pattern(progress: Path) -> re.Pattern[str]:
    stem, suffix = re.escape(progress.stem), re.escape(progress.suffix)
    return re.compile(
        rf"{stem}(?:"
        rf"\.sync-conflict-\d{{8}}-\d{{6}}-[A-Z0-9]+"  # Syncthing
        rf"| \([^()/]*conflicted copy[^()/]*\)"  # Dropbox, Nextcloud
        rf"|_conflict-\d{{8}}-\d{{6}}"  # ownCloud, older Nextcloud
        rf"){suffix}",
        re.IGNORECASE,
    )


def is_conflict_copy(path: Path, progress: Path) -> bool:
    """Whether ``path`` is named as a sync-conflict copy of ``progress``, in its directory."""
    return (
        path.parent.resolve() == progress.parent.resolve()
        and _pattern(progress).fullmatch(path.name) is not None
    )


def conflict_copies(progress: Path) -> list[Path]:
    """The sync-conflict copies of ``progress`` beside it, sorted by name ([] when the
    directory cannot be listed)."""
    pattern = _pattern(progress)
    try:
        names = [entry.name for entry in progress.parent.iterdir()]
    except OSError:
        return []
    found = []
    for name in sorted(names):
        if pattern.fullmatch(name):
            path = progress.parent / name
            try:
                if path.is_file():
                    found.append(path)
            except OSError:
                continue
    return found


def read_copy(path: Path) -> Document:
    """Another progress file (a conflict copy, one from another machine), only read: every
    roadmap's progress, reviews, practice and study time. Raises ProgressError naming the
    file, and the line and column where it is wrong."""
    try:
        document = fileformat.read_file(path)
    except fileformat.FormatError as exc:
        message = f"is {exc.message}" if exc.message == fileformat.NOT_REGULAR else exc.message
        raise ProgressError(message, path=path, line=exc.line, column=exc.column) from None
    for roadmap_id, progress in document.roadmaps.items():  # what a merge cannot take
        if not roadmap_id:
            raise ProgressError("a roadmap with an empty id", path=path)
        if "" in progress.topics:
            raise ProgressError(f"roadmap {roadmap_id!r}: a topic with an empty id", path=path)
        if "" in progress.reviews:
            raise ProgressError(f"roadmap {roadmap_id!r}: a review of an empty id", path=path)
    return document
