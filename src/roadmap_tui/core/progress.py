"""The progress model: per-topic status, note and dates, and the rules for changing and merging
them. Pure: no files, no TOML (``roadmap_tui.storage.progress`` reads and writes the file).

A store never writes its in-memory state over the file: it keeps a list of :class:`Change`
objects and replays them (``apply_changes``) onto the document as it is on disk at save time, so
two processes editing different topics keep each other's work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

__all__ = [
    "COMPLETE",
    "CONFLICT_MARKER",
    "DATE_FIELDS",
    "EMPTY_DOCUMENT",
    "SCHEMA_VERSION",
    "STATUSES",
    "TODO",
    "Change",
    "Document",
    "RoadmapProgress",
    "TopicProgress",
    "apply_changes",
    "carry_over",
    "format_utc",
    "merge_entry",
    "merge_note",
    "to_utc",
    "transition",
]

SCHEMA_VERSION = 1
STATUSES = ("todo", "in-progress", "done", "skipped")
COMPLETE = frozenset({"done", "skipped"})  # progress counts both as complete
CONFLICT_MARKER = "<<<<<<< conflicting edit saved "
DATE_FIELDS = ("started", "completed", "changed")

_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


class TopicProgress(NamedTuple):
    """Progress of one topic. Dates are aware UTC datetimes; ``extra`` holds unknown keys;
    ``chosen`` the explicit pick of an option (see :mod:`roadmap_tui.core.choices`).

    Immutable; hashed without ``extra`` (a dict, not hashable).
    """

    status: str = "todo"
    note: str = ""
    started: datetime | None = None
    completed: datetime | None = None
    changed: datetime | None = None
    extra: Mapping[str, Any] = _NO_EXTRA
    # an option of a pick-one choice: picked (True) or not (False) explicitly; None: the
    # progress does not say (then starting or finishing the option picks it)
    chosen: bool | None = None

    def __hash__(self) -> int:
        return hash(self[:5])

    @property
    def is_complete(self) -> bool:
        return self.status in COMPLETE

    @property
    def is_empty(self) -> bool:
        """True for an entry carrying no information (such entries are not written)."""
        return (
            self.status == "todo"
            and not self.note
            and self.started is None
            and self.completed is None
            and self.changed is None
            and not self.extra
            and self.chosen is None
        )


TODO = TopicProgress()


@dataclass(slots=True)
class RoadmapProgress:
    """The progress of one roadmap in a document; ``extra`` holds its unknown keys."""

    topics: dict[str, TopicProgress] = field(default_factory=dict)
    activity: dict[str, int] = field(default_factory=dict)  # "YYYY-MM-DD" -> changes that day
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """A whole progress file. Treated as immutable: changes make copies of what they touch."""

    schema: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys
    roadmaps: dict[str, RoadmapProgress] = field(default_factory=dict)


EMPTY_DOCUMENT = Document()
_EMPTY_ROADMAP = RoadmapProgress()


@dataclass(frozen=True, slots=True)
class Change:
    """One change not yet saved, replayed onto the file as it is on disk at save time."""

    kind: Literal["status", "note", "merge", "chosen"]
    topic: str
    when: datetime
    status: str = ""  # status: the wanted status
    base: str = ""  # note: the text our edit started from
    note: str = ""  # note: our new text
    theirs: TopicProgress | None = None  # merge: the imported entry
    chosen: bool | None = None  # chosen: the wanted pick (None clears it)


def to_utc(dt: datetime) -> datetime:
    """An aware UTC datetime (a naive one is taken as UTC)."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def format_utc(dt: datetime) -> str:
    """``2026-11-25T09:12:00Z``: how a conflict marker names the time of the edit."""
    s = to_utc(dt).isoformat()
    return s.removesuffix("+00:00") + "Z"


def _conflict(kept: str, other: str, when: datetime) -> str:
    return f"{kept}\n\n{CONFLICT_MARKER}{format_utc(when)}\n{other}"


def transition(cur: TopicProgress, status: str, when: datetime) -> TopicProgress:
    """``cur`` moved to ``status`` at ``when``: todo clears the dates, in-progress keeps
    ``started`` (or sets it), done and skipped also set ``completed``. Starting or finishing
    an option that was explicitly not chosen picks it (the explicit "not chosen" goes)."""
    started, completed = cur.started, cur.completed
    chosen = None if cur.chosen is False and status != "todo" else cur.chosen
    if status == "todo":
        started = completed = None
    elif status == "in-progress":
        started = started or when
        completed = None
    else:  # done / skipped
        started = started or when
        completed = when
    return cur._replace(
        status=status, started=started, completed=completed, changed=when, chosen=chosen
    )


