"""Counts, percentages and the next topic to learn. Pure functions, no Textual import."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from roadmap_tui.core.outline import Outline

if TYPE_CHECKING:
    from roadmap_tui.core.roadmap import Roadmap, Topic

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
    ids, title_of = outline.ids, outline.title_of
    parts = [
        Tally(ids[i], title_of(i), count, todo=count, hours_total=hours)
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
