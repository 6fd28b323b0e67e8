"""Three-way merge of whole progress documents: what git's merge driver writes when two machines
changed the same progress file since their common version.

The rules are those of two terminals saving one file (:mod:`roadmap_tui.core.progress`), applied
field by field against the common base, so that a change on one side is never undone by the
other side merely having changed something else:

* a field only one side changed is taken from that side;
* status (with its started and completed dates) and the pick of an option: where both sides
  changed them, the side whose ``changed`` is newer wins (ours on a tie);
* the note: three-way merged line by line (``merge_note``); where both changed the same lines,
  both whole texts are kept with the conflict marker between them: no text is lost;
* activity: per day, the changes of both sides are added up (base + ours' + theirs' increments),
  as two terminals adding to the same count would;
* review logs: the union (each rating once); own questions three-way by id (a question one side
  removed and the other left alone is removed; one edited on both sides keeps ours);
* links and ticked checklist items: three-way as sets (what either side added is kept, what
  either side removed goes);
* study time: per topic and day, the minutes of both sides are added up, as activity is;
* the running timer: the side that changed it (a stop or a new start); where both did, the one
  started later; the goal: the side that changed it, ours where both did;
* unknown keys anywhere: three-way per key (ours where both changed a key).

Pure: documents in, a document out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, TypeVar

from roadmap_tui.core.practice import TopicPractice
from roadmap_tui.core.progress import (
    SCHEMA_VERSION,
    TODO,
    Document,
    RoadmapProgress,
    TopicProgress,
    is_newer,
    merge_note,
)
from roadmap_tui.core.review import Question, TopicReview
from roadmap_tui.core.studytime import Timer

T = TypeVar("T")
_MISSING: Any = object()  # a key one side does not have
_EMPTY_ROADMAP = RoadmapProgress()
_NO_REVIEW = TopicReview()


def _pick(base: T, ours: T, theirs: T, both: Callable[[T, T], T]) -> T:
    """The usual three-way choice: the side that changed, or ``both(ours, theirs)``."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return both(ours, theirs)


def _keep_ours(ours: T, theirs: T) -> T:
    return ours


def _merge_keys(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> dict[str, Any]:
    """Unknown keys, three-way per key; ours where both sides changed one."""
    merged: dict[str, Any] = {}
    for key in dict.fromkeys([*ours, *theirs]):
        value = _pick(
            base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING), _keep_ours
        )
        if value is not _MISSING:
            merged[key] = value
    return merged


