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
import errno
import os
import shlex
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType

from roadmap_tui.core.progress import (
    DATE_FIELDS,
    EMPTY_DOCUMENT,
    SCHEMA_VERSION,
    STATUSES,
    TODO,
    Change,
    Document,
    RoadmapProgress,
    TopicProgress,
    apply_changes,
    carry_over,
    to_utc,
)
from roadmap_tui.core.review import RATINGS, Question, Review, TopicReview, carry_reviews
from roadmap_tui.core.studytime import MAX_LOG_MINUTES, Goal, Timer, carry_time, split_minutes
from roadmap_tui.storage.atomic import atomic_write, fsync_dir, remove_temp_files
from roadmap_tui.storage.progress import fileformat
from roadmap_tui.storage.progress.errors import LockTimeout, ProgressError, SaveError

if os.name == "nt":  # pragma: no cover - Windows (untested here)
    import msvcrt
else:
    import fcntl

__all__ = ["ProgressStore"]

Signature = tuple[int, int, int]

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)  # not on Windows
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check cannot block

_EMPTY_ROADMAP = RoadmapProgress()
_CORRUPT_HINT = "to start fresh, move it aside ({cmd}); the app offers to do this for you"


class ProgressStore:
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
        self._carried: dict[str, TopicProgress] = {}
        self.lock_timeout = lock_timeout
        self._clock = clock or (lambda: datetime.now(UTC))
        self.read_only = False
        self._loaded = False
        self._raw: bytes | None = None  # bytes of the file at our last load/save
        self._sig: Signature | None = None  # and its stat signature
        self._disk: Document = EMPTY_DOCUMENT  # parsed _raw
        self._view: Document = EMPTY_DOCUMENT  # _disk + pending changes
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
        return self._topics().get(topic_id, TODO)

    def topics(self) -> Mapping[str, TopicProgress]:
        """Every entry of this roadmap (including topics the roadmap no longer has)."""
        self._ensure_loaded()
        return MappingProxyType(self._topics())

    def activity(self) -> Mapping[str, int]:
        """``"YYYY-MM-DD"`` (the user's local day) -> number of changes that day."""
        self._ensure_loaded()
        return MappingProxyType(self._view.roadmaps.get(self.roadmap_id, _EMPTY_ROADMAP).activity)

    def reviews(self) -> Mapping[str, TopicReview]:
        """Topic id -> its review log and the learner's own questions (review kept under a
        former id reads as the current topic's)."""
        self._ensure_loaded()
        reviews = self._view.roadmaps.get(self.roadmap_id, _EMPTY_ROADMAP).reviews
        if self.renamed:
            return MappingProxyType(carry_reviews(reviews, self.renamed))
        return MappingProxyType(reviews)

    def review_of(self, topic_id: str) -> TopicReview:
        return self.reviews().get(topic_id, TopicReview())

    def time(self) -> Mapping[str, Mapping[str, int]]:
        """Study time: topic id -> {"YYYY-MM-DD" (local day): minutes} (time kept under a former
        id reads as the current topic's)."""
        self._ensure_loaded()
        time = self._view.roadmaps.get(self.roadmap_id, _EMPTY_ROADMAP).time
        if self.renamed:
            return MappingProxyType(carry_time(time, self.renamed))
        return MappingProxyType(time)

    def timer(self) -> Timer | None:
        """The running study timer of this roadmap, or None."""
        self._ensure_loaded()
        return self._view.roadmaps.get(self.roadmap_id, _EMPTY_ROADMAP).timer

    def goal(self) -> Goal | None:
        """This roadmap's goal, or None."""
        self._ensure_loaded()
        return self._view.roadmaps.get(self.roadmap_id, _EMPTY_ROADMAP).goal

    def now(self) -> datetime:
        """The time by this store's clock (the one its changes are stamped with)."""
        return self._now()

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
        _check_topic(topic_id)
        _check_status(status)
        self._prepare()
        if self.get(topic_id).status != status:
            self._pending.append(Change("status", topic_id, self._now(), status=status))
            self._commit()
        return self.get(topic_id)

    def set_note(
        self, topic_id: str, note: str, base: str | None = None, *, undo: bool = False
    ) -> TopicProgress:
        """Set a note. ``base`` is the text the edit started from (by default the note as
        this store has it): another program's change of the note since then is merged in,
        never overwritten. ``undo``: this takes back an earlier edit, and its activity."""
        _check_topic(topic_id)
        _check_text(note)
        self._prepare()
        cur = self.get(topic_id)
        if base is None:
            base = cur.note
        else:
            _check_text(base)
        if cur.note != note:
            change = Change("note", topic_id, self._now(), base=base, note=note, undo=undo)
            self._pending.append(change)
            self._commit()
        return self.get(topic_id)

    def rate(self, topic_id: str, rating: str, *, practice: bool = False) -> TopicReview:
        """Log a review of the topic: how well it was recalled (one of RATINGS). A practice
        review (the topic was not due) is logged but does not move the schedule."""
        _check_topic(topic_id)
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {', '.join(RATINGS)}, not {rating!r}")
        self._prepare()
        now = self._now()
        review = Review(now, rating, practice)
        self._pending.append(Change("review", topic_id, now, review=review))
        self._commit()
        return self.review_of(topic_id)

    def put_question(self, topic_id: str, q: str, a: str, question_id: str = "") -> Question:
        """Add one of the learner's own questions (a new id), or replace the one of
        ``question_id``."""
        _check_topic(topic_id)
        for text in (q, a):
            _check_text(text)
        if not q.strip():
            raise ValueError("a question cannot be empty")
        self._prepare()
        taken = {item.id for item in self.review_of(topic_id).questions}
        if question_id and question_id not in taken:
            raise KeyError(question_id)
        new_id = question_id or _new_question_id(taken)
        question = Question(q, a, new_id)
        self._pending.append(Change("question", topic_id, self._now(), question=question))
        self._commit()
        return question

    def remove_question(self, topic_id: str, question_id: str) -> None:
        _check_topic(topic_id)
        self._prepare()
        found = [q for q in self.review_of(topic_id).questions if q.id == question_id]
        if not found:
            raise KeyError(question_id)
        change = Change("question", topic_id, self._now(), question=found[0], remove=True)
        self._pending.append(change)
        self._commit()

    def set_many(self, changes: Iterable[tuple[str, str]], *, undo: bool = False) -> None:
        """Set many statuses in one save (e.g. mark a whole branch); same rules as
        set_status. Topics already in the wanted status are left alone. ``undo``: these
        take back earlier changes, and their activity (activity counts net changes)."""
        wanted: dict[str, str] = {}
        for topic_id, status in changes:
            _check_topic(topic_id)
            _check_status(status)
            wanted[topic_id] = status
        self._prepare()
        now = self._now()
        new = [
            Change("status", tid, now, status=st, undo=undo)
            for tid, st in wanted.items()
            if self.get(tid).status != st
        ]
        if new:
            self._pending.extend(new)
            self._commit()

    def set_chosen(self, changes: Iterable[tuple[str, bool | None]]) -> None:
        """Pick options of pick-one choices (True), unpick them (False) or clear the explicit
        pick (None), in one save. Like a status change it sets ``changed``; it is not
        activity (choosing what to learn is not learning)."""
        wanted: dict[str, bool | None] = {}
        for topic_id, chosen in changes:
            _check_topic(topic_id)
            if chosen is not None and not isinstance(chosen, bool):
                raise TypeError(f"chosen must be True, False or None, not {chosen!r}")
            wanted[topic_id] = chosen
        self._prepare()
        now = self._now()
        new = [
            Change("chosen", tid, now, chosen=chosen)
            for tid, chosen in wanted.items()
            if self.get(tid).chosen is not chosen
        ]
        if new:
            self._pending.extend(new)
            self._commit()

    def reset(self, topic_ids: Iterable[str] | None = None) -> None:
        """Back to todo (started/completed cleared, notes KEPT), in one save; None = every
        topic of this roadmap. Like any status change it sets ``changed`` and counts as
        activity."""
        if topic_ids is None:
            self._prepare()
            ids = list(self._topics())
        else:
            ids = list(dict.fromkeys(topic_ids))
            for tid in ids:
                _check_topic(tid)
            self._prepare()
        self.set_many((tid, "todo") for tid in ids)

    def merge_from(self, entries: Mapping[str, TopicProgress]) -> int:
        """Import entries (one save): an entry is taken where its ``changed`` is newer than ours
        (or we have none); returns how many were taken. Where ours is newer (or theirs has no
        date), ours is kept as it is. A taken entry never drops our note: if ours is a different
        non-empty text, the result is ours + conflict marker + theirs; an empty note of theirs
        keeps ours. Imports keep their own dates (but a date in the future, from a clock that
        was wrong, is taken as now, so it cannot win over later local changes) and unknown keys
        (merged over ours), and do not count as activity."""
        self._prepare()
        now = self._now()
        new: list[Change] = []
        for tid, entry in entries.items():
            _check_topic(tid)
            new.append(Change("merge", tid, now, theirs=_check_entry(entry, now)))
        if not new:
            return 0
        self._pending.extend(new)
        return self._commit()

    def merge_reviews(self, reviews: Mapping[str, TopicReview]) -> tuple[int, int]:
        """Import review (one save): each rating of theirs that ours does not hold is added to
        the topic's log, and each own question of theirs whose id ours does not have is added
        (ours is kept on the same id). A rating dated in the future (a clock that was wrong)
        is taken as now. Returns how many ratings and how many questions were added."""
        self._prepare()
        now = self._now()
        new: list[Change] = []
        for tid, theirs in reviews.items():
            _check_topic(tid)
            ours = self.review_of(tid)
            for review in theirs.log:
                if review.rating not in RATINGS:
                    raise ValueError(
                        f"{tid}: rating {review.rating!r} is not one of {', '.join(RATINGS)}"
                    )
                review = Review(min(to_utc(review.when), now), review.rating, review.practice)
                if review not in ours.log:
                    new.append(Change("review", tid, now, review=review))
            taken = {q.id for q in ours.questions}
            for question in theirs.questions:
                for text in (question.q, question.a, question.id):
                    _check_text(text)
                if question.id and question.q.strip() and question.id not in taken:
                    taken.add(question.id)
                    new.append(Change("question", tid, now, question=question))
        if not new:
            return 0, 0
        self._pending.extend(new)
        self._commit()
        ratings = sum(change.kind == "review" for change in new)
        return ratings, len(new) - ratings

    def merge_activity(self, days: Mapping[str, int]) -> None:
        """Import activity ("YYYY-MM-DD" -> changes that day), in one save: per day the
        larger count of ours and theirs (so importing the same activity twice changes
        nothing)."""
        pairs = []
        for day, count in sorted(days.items()):
            date.fromisoformat(day)  # ValueError for anything else
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"activity {day}: expected a count >= 0, not {count!r}")
            pairs.append((day, count))
        self._prepare()
        current = self.activity()
        if any(count > current.get(day, 0) for day, count in pairs):
            self._pending.append(Change("activity", "", self._now(), days=tuple(pairs)))
            self._commit()

    # ---- study time (see core.studytime) ------------------------------------------------

    def log_time(self, topic_id: str, minutes: int, day: date | None = None) -> int:
        """Add ``minutes`` of study of the topic on ``day`` (default: today, the local day by
        this store's clock), in one save; counts as activity that day. Two processes logging
        at once both keep theirs (minutes are added, not set). Returns the topic's minutes."""
        _check_topic(topic_id)
        _check_minutes(minutes)
        self._prepare()
        when = self._now()
        key = (day or when.astimezone().date()).isoformat()
        self._pending.append(Change("time", topic_id, when, days=((key, minutes),)))
        self._commit()
        return sum(self.time().get(topic_id, {}).values())

    def start_timer(self, topic_id: str) -> Timer:
        """Start the study timer on the topic, now (a running one is replaced: stop it first
        to log it); a to-do topic becomes in progress. One save."""
        _check_topic(topic_id)
        self._prepare()
        now = self._now()
        timer = Timer(topic_id, now)
        self._pending.append(Change("timer", topic_id, now, timer=timer))
        if self.get(topic_id).status == "todo":
            self._pending.append(Change("status", topic_id, now, status="in-progress"))
        self._commit()
        return timer

    def stop_timer(self, minutes: int | None = None) -> list[tuple[str, int]] | None:
        """Stop the running timer and log its minutes on the local days they fell on (a timer
        across midnight gives each day its part). ``minutes``: log that much instead (the
        learner's word for a timer left running), spread over the same days; 0 logs nothing.
        None when no timer runs (also when another process stopped it meanwhile)."""
        if minutes is not None and minutes != 0:
            _check_minutes(minutes)
        self.load()  # the timer as it is on disk now: another process may have stopped it
        timer = self.timer()
        if timer is None:
            return None
        self._prepare()
        now = self._now()
        if minutes is None and timer.minutes(now) > MAX_LOG_MINUTES:
            raise ValueError("a timer of over a day needs the minutes it was study")
        days = split_minutes(timer.started, now, minutes) if minutes != 0 else []
        self._pending.append(Change("time", timer.topic, now, days=tuple(days), timer=timer))
        self._commit()
        return days

    def merge_time(self, time: Mapping[str, Mapping[str, int]]) -> int:
        """Import study time (topic id -> {"YYYY-MM-DD": minutes}, e.g. of a sync-conflict
        copy), in one save: per topic and day the larger of ours and theirs, so merging the
        same copy twice changes nothing. Not activity. Returns the minutes added."""
        self._prepare()
        ours = self.time()
        now = self._now()
        new: list[Change] = []
        added = 0
        for tid, days in time.items():
            _check_topic(tid)
            pairs = []
            for day, minutes in sorted(days.items()):
                date.fromisoformat(day)  # ValueError for anything else
                if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
                    raise ValueError(f"time {tid} {day}: expected minutes >= 0, not {minutes!r}")
                have = ours.get(tid, {}).get(day, 0)
                if minutes > have:
                    pairs.append((day, minutes))
                    added += minutes - have
            if pairs:
                new.append(Change("time", tid, now, days=tuple(pairs), larger=True))
        if new:
            self._pending.extend(new)
            self._commit()
        return added

    def set_goal(self, goal: Goal | None) -> None:
        """Set this roadmap's goal (None, or an empty one, clears it); one save."""
        if goal is not None:
            if goal.weekly_hours is not None and not 0 < goal.weekly_hours <= 168:
                raise ValueError(f"weekly hours must be from 0 to 168, not {goal.weekly_hours}")
            if goal.scope not in ("core", "all"):
                raise ValueError(f"scope must be core or all, not {goal.scope!r}")
            if goal.is_empty:
                goal = None
        self._prepare()
        if goal != self.goal():
            self._pending.append(Change("goal", "", self._now(), goal=goal))
            self._commit()

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
            stamp = self._now().strftime("%Y%m%dT%H%M%S")
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

    def _now(self) -> datetime:
        return to_utc(self._clock()).replace(microsecond=0)

    def _topics(self) -> dict[str, TopicProgress]:
        if self.renamed:
            return self._carried
        return self._view.roadmaps.get(self.roadmap_id, _EMPTY_ROADMAP).topics

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.load()

    def _prepare(self) -> None:
        self._ensure_loaded()
        if self.read_only:
            raise self._newer_error(self._disk.schema)

    def _newer_error(self, schema: int) -> ProgressError:
        return ProgressError(
            f"written by a newer version of roadmap-tui (schema {schema}, this version knows "
            f"{SCHEMA_VERSION}); it is read but never written",
            path=self.path,
            hint="upgrade roadmap-tui to change progress in this file",
        )

    def _remember(self, raw: bytes | None, sig: Signature | None, doc: Document) -> None:
        self._raw, self._sig, self._disk = raw, sig, doc
        self._loaded = True
        self.read_only = doc.schema > SCHEMA_VERSION

    def _refresh_view(self) -> None:
        rid = self.roadmap_id
        self._view, _ = apply_changes(self._disk, rid, self._pending, self.renamed)
        if self.renamed:
            topics = self._view.roadmaps.get(rid, _EMPTY_ROADMAP).topics
            self._carried = carry_over(topics, self.renamed)

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
        stamp = self._now().strftime("%Y%m%dT%H%M%S")
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
            deadline = time.monotonic() + self.lock_timeout
            delay = 0.001
            while True:
                try:
                    _try_lock(fd)
                    break
                except OSError as e:
                    if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                        raise ProgressError(
                            f"cannot lock: {e.strerror or e}", path=lock_path
                        ) from e
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise LockTimeout(
                            f"timed out after {self.lock_timeout:g} s waiting for the lock "
                            "file; another roadmap-tui is saving or stuck",
                            path=lock_path,
                            hint=f"close other roadmap-tui windows using {self.path}",
                        ) from None
                    time.sleep(min(delay, left))
                    delay = min(delay * 2, 0.02)
            try:
                yield target
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    def _commit(self) -> int:
        """Save all pending changes: lock, re-read, replay, write. Returns the merge count."""
        try:
            with self._locked() as target:
                if self.disk_signature() != self._sig:  # someone else wrote it since
                    self._reread()
                if self.read_only:
                    raise self._newer_error(self._disk.schema)
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


