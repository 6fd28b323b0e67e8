"""Counts, percentages and the next topic to learn. Pure functions, no Textual import."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from roadmap_tui.outline import Outline

if TYPE_CHECKING:
    from roadmap_tui.roadmap import Roadmap, Topic

STATUSES = ("todo", "in-progress", "done", "skipped")
COMPLETE = frozenset({"done", "skipped"})
KIND_PREFERENCE = ("core", "recommended", "alternative", "optional")

StatusOf = Callable[[str], str]


def status_lookup(statuses: Mapping[str, str]) -> StatusOf:
    """A status function from a mapping of topic id -> status (missing = todo)."""
    return lambda topic_id: statuses.get(topic_id, "todo")


class Tally:
    """Counts for a group of topics."""

    __slots__ = _TALLY_FIELDS = (
        "id",
        "title",
        "total",
        "done",
        "in_progress",
        "skipped",
        "todo",
        "hours_total",
        "hours_done",
        "hours_in_progress",
        "children",
    )

    def __init__(
        self,
        id: str = "",
        title: str = "",
        total: int = 0,
        done: int = 0,
        in_progress: int = 0,
        skipped: int = 0,
        todo: int = 0,
        hours_total: float = 0.0,
        hours_done: float = 0.0,
        hours_in_progress: float = 0.0,
        children: list[Tally] | None = None,
    ) -> None:
        self.id = id
        self.title = title
        self.total = total
        self.done = done
        self.in_progress = in_progress
        self.skipped = skipped
        self.todo = todo
        self.hours_total = hours_total
        self.hours_done = hours_done
        self.hours_in_progress = hours_in_progress
        self.children: list[Tally] = [] if children is None else children

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._TALLY_FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tally):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._TALLY_FIELDS)
        return f"Tally({fields})"

    def absorb(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.total += other.total
        self.done += other.done
        self.in_progress += other.in_progress
        self.skipped += other.skipped
        self.todo += other.todo
        self.hours_total += other.hours_total
        self.hours_done += other.hours_done
        self.hours_in_progress += other.hours_in_progress

    @property
    def complete(self) -> int:
        return self.done + self.skipped

    @property
    def percent(self) -> float:
        return 100.0 * self.complete / self.total if self.total else 0.0

    @property
    def hours_left(self) -> float:
        return self.hours_total - self.hours_done

    def as_dict(self) -> dict:
        data = {
            "total": self.total,
            "done": self.done,
            "in_progress": self.in_progress,
            "skipped": self.skipped,
            "todo": self.todo,
            "complete": self.complete,
            "percent": round(self.percent, 1),
            "hours_total": round(self.hours_total, 1),
            "hours_done": round(self.hours_done, 1),
            "hours_in_progress": round(self.hours_in_progress, 1),
            "hours_left": round(self.hours_left, 1),
        }
        if self.id:
            data = {"id": self.id, "title": self.title, **data}
        return data


def _outline(roadmap: Roadmap | Outline) -> Outline:
    return roadmap if isinstance(roadmap, Outline) else roadmap.outline


def summary(roadmap: Roadmap | Outline, statuses: Mapping[str, str]) -> Tally:
    """Overall counts with one child Tally per section.

    ``statuses`` maps topic ids to their status; a topic it does not name is todo. Only the
    topics it names are visited: every section's totals are counted once per outline.
    """
    outline = _outline(roadmap)
    ids, titles = outline.ids, outline.titles
    parts = [
        Tally(ids[i], titles[i], count, todo=count, hours_total=hours)
        for i, (count, hours) in zip(outline.sections, outline.section_totals(), strict=True)
    ]
    index, parents, section_of, hours = (
        outline.index,
        outline.parents,
        outline.section_of,
        outline.hours,
    )
    for tid, status in statuses.items():
        if status == "todo":
            continue
        i = index.get(tid)
        if i is None or parents[i] < 0:
            continue  # a topic this roadmap does not have (any more), or a section
        part, h = parts[section_of[i]], hours[i]
        part.todo -= 1
        if status == "done":
            part.done += 1
            part.hours_done += h
        elif status == "skipped":
            part.skipped += 1
            part.hours_done += h
        elif status == "in-progress":
            part.in_progress += 1
            part.hours_in_progress += h
        else:
            part.todo += 1
    overall = Tally(children=parts)
    for part in parts:
        overall.absorb(part)
    return overall


def branch_counts(roadmap: Roadmap, status_of: StatusOf) -> dict[str, tuple[int, int]]:
    """For every node with children: (complete, total) of the topics under it."""
    counts: dict[str, tuple[int, int]] = {}

    def visit(node: Topic) -> tuple[int, int]:
        complete = total = 0
        for child in node.children:
            c, t = visit(child)
            complete += c
            total += t
            total += 1
            if status_of(child.id) in COMPLETE:
                complete += 1
        if node.children:
            counts[node.id] = (complete, total)
        return complete, total

    for section in roadmap.sections:
        visit(section)
    return counts


class NextTopic(NamedTuple):
    topic: Topic
    reason: str


def next_topic(
    roadmap: Roadmap,
    status_of: StatusOf,
    *,
    only: Callable[[Topic], bool] | None = None,
    in_progress: Iterable[str] | None = None,
) -> NextTopic | None:
    """The next topic to learn (see :func:`next_position`), as a topic of ``roadmap``."""
    nodes = tuple(roadmap.nodes())
    found = next_position(
        roadmap.outline,
        status_of,
        only=None if only is None else (lambda i: only(nodes[i])),
        in_progress=in_progress,
    )
    return None if found is None else NextTopic(nodes[found[0]], found[1])


def next_position(
    outline: Outline,
    status_of: StatusOf,
    *,
    only: Callable[[int], bool] | None = None,
    in_progress: Iterable[str] | None = None,
) -> tuple[int, str] | None:
    """The next topic to learn, as (position in the outline, reason): the first unfinished
    topic in roadmap order whose prerequisites are all complete, preferring core, then
    recommended, alternative, optional. A topic already in progress comes first (the earliest in
    roadmap order). A pick-one alternative is passed over once a sibling is chosen.

    ``only`` may restrict the candidates (by position). ``in_progress`` may list the ids of the
    topics in progress (the caller often knows them), which lets the scan stop at the first core
    candidate; without it the whole roadmap is scanned for them.
    """
    ids, parents, kinds = outline.ids, outline.parents, outline.kinds
    if in_progress is not None:
        index = outline.index
        started = [
            i
            for i in (index.get(tid) for tid in in_progress)
            if i is not None and parents[i] >= 0 and (only is None or only(i))
        ]
        if started:
            first = min(started)
            return first, _reason(outline, first, "already in progress")
    prerequisites = outline.prerequisites
    candidates: dict[str, int] = {}
    for i, parent in enumerate(parents):
        if parent < 0 or (only is not None and not only(i)):
            continue
        status = status_of(ids[i])
        if status in COMPLETE:
            continue
        if status == "in-progress":
            return i, _reason(outline, i, "already in progress")
        if any(status_of(p) not in COMPLETE for p in prerequisites[i]):
            continue
        kind = kinds[i]
        if kind in candidates or _settled_alternative(outline, i, status_of):
            continue
        candidates[kind] = i
        if kind == "core" and in_progress is not None:
            break  # in progress is ruled out: nothing later beats the first core candidate
    for kind in KIND_PREFERENCE:
        if kind in candidates:
            i = candidates[kind]
            first = "all prerequisites done" if prerequisites[i] else "no prerequisites"
            return i, _reason(outline, i, first)
    return None


def _settled_alternative(outline: Outline, i: int, status_of: StatusOf) -> bool:
    """True when a sibling of a pick-one choice is already complete or being learnt."""
    kinds, parent = outline.kinds, outline.parents[i]
    if kinds[i] != "alternative" or parent < 0:
        return False
    ids = outline.ids
    return any(
        kinds[s] == "alternative" and s != i and status_of(ids[s]) != "todo"
        for s in outline.children(parent)
    )


def _reason(outline: Outline, i: int, first: str) -> str:
    parts = [first, outline.kinds[i]]
    if outline.source_total:
        parts.append(f"listed by {outline.sources[i]} of {outline.source_total}")
    return ", ".join(parts)


def format_hours(hours: float) -> str:
    if hours == int(hours):
        return f"{int(hours)} h"
    return f"{hours:.1f} h"


# --------------------------------------------------------------------------- history and pace

HEATMAP_WEEKS = 26
PACE_WEEKS = 8


class History(NamedTuple):
    """Activity over time, from the per-day change counts and the completion dates."""

    today: date
    activity: dict[date, int]  # changes per day
    heatmap: list[list[tuple[date, int] | None]]  # [week][weekday], None = after today
    current_streak: int
    longest_streak: int
    weekly_completed: list[int]  # topics completed per week, oldest first, last = this week
    week_starts: list[date]
    pace: float  # topics completed per week over the weeks with history (0 = no history)
    core_left: int
    all_left: int
    core_finish: date | None
    all_finish: date | None

    @property
    def has_history(self) -> bool:
        return bool(self.activity) or any(self.weekly_completed)


def parse_activity(raw: Mapping[str, int]) -> dict[date, int]:
    """The store's {"YYYY-MM-DD": count} as dates; malformed keys are ignored."""
    days: dict[date, int] = {}
    for key, count in raw.items():
        try:
            day = date.fromisoformat(key)
        except (TypeError, ValueError):
            continue
        if isinstance(count, int) and count > 0:
            days[day] = days.get(day, 0) + count
    return days