def merge_note(disk: str, base: str, ours: str, when: datetime) -> str:
    """The note to save when we changed ``base`` into ``ours`` and the file now holds ``disk``.

    Nobody else changed it: ours. Both changed it: both texts, with a conflict marker between
    them. We cleared a note someone else changed meanwhile: theirs.
    """
    if disk == ours:
        return disk
    if disk == base or not disk:
        return ours
    if not ours:
        return disk
    return _conflict(disk, ours, when)


def merge_entry(cur: TopicProgress | None, theirs: TopicProgress) -> TopicProgress | None:
    """The entry to store for an import of ``theirs``, or None when ours is kept unchanged.

    Theirs is taken when its ``changed`` is newer than ours (or we have none); a taken entry
    never drops our note (both texts are kept, unless one is empty or both are the same);
    unknown keys are merged, theirs over ours.
    """
    if theirs.is_empty:
        return None
    if cur is None:
        return theirs
    newer = theirs.changed is not None and (cur.changed is None or theirs.changed > cur.changed)
    if not newer:
        return None
    note = theirs.note
    if cur.note and cur.note != note:
        note = cur.note if not note else _conflict(cur.note, note, theirs.changed)
    new = theirs._replace(note=note, extra={**cur.extra, **theirs.extra})
    return None if new == cur else new


def _newer(entry: TopicProgress, than: TopicProgress | None) -> bool:
    if than is None:
        return True
    return entry.changed is not None and (than.changed is None or entry.changed > than.changed)


def carried(
    topics: Mapping[str, TopicProgress], topic_id: str, renamed: Mapping[str, str]
) -> TopicProgress | None:
    """The entry of ``topic_id``, or the entry kept under one of its former ids (``renamed``
    maps old ids to current ones) when the current id has none or an older one."""
    best = topics.get(topic_id)
    for old, new in renamed.items():
        entry = topics.get(old) if new == topic_id else None
        if entry is not None and _newer(entry, best):
            best = entry
    return best


def carry_over(
    topics: Mapping[str, TopicProgress], renamed: Mapping[str, str]
) -> dict[str, TopicProgress]:
    """``topics`` with the progress kept under former ids read as the current topics' (where
    the current id has no entry, or an older one). The old entries stay as they are."""
    result = dict(topics)
    for old, new in renamed.items():
        entry = topics.get(old)
        if entry is not None and _newer(entry, result.get(new)):
            result[new] = entry
    return result


def apply_changes(
    doc: Document,
    roadmap_id: str,
    changes: list[Change],
    renamed: Mapping[str, str] | None = None,
) -> tuple[Document, int]:
    """Replay ``changes`` onto roadmap ``roadmap_id`` of ``doc`` (which is not modified).

    A change of a topic whose progress is kept under a former id (``renamed``: old id ->
    current id) starts from that entry, and is saved under the current id; the old entry
    stays. Returns the new document and how many imported entries were taken. Status and note
    changes that change something count as activity on the user's local day; imports and
    picks (a ``chosen`` change: a choice of what to learn, not learning) do not.
    """
    if not changes:
        return doc, 0
    old = doc.roadmaps.get(roadmap_id, _EMPTY_ROADMAP)
    topics = dict(old.topics)
    activity = dict(old.activity)
    taken = 0
    for change in changes:
        cur = carried(topics, change.topic, renamed) if renamed else topics.get(change.topic)
        base = cur if cur is not None else TODO
        new: TopicProgress | None = None
        if change.kind == "status":
            if base.status != change.status:
                new = transition(base, change.status, change.when)
        elif change.kind == "note":
            text = merge_note(base.note, change.base, change.note, change.when)
            if text != base.note:
                new = base._replace(note=text, changed=change.when)
        elif change.kind == "chosen":
            if base.chosen is not change.chosen:
                new = base._replace(chosen=change.chosen, changed=change.when)
        else:
            assert change.theirs is not None
            new = merge_entry(cur, change.theirs)
            taken += new is not None
        if new is None:
            continue
        if change.kind in ("status", "note"):
            day = change.when.astimezone().date().isoformat()
            activity[day] = activity.get(day, 0) + 1
        if new.is_empty:
            topics.pop(change.topic, None)
        else:
            topics[change.topic] = new
    roadmaps = {**doc.roadmaps, roadmap_id: RoadmapProgress(topics, activity, old.extra)}
    return Document(SCHEMA_VERSION, doc.extra, roadmaps), taken