def merge_topic(base: TopicProgress, ours: TopicProgress, theirs: TopicProgress) -> TopicProgress:
    """One topic's entry, merged field by field against ``base`` (TODO for a missing entry)."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    # the side whose last change is later (ours on a tie, or when neither has a date)
    newer = theirs if is_newer(theirs, ours) else ours

    def status_of(e: TopicProgress) -> tuple:
        return (e.status, e.started, e.completed)

    def newer_side(a: tuple, b: tuple) -> tuple:
        return a if newer is ours else b

    status, started, completed = _pick(
        status_of(base), status_of(ours), status_of(theirs), newer_side
    )
    chosen = _pick(base.chosen, ours.chosen, theirs.chosen, lambda a, b: newer.chosen)
    when = newer.changed or ours.changed or theirs.changed
    if when is not None:
        note = merge_note(theirs.note, base.note, ours.note, when)
    else:  # no date on either side: there is no time to name, keep both texts plainly
        note = _pick(base.note, ours.note, theirs.note, lambda a, b: f"{a}\n\n{b}")
    dates = [d for d in (ours.changed, theirs.changed) if d is not None]
    return TopicProgress(
        status=status,
        note=note,
        started=started,
        completed=completed,
        changed=max(dates) if dates else None,
        extra=_merge_keys(base.extra, ours.extra, theirs.extra),
        chosen=chosen,
    )


def _merge_questions(
    base: tuple[Question, ...], ours: tuple[Question, ...], theirs: tuple[Question, ...]
) -> tuple[Question, ...]:
    b = {q.id: q for q in base}
    o = {q.id: q for q in ours}
    t = {q.id: q for q in theirs}
    merged: list[Question] = []
    for qid in dict.fromkeys([*o, *t]):
        one = o.get(qid, _MISSING)
        other = t.get(qid, _MISSING)
        # removed on one side, edited on the other: the edit is kept (no text lost)
        q = _pick(b.get(qid, _MISSING), one, other, lambda x, y: y if x is _MISSING else x)
        if q is not _MISSING:
            merged.append(q)
    return tuple(merged)


def merge_review(base: TopicReview, ours: TopicReview, theirs: TopicReview) -> TopicReview:
    log = tuple(sorted(set(ours.log) | set(theirs.log), key=lambda r: (r.when, r.rating)))
    questions = _merge_questions(base.questions, ours.questions, theirs.questions)
    return TopicReview(log, questions, _merge_keys(base.extra, ours.extra, theirs.extra))


def _merge_activity(
    base: Mapping[str, int], ours: Mapping[str, int], theirs: Mapping[str, int]
) -> dict[str, int]:
    merged: dict[str, int] = {}
    for day in sorted({*base, *ours, *theirs}):
        b = base.get(day, 0)
        count = ours.get(day, 0) + theirs.get(day, 0) - b
        if count > 0:
            merged[day] = count
    return merged


def _merge_set(base: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]):
    """Three-way as sets, in order (ours first): added on either side kept, removed on either
    side gone."""
    gone = (set(base) - set(ours)) | (set(base) - set(theirs))
    return tuple(v for v in dict.fromkeys([*ours, *theirs]) if v not in gone)


def _merge_practice(b: TopicPractice, o: TopicPractice, t: TopicPractice) -> TopicPractice:
    return TopicPractice(
        _merge_set(b.links, o.links, t.links),
        _merge_set(b.checked, o.checked, t.checked),
        _merge_keys(b.extra, o.extra, t.extra),
    )


def _merge_each(
    base: Mapping[str, T],
    ours: Mapping[str, T],
    theirs: Mapping[str, T],
    merge: Callable[[T, T, T], T],
    missing: T,
    keep: Callable[[T], object] | None = None,
) -> dict[str, T]:
    """Per key of either side, in key order: ``merge`` of its three versions (``missing``
    where a side has none), where ``keep`` (when given) says the result holds anything."""
    merged: dict[str, T] = {}
    for key in sorted({*ours, *theirs}):
        value = merge(base.get(key, missing), ours.get(key, missing), theirs.get(key, missing))
        if keep is None or keep(value):
            merged[key] = value
    return merged


def _has_progress(entry: TopicProgress | TopicPractice) -> bool:
    return not entry.is_empty


def _has_review(review: TopicReview) -> bool:
    return not review.is_empty or bool(review.extra)


def _later_timer(ours: Timer | None, theirs: Timer | None) -> Timer | None:
    """Both sides changed the timer: a running one beats a stop (its start is newer than the
    common version's timer), and of two the one started later."""
    if ours is None or theirs is None:
        return ours or theirs
    return theirs if theirs.started > ours.started else ours


def _merge_time(
    base: RoadmapProgress, ours: RoadmapProgress, theirs: RoadmapProgress
) -> dict[str, dict[str, int]]:
    """Study time: on each side the minutes added since the common version, added together
    (days left with some). A timer of the common version that both sides stopped is one spell
    of study logged twice: on its topic, from its start, a day both added to gets the larger
    addition instead of the sum."""
    time = _merge_each(base.time, ours.time, theirs.time, _merge_activity, {}, bool)
    timer = base.timer
    if timer is None or timer in (ours.timer, theirs.timer):
        return time
    b, o, t = (side.time.get(timer.topic, {}) for side in (base, ours, theirs))
    since = (timer.started.date() - timedelta(days=1)).isoformat()  # the local day, at most
    for day in o.keys() & t.keys():
        added = o[day] - b.get(day, 0), t[day] - b.get(day, 0)
        if day >= since and min(added) > 0:
            time[timer.topic][day] = b.get(day, 0) + max(added)
    return time


def merge_roadmap(
    base: RoadmapProgress, ours: RoadmapProgress, theirs: RoadmapProgress
) -> RoadmapProgress:
    b, o, t = base, ours, theirs
    return RoadmapProgress(
        _merge_each(b.topics, o.topics, t.topics, merge_topic, TODO, _has_progress),
        _merge_activity(b.activity, o.activity, t.activity),
        _merge_keys(b.extra, o.extra, t.extra),
        _merge_each(b.reviews, o.reviews, t.reviews, merge_review, _NO_REVIEW, _has_review),
        _merge_each(
            b.practice, o.practice, t.practice, _merge_practice, TopicPractice(), _has_progress
        ),
        time=_merge_time(b, o, t),
        timer=_pick(base.timer, ours.timer, theirs.timer, _later_timer),
        goal=_pick(base.goal, ours.goal, theirs.goal, _keep_ours),
    )


def merge_documents(base: Document, ours: Document, theirs: Document) -> Document:
    """The merge of two progress documents that both started from ``base`` (an empty document
    when they have no common version). Neither input is modified. The documents must be of a
    schema this version writes (the caller refuses newer ones)."""
    roadmaps = _merge_each(
        base.roadmaps, ours.roadmaps, theirs.roadmaps, merge_roadmap, _EMPTY_ROADMAP
    )
    return Document(SCHEMA_VERSION, _merge_keys(base.extra, ours.extra, theirs.extra), roadmaps)
