"""``ProgressStore``: one roadmap's progress in a progress file shared with other roadmaps and
other processes.

Saving never loses a byte:

* every mutating call saves at once, under an exclusive ``flock`` on ``<name>.lock``: it re-reads
  the file (unless its stat signature is the one this store last read or wrote), applies only
  this store's unsaved changes onto what is on disk *now* (so two terminals editing different
  topics keep each other's work; a note edited in both keeps both texts), then replaces the file
  atomically (``storage.atomic``: temp file, fsync, rename, directory fsync);
* a file that does not parse (or has a wrong shape) is never overwritten: ``ProgressError`` names
  the file, line and column and hints how to move it aside;
* a file written by a newer schema is read (``read_only``) but never written;
* a file without write permission, or owned by another user, is never replaced (``SaveError``);
  a replaced file keeps its mode, a new one is 0600;
* a FIFO, directory or other non-regular file at the path is refused before it is opened;
* unknown keys (anywhere) and topics of other roadmaps / topics no longer in the roadmap survive;
* a symlinked file is written through the link.

Failed saves: when a save fails (lock timeout, disk full, read-only disk, a file corrupted by
someone else), the call raises ``ProgressError`` but the change stays in memory: ``get()`` and
``topics()`` show it, ``pending_changes`` counts it, and it is written by the next successful save
(any later mutating call) or by an explicit ``retry_pending()``.

Not thread-safe: use one store from one thread (several stores / processes on one file are fine).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shlex
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from roadmap_tui.core.practice import TopicPractice
from roadmap_tui.core.progress import (
    EMPTY_DOCUMENT,
    SCHEMA_VERSION,
    TODO,
    Change,
    Document,
    RoadmapProgress,
    TopicProgress,
    apply_changes,
    carry,
    carry_over,
    to_utc,
)
from roadmap_tui.core.review import TopicReview
from roadmap_tui.core.studytime import carry_time
from roadmap_tui.storage.atomic import (
    atomic_write,
    fsync_dir,
    remove_temp_files,
    unlock,
    wait_for_lock,
)
from roadmap_tui.storage.progress import fileformat
from roadmap_tui.storage.progress.checks import check_status, check_text, check_topic
from roadmap_tui.storage.progress.errors import LockTimeout, ProgressError, SaveError
from roadmap_tui.storage.progress.imports import StoreImports
from roadmap_tui.storage.progress.practice import StorePractice
from roadmap_tui.storage.progress.reviews import StoreReviews
from roadmap_tui.storage.progress.study import StoreStudy

__all__ = ["ProgressStore"]

Signature = tuple[int, int, int]

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)  # not on Windows
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check cannot block

_EMPTY_ROADMAP = RoadmapProgress()
_CORRUPT_HINT = "to start fresh, move it aside ({cmd}); the app offers to do this for you"


class ProgressStore(StoreReviews, StorePractice, StoreStudy, StoreImports):
    """The progress of one roadmap in a progress file shared with other roadmaps/processes."""

    def __init__(
        self,
        path: Path,
        roadmap_id: str,
        *,
        lock_timeout: float = 5.0,
        clock: Callable[[], datetime] | None = None,
        renamed: Mapping[str, str] | None = None,
    ) -> None:
        self.path = Path(path)
        self.roadmap_id = roadmap_id
        # former topic ids -> current ones (the roadmap's ``renamed``): progress kept under an
        # old id reads as the current topic's, and its next change is saved under the new id
        self.renamed = dict(renamed or {})
        self.lock_timeout = lock_timeout
        self._clock = clock or (lambda: datetime.now(UTC))
        self.read_only = False
        self._loaded = False
        self._raw: bytes | None = None  # bytes of the file at our last load/save
        self._sig: Signature | None = None  # and its stat signature
        self._disk: Document = EMPTY_DOCUMENT  # parsed _raw
        # this roadmap's progress in _disk + pending changes, with what is kept under a former
        # id read as the current topic's
        self._shown = _EMPTY_ROADMAP
        self._pending: list[Change] = []
        self._blocks: fileformat.Blocks = {}  # the text of each topic as last written

    # ---- reading ------------------------------------------------------------------------

    def load(self) -> None:
        """(Re)read the file. A missing file is empty. Unsaved changes are kept on top.

        Raises ProgressError (file untouched) when it cannot be read or understood.
        """
        self._reread()
        self._refresh_view()

    def get(self, topic_id: str) -> TopicProgress:
        self._ensure_loaded()
        return self._shown.topics.get(topic_id, TODO)

    def topics(self) -> Mapping[str, TopicProgress]:
        """Every entry of this roadmap (including topics the roadmap no longer has)."""
        self._ensure_loaded()
        return MappingProxyType(self._shown.topics)

    def activity(self) -> Mapping[str, int]:
        """``"YYYY-MM-DD"`` (the user's local day) -> number of changes that day."""
        self._ensure_loaded()
        return MappingProxyType(self._shown.activity)

    def now(self) -> datetime:
        """The time by this store's clock (the one its changes are stamped with), to the
        second."""
        return to_utc(self._clock()).replace(microsecond=0)

    @property
    def pending_changes(self) -> int:
        """Number of changes not yet on disk (after a failed save)."""
        return len(self._pending)

    def disk_signature(self) -> Signature | None:
        """(mtime_ns, size, inode) of the file, or None when it does not exist."""
        try:
            return _signature(os.stat(self.path))
        except OSError:
            return None

    def changed_on_disk(self) -> bool:
        """True when the file differs from the one we last loaded or saved."""
        return self.disk_signature() != self._sig

    # ---- changing -----------------------------------------------------------------------

    def set_status(self, topic_id: str, status: str) -> TopicProgress:
        check_topic(topic_id)
        check_status(status)
        self._prepare()
        if self.get(topic_id).status != status:
            self._save(Change("status", topic_id, self.now(), status=status))
        return self.get(topic_id)

    def set_note(
        self, topic_id: str, note: str, base: str | None = None, *, undo: bool = False
    ) -> TopicProgress:
        """Set a note. ``base`` is the text the edit started from (by default the note as
        this store has it): another program's change of the note since then is merged in,
        never overwritten. ``undo``: this takes back an earlier edit, and its activity."""
        check_topic(topic_id)
        check_text(note)
        self._prepare()
        cur = self.get(topic_id)
        if base is None:
            base = cur.note
        else:
            check_text(base)
        if cur.note != note:
            self._save(Change("note", topic_id, self.now(), base=base, note=note, undo=undo))
        return self.get(topic_id)

    def set_many(self, changes: Iterable[tuple[str, str]], *, undo: bool = False) -> None:
        """Set many statuses in one save (e.g. mark a whole branch); same rules as
        set_status. Topics already in the wanted status are left alone. ``undo``: these
        take back earlier changes, and their activity (activity counts net changes)."""
        wanted: dict[str, str] = {}
        for topic_id, status in changes:
            check_topic(topic_id)
            check_status(status)
            wanted[topic_id] = status
        self._prepare()
        now = self.now()
        new = [
            Change("status", tid, now, status=st, undo=undo)
            for tid, st in wanted.items()
            if self.get(tid).status != st
        ]
        self._save(*new)

    def set_chosen(self, changes: Iterable[tuple[str, bool | None]]) -> None:
        """Pick options of pick-one choices (True), unpick them (False) or clear the explicit
        pick (None), in one save. Like a status change it sets ``changed``; it is not
        activity (choosing what to learn is not learning)."""
        wanted: dict[str, bool | None] = {}
        for topic_id, chosen in changes:
            check_topic(topic_id)
            if chosen is not None and not isinstance(chosen, bool):
                raise TypeError(f"chosen must be True, False or None, not {chosen!r}")
            wanted[topic_id] = chosen
        self._prepare()
        now = self.now()
        new = [
            Change("chosen", tid, now, chosen=chosen)
            for tid, chosen in wanted.items()
            if self.get(tid).chosen is not chosen
        ]
        self._save(*new)

    def reset(self, topic_ids: Iterable[str] | None = None) -> None:
        """Back to todo (started/completed cleared, notes KEPT), in one save; None = every
        topic of this roadmap. Like any status change it sets ``changed`` and counts as
        activity."""
        if topic_ids is None:
            topic_ids = list(self.topics())
        self.set_many((tid, "todo") for tid in topic_ids)

    def retry_pending(self) -> None:
        """Save changes left in memory by a failed save (no-op when there are none)."""
        if self._pending:
            self._prepare()
            self._commit()

    def move_aside(self) -> Path:
        """Rename the file to ``<name>.corrupt-YYYYmmddTHHMMSS`` (kept for the user) and start
        from an empty file. Returns the new path."""
        with self._locked() as target:
            if not target.exists():
                raise ProgressError("cannot move aside: no such file", path=self.path)
            stamp = self.now().strftime("%Y%m%dT%H%M%S")
            dest = target.with_name(f"{target.name}.corrupt-{stamp}")
            n = 1
            while dest.exists():
                n += 1
                dest = target.with_name(f"{target.name}.corrupt-{stamp}-{n}")
            try:
                os.rename(target, dest)
            except OSError as e:
                raise ProgressError(f"cannot move aside: {e.strerror or e}", path=self.path) from e
            fsync_dir(dest.parent)
        self._remember(None, None, EMPTY_DOCUMENT)
        self._refresh_view()
        return dest

    # ---- internals ----------------------------------------------------------------------

    def _save(self, *changes: Change) -> int:
        """Save ``changes`` now (no changes: no save). Returns the merge count."""
        if not changes:
            return 0
        self._pending.extend(changes)
        return self._commit()

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.load()

    def _prepare(self) -> None:
        """Load the file if it is not yet; ProgressError when it may not be written."""
        self._ensure_loaded()
        if self.read_only:
            raise ProgressError(
                f"written by a newer version of roadmap-tui (schema {self._disk.schema}, this "
                f"version knows {SCHEMA_VERSION}); it is read but never written",
                path=self.path,
                hint="upgrade roadmap-tui to change progress in this file",
            )

    def _remember(self, raw: bytes | None, sig: Signature | None, doc: Document) -> None:
        self._raw, self._sig, self._disk = raw, sig, doc
        self._loaded = True
        self.read_only = doc.schema > SCHEMA_VERSION

    def _refresh_view(self) -> None:
        view, _ = apply_changes(self._disk, self.roadmap_id, self._pending, self.renamed)
        shown = view.roadmaps.get(self.roadmap_id, _EMPTY_ROADMAP)
        if self.renamed:
            shown = dataclasses.replace(
                shown,
                topics=carry_over(shown.topics, self.renamed),
                reviews=carry(shown.reviews, self.renamed, TopicReview()),
                practice=carry(shown.practice, self.renamed, TopicPractice()),
                time=carry_time(shown.time, self.renamed),
            )
        self._shown = shown

    def _reread(self) -> None:
        """Read and parse the file (parsing is skipped when its bytes are the ones we know)."""
        try:
            self._check_regular(os.stat(self.path))  # opening a FIFO would wait for a writer
            fd = os.open(self.path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
            with open(fd, "rb") as f:
                st = os.fstat(f.fileno())
                self._check_regular(st)
                sig = _signature(st)
                raw = f.read()
        except FileNotFoundError:
            raw, sig = None, None
        except OSError as e:
            raise ProgressError(f"cannot read: {e.strerror or e}", path=self.path) from e
        if raw is None:
            doc = EMPTY_DOCUMENT
        elif raw == self._raw:
            doc = self._disk
        else:
            try:
                doc = fileformat.decode(raw)
            except fileformat.FormatError as e:
                raise self._corrupt(e) from None
        self._remember(raw, sig, doc)

    def _check_regular(self, st: os.stat_result) -> None:
        if not stat.S_ISREG(st.st_mode):
            raise ProgressError(
                f"is {_kind(st.st_mode)}, not a file",
                path=self.path,
                hint="move it away, or choose another progress file",
            )

    def _corrupt(self, e: fileformat.FormatError) -> ProgressError:
        p = str(self.path)
        stamp = self.now().strftime("%Y%m%dT%H%M%S")
        cmd = f"mv {shlex.quote(p)} {shlex.quote(f'{p}.corrupt-{stamp}')}"
        return ProgressError(
            e.message,
            path=self.path,
            line=e.line,
            column=e.column,
            hint=_CORRUPT_HINT.format(cmd=cmd),
        )

    @contextlib.contextmanager
    def _locked(self) -> Iterator[Path]:
        """Hold ``<name>.lock`` (beside the real file); yields the real target path."""
        target = Path(os.path.realpath(self.path))
        lock_path = lock_file(target)
        try:
            if not target.parent.is_dir():
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _O_CLOEXEC, 0o600)
        except OSError as e:
            raise ProgressError(
                f"cannot create the lock file: {e.strerror or e}", path=self.path
            ) from e
        try:
            try:
                free = wait_for_lock(fd, self.lock_timeout)
            except OSError as e:
                raise ProgressError(f"cannot lock: {e.strerror or e}", path=lock_path) from e
            if not free:
                raise LockTimeout(
                    f"timed out after {self.lock_timeout:g} s waiting for the lock "
                    "file; another roadmap-tui is saving or stuck",
                    path=lock_path,
                    hint=f"close other roadmap-tui windows using {self.path}",
                )
            try:
                yield target
            finally:
                unlock(fd)
        finally:
            os.close(fd)

    def _commit(self) -> int:
        """Save all pending changes: lock, re-read, replay, write. Returns the merge count."""
        try:
            with self._locked() as target:
                if self.disk_signature() != self._sig:  # someone else wrote it since
                    self._reread()
                self._prepare()  # a newer version may have written it meanwhile
                new, taken = apply_changes(self._disk, self.roadmap_id, self._pending, self.renamed)
                data = fileformat.encode(new, self._blocks).encode("utf-8")
                sig = self._sig
                if data != self._raw:
                    self._write(target, data)
                    sig = self.disk_signature()
                self._remember(data, sig, new)
                self._pending.clear()
                return taken
        finally:
            self._refresh_view()

    def _write(self, target: Path, data: bytes) -> None:
        """Replace the file with ``data``, as its owner allows: a file without write permission
        or of another user is never replaced; the new file keeps the old one's mode."""
        try:
            mode = self._writable_mode(target)
            remove_temp_files(target)  # leftovers of a crash: we hold the lock, nobody writes them
            atomic_write(target, data, mode=mode)
        except OSError as e:
            raise SaveError(
                e.strerror or str(e), path=self.path, fix="free disk space or fix permissions"
            ) from e

    def _writable_mode(self, target: Path) -> int:
        """The mode for the new file (0600 for a new one); SaveError when we may not replace
        it. The permission bits are read, not os.access: root may write anything."""
        try:
            st = os.stat(target)
        except FileNotFoundError:
            return 0o600
        uid = os.geteuid() if hasattr(os, "geteuid") else None  # not on Windows
        if uid is not None and st.st_uid != uid:
            raise SaveError(
                f"the progress file is owned by another user (uid {st.st_uid})",
                path=self.path,
                fix="run roadmap-tui as the user who owns it",
            )
        if not st.st_mode & stat.S_IWUSR:
            raise SaveError(
                "the progress file is read-only",
                path=self.path,
                fix=f"to allow changes, make it writable (chmod u+w {shlex.quote(str(target))})",
            )
        return stat.S_IMODE(st.st_mode)


def lock_file(progress: Path) -> Path:
    """The lock file of a progress file: ``<name>.lock`` beside it (beside the real file when
    ``progress`` is a symbolic link)."""
    target = Path(os.path.realpath(progress))
    return target.with_name(target.name + ".lock")


def _signature(st: os.stat_result) -> Signature:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    kinds = [
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ]
    return next((name for test, name in kinds if test(mode)), "a special file")
