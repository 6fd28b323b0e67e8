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
from difflib import SequenceMatcher
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TypeVar

from roadmap_tui.core.practice import TopicPractice, apply_practice
from roadmap_tui.core.review import Question, Review, TopicReview
from roadmap_tui.core.studytime import Goal, Timer
from roadmap_tui.core.symbols import COMPLETE, STATUSES  # noqa: F401 (storage reads STATUSES here)

SCHEMA_VERSION = 1
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
        return self == TODO


TODO = TopicProgress()


@dataclass(slots=True)
class RoadmapProgress:
    """The progress of one roadmap in a document; ``extra`` holds its unknown keys."""

    topics: dict[str, TopicProgress] = field(default_factory=dict)
    activity: dict[str, int] = field(default_factory=dict)  # "YYYY-MM-DD" -> changes that day
    extra: dict[str, Any] = field(default_factory=dict)
    reviews: dict[str, TopicReview] = field(default_factory=dict)  # topic id -> its review
    # topic id -> its practice evidence: links to work, ticked checklist items (core.practice)
    practice: dict[str, TopicPractice] = field(default_factory=dict)
    # study time: topic id -> {"YYYY-MM-DD" (local day): minutes}; the running timer; the goal
    time: dict[str, dict[str, int]] = field(default_factory=dict)
    timer: Timer | None = None
    goal: Goal | None = None


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

    kind: Literal[
        "status",
        "note",
        "merge",
        "chosen",
        "review",
        "question",
        "activity",
        "link",
        "check",
        "time",
        "timer",
        "goal",
    ]
    topic: str
    when: datetime
    status: str = ""  # status: the wanted status
    base: str = ""  # note: the text our edit started from
    note: str = ""  # note: our new text
    theirs: TopicProgress | None = None  # merge: the imported entry
    chosen: bool | None = None  # chosen: the wanted pick (None clears it)
    review: Review | None = None  # review: the rating given
    question: Question | None = None  # question: the learner's own question (by its id)
    remove: bool = False  # question, link, check: remove (else add; a question: or replace)
    # status or note: an undo, which takes back the activity of the change it undoes
    undo: bool = False
    # activity: imported ("YYYY-MM-DD", count) pairs; per day the larger count is kept
    days: tuple[tuple[str, int], ...] = ()
    # link or check: the links, or the checklist item keys, added (or taken away: ``remove``)
    values: tuple[str, ...] = ()
    # time: ("YYYY-MM-DD", minutes) pairs of study to add to the topic (``days``; minutes
    # below 0 take back time logged by mistake); with
    # ``timer`` set, only while that timer is still the running one, which it then stops (two
    # processes stopping one timer log it once)
    # timer: start ``timer`` (the running one is replaced); goal: set ``goal`` (None clears it)
    timer: Timer | None = None
    goal: Goal | None = None
    # time: imported minutes (a copy of the progress file): per day the larger of ours and
    # theirs (merging the same copy twice changes nothing); not activity
    larger: bool = False


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
    """The note to save when we changed ``base`` into ``ours`` and the file now holds ``disk``:
    a three-way merge, line by line.

    Nobody else changed it: ours. Only they changed it: theirs. We cleared a note someone else
    changed meanwhile: theirs. Both changed it: both changes, where they touch different lines
    (ours after theirs where both add lines next to each other is a conflict); where they
    change the same lines, both whole texts, with a conflict marker between them.
    """
    if disk == ours or ours == base:
        return disk
    if disk == base or not disk:
        return ours
    if not ours:
        return disk
    merged = _merge_lines(base, disk, ours)
    return merged if merged is not None else _conflict(disk, ours, when)


# a change of the base's lines [start, end) into new lines (start == end: an insertion)
_Hunk = tuple[int, int, tuple[str, ...]]


def _lines(text: str) -> list[str]:
    # every line ends with a newline, the last one too: an edit of the last line and a line
    # added after it then touch different lines
    return (text + "\n").splitlines(keepends=True)