def streaks(active: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive active days. The current streak still counts
    when today has no activity yet but yesterday had."""
    longest = run = 0
    previous: date | None = None
    for day in sorted(active):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in active else today - timedelta(days=1)
    while day in active:
        current += 1
        day -= timedelta(days=1)
    return current, longest


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())  # Monday


def weekly_counts(days: Iterable[date], today: date, weeks: int) -> tuple[list[date], list[int]]:
    """Counts of ``days`` per Monday-based week, for the ``weeks`` weeks ending with today's."""
    this_week = week_start(today)
    starts = [this_week - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    counts = [0] * weeks
    for day in days:
        index = (week_start(day) - starts[0]).days // 7
        if 0 <= index < weeks and day <= today:
            counts[index] += 1
    return starts, counts


def heatmap_grid(activity: Mapping[date, int], today: date, weeks: int = HEATMAP_WEEKS):
    """A contribution calendar: ``weeks`` columns of 7 days (Monday first), ending today."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    grid: list[list[tuple[date, int] | None]] = []
    for w in range(weeks):
        column: list[tuple[date, int] | None] = []
        for d in range(7):
            day = first + timedelta(weeks=w, days=d)
            column.append(None if day > today else (day, activity.get(day, 0)))
        grid.append(column)
    return grid


def _finish(left: int, pace: float, today: date) -> date | None:
    if left == 0:
        return today
    if pace <= 0:
        return None
    return today + timedelta(days=math.ceil(left / pace * 7))


def history(
    roadmap: Roadmap,
    entries: Mapping[str, object],
    activity_raw: Mapping[str, int],
    today: date,
    *,
    essential: Callable[[Topic], bool] | None = None,
) -> History:
    """Everything the statistics screen shows about time. ``entries`` maps topic id to an
    object with ``status`` and ``completed`` (a datetime or None)."""
    activity = parse_activity(activity_raw)
    completed_days = []
    for topic in roadmap.topics():
        entry = entries.get(topic.id)
        if entry is None or getattr(entry, "status", "todo") not in COMPLETE:
            continue
        when = getattr(entry, "completed", None)
        if when is not None:
            completed_days.append(when.astimezone().date() if when.tzinfo else when.date())
    starts, weekly = weekly_counts(completed_days, today, PACE_WEEKS)
    # pace over the weeks since the first activity (at most PACE_WEEKS, at least one)
    first_seen = min([*activity, *completed_days], default=None)
    if first_seen is None:
        pace = 0.0
    else:
        span = min(PACE_WEEKS, max(1, (week_start(today) - week_start(first_seen)).days // 7 + 1))
        pace = sum(weekly[-span:]) / span
    essential = essential or (lambda t: t.kind == "core")

    def status(tid: str) -> str:
        return getattr(entries.get(tid), "status", "todo")

    core_left = sum(1 for t in roadmap.topics() if essential(t) and status(t.id) not in COMPLETE)
    all_left = sum(1 for t in roadmap.topics() if status(t.id) not in COMPLETE)
    current, longest = streaks({d for d, n in activity.items() if n > 0}, today)
    return History(
        today=today,
        activity=activity,
        heatmap=heatmap_grid(activity, today),
        current_streak=current,
        longest_streak=longest,
        weekly_completed=weekly,
        week_starts=starts,
        pace=pace,
        core_left=core_left,
        all_left=all_left,
        core_finish=_finish(core_left, pace, today),
        all_finish=_finish(all_left, pace, today),
    )