def _new_question_id(taken: set[str]) -> str:
    """A short id, unique among the topic's own questions (and, being random, across places)."""
    import secrets

    while (found := secrets.token_hex(3)) in taken:
        pass
    return found


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


def _try_lock(fd: int) -> None:
    """Take an exclusive lock or raise OSError at once (BlockingIOError when held)."""
    if os.name == "nt":  # pragma: no cover
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _check_topic(topic_id: object) -> None:
    if not isinstance(topic_id, str) or not topic_id:
        raise ValueError(f"topic id must be a non-empty string, not {topic_id!r}")
    _check_text(topic_id)


def _check_minutes(minutes: object) -> None:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise TypeError(f"minutes must be an integer, not {minutes!r}")
    if not 0 < minutes <= MAX_LOG_MINUTES:
        raise ValueError(f"minutes must be from 1 to {MAX_LOG_MINUTES}, not {minutes}")


def _check_status(status: object) -> None:
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")


def _check_text(s: object) -> None:
    if not isinstance(s, str):
        raise TypeError(f"expected a string, not {type(s).__name__}")
    try:
        s.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"text cannot be saved as UTF-8: {e.reason}") from None


def _check_entry(e: object, now: datetime) -> TopicProgress:
    """An imported entry, checked, with its dates in UTC and no later than ``now``, and
    ``extra`` a plain dict."""
    if not isinstance(e, TopicProgress):
        raise TypeError(f"expected TopicProgress, not {type(e).__name__}")
    _check_status(e.status)
    _check_text(e.note)
    dates = {}
    for name in DATE_FIELDS:
        v = getattr(e, name)
        if v is not None:
            if not isinstance(v, datetime):
                raise TypeError(f"{name} must be a datetime or None")
            try:
                dates[name] = min(to_utc(v), now)
            except OverflowError:
                raise ValueError(f"{name} is out of range in UTC: {v!r}") from None
    if e.chosen is not None and not isinstance(e.chosen, bool):
        raise TypeError(f"chosen must be True, False or None, not {e.chosen!r}")
    extra = dict(e.extra)
    fileformat.check_extra(extra)
    return e._replace(extra=extra, **dates)