def _hunks(base: list[str], other: list[str]) -> list[_Hunk]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, tuple(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _clash(a: _Hunk, b: _Hunk) -> bool:
    """Whether two changes of the base, one from each side, cannot both be applied."""
    if a == b:
        return False  # the same change on both sides
    if a[0] == a[1] == b[0] == b[1]:
        return True  # both insert at the same place: which goes first is a guess
    return a[0] < b[1] and b[0] < a[1]  # they change a line in common


def _merge_lines(base: str, theirs: str, ours: str) -> str | None:
    """Both sides' changes of ``base`` applied (theirs first at the same place); None when
    they change the same lines."""
    base_lines = _lines(base)
    mine, other = _hunks(base_lines, _lines(ours)), _hunks(base_lines, _lines(theirs))
    if any(_clash(a, b) for a in other for b in mine):
        return None
    out: list[str] = []
    at = 0
    for start, end, lines in sorted(set(other) | set(mine), key=lambda h: (h[0], h[1])):
        out.extend(base_lines[at:start])
        out.extend(lines)
        at = end
    out.extend(base_lines[at:])
    return "".join(out).removesuffix("\n")


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
    if not is_newer(theirs, cur):
        return None
    note = theirs.note
    if cur.note and cur.note != note:
        note = cur.note if not note else _conflict(cur.note, note, theirs.changed)
    new = theirs._replace(note=note, extra={**cur.extra, **theirs.extra})
    return None if new == cur else new


def is_newer(entry: TopicProgress, than: TopicProgress | None) -> bool:
    """Whether ``entry`` was changed after ``than`` (any entry is newer than none; an entry
    with no date is newer than none with one)."""
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
        if entry is not None and is_newer(entry, best):
            best = entry
    return best


E = TypeVar("E", TopicReview, TopicPractice)  # an entry that has ``merged``


def carry(entries: Mapping[str, E], renamed: Mapping[str, str], empty: E) -> dict[str, E]:
    """``entries`` (reviews, practice) with those kept under former ids (``renamed`` maps old
    ids to current ones) read as the current topics': ``merged`` into the current id's entry
    (``empty`` where it has none). The old entries stay as they are."""
    result = dict(entries)
    for old, new in renamed.items():
        kept = entries.get(old)
        if kept is not None and old != new:
            result[new] = result.get(new, empty).merged(kept)
    return result


def carry_over(
    topics: Mapping[str, TopicProgress], renamed: Mapping[str, str]
) -> dict[str, TopicProgress]:
    """``topics`` with the progress kept under former ids read as the current topics' (where
    the current id has no entry, or an older one). The old entries stay as they are."""
    result = dict(topics)
    for old, new in renamed.items():
        entry = topics.get(old)
        if entry is not None and is_newer(entry, result.get(new)):
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
    picks (a ``chosen`` change: a choice of what to learn, not learning) do not. An undo
    (``Change.undo``) takes one count back instead, so activity counts net changes.
    """
    if not changes:
        return doc, 0
    renamed = renamed or {}
    old = doc.roadmaps.get(roadmap_id, _EMPTY_ROADMAP)
    topics = dict(old.topics)
    activity = dict(old.activity)
    reviews = dict(old.reviews)
    practice = dict(old.practice)
    time = dict(old.time)
    timer, goal = old.timer, old.goal
    taken = 0
    for change in changes:
        if change.kind in ("link", "check"):  # not activity: evidence of work, not learning
            apply_practice(
                practice, change.kind, change.topic, change.values, change.remove, renamed
            )
        elif change.kind == "time":
            stops = change.timer is not None  # the minutes of a timer that this stops
            if not stops or change.timer == timer:  # else stopped (and logged) elsewhere meanwhile
                _add_time(time, activity, change)
                timer = None if stops else timer
        elif change.kind == "timer":
            timer = change.timer
        elif change.kind == "goal":
            goal = change.goal
        elif change.kind in ("review", "question"):
            _apply_review(reviews, change, renamed)
        elif change.kind == "activity":
            # the larger count of the two: importing the same activity twice changes nothing
            for day, count in change.days:
                if count > activity.get(day, 0):
                    activity[day] = count
        else:
            taken += _apply_entry(topics, activity, change, renamed)
    new_roadmap = RoadmapProgress(
        topics, activity, old.extra, reviews, practice, time=time, timer=timer, goal=goal
    )
    roadmaps = {**doc.roadmaps, roadmap_id: new_roadmap}
    return Document(SCHEMA_VERSION, doc.extra, roadmaps), taken


def _apply_entry(
    topics: dict[str, TopicProgress],
    activity: dict[str, int],
    change: Change,
    renamed: Mapping[str, str],
) -> bool:
    """A status, note, pick or imported entry; whether an imported entry was taken."""
    cur = carried(topics, change.topic, renamed)
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
    if new is None:
        return False
    if change.kind in ("status", "note"):
        day = change.when.astimezone().date().isoformat()
        if change.undo:
            _take_back(activity, day)
        else:
            activity[day] = activity.get(day, 0) + 1
    if new.is_empty:
        topics.pop(change.topic, None)
    else:
        topics[change.topic] = new
    return change.kind == "merge"


def _add_time(time: dict[str, dict[str, int]], activity: dict[str, int], change: Change) -> None:
    """Add the change's minutes to its topic (a copy of the topic's days: the old document is
    not modified); each day studied counts once as activity. Minutes below 0 take time back
    (never below none): a day left without minutes goes, with the activity its log counted."""
    per_day = dict(time.get(change.topic, {}))
    for day, minutes in change.days:
        if change.larger:
            per_day[day] = max(per_day.get(day, 0), minutes)
        elif minutes > 0:
            per_day[day] = per_day.get(day, 0) + minutes
            activity[day] = activity.get(day, 0) + 1
        elif day in per_day:
            per_day[day] += minutes
            if per_day[day] <= 0:
                del per_day[day]
                _take_back(activity, day)
    if per_day:
        time[change.topic] = per_day
    else:
        time.pop(change.topic, None)


def _take_back(activity: dict[str, int], day: str) -> None:
    """One count less on the latest active day up to ``day``: the day of the change being
    undone (the same day, or an earlier one when the undo comes after midnight)."""
    earlier = [d for d, n in activity.items() if d <= day and n > 0]
    if not earlier:
        return
    latest = max(earlier)
    if activity[latest] > 1:
        activity[latest] -= 1
    else:
        del activity[latest]


def _apply_review(
    reviews: dict[str, TopicReview], change: Change, renamed: Mapping[str, str]
) -> None:
    """A rating adds to the topic's log (once); a question is added, replaced or removed by
    its id. Neither counts as activity (reviews have their own count per day). Review kept
    under the topic's former ids (``renamed``) is merged in and moves to the current id (so a
    question removed stays removed)."""
    cur = reviews.get(change.topic, TopicReview())
    for former, current in renamed.items():
        if current == change.topic and former != change.topic and former in reviews:
            cur = cur.merged(reviews.pop(former))
    if change.review is not None:
        new = cur.add(change.review)
    else:
        question = change.question
        assert question is not None
        kept = tuple(q for q in cur.questions if q.id != question.id)
        if not change.remove:
            if len(kept) == len(cur.questions):
                kept = (*kept, question)
            else:  # replace in place
                kept = tuple(question if q.id == question.id else q for q in cur.questions)
        new = TopicReview(cur.log, kept, cur.extra)
    if new.is_empty and not new.extra:
        reviews.pop(change.topic, None)
    else:
        reviews[change.topic] = new
