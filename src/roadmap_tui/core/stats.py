"""Counts, percentages and the next topic to learn. Pure functions, no Textual import."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from roadmap_tui.core.roadmap import Roadmap, Topic

STATUSES = ("todo", "in-progress", "done", "skipped")
COMPLETE = frozenset({"done", "skipped"})
KIND_PREFERENCE = ("core", "recommended", "alternative", "optional")

StatusOf = Callable[[str], str]


def status_lookup(statuses: Mapping[str, str]) -> StatusOf:
    """A status function from a mapping of topic id -> status (missing = todo)."""
    return lambda topic_id: statuses.get(topic_id, "todo")


@dataclass(eq=True, slots=True)
class Tally:
    """Counts for a group of topics (a section, or the whole roadmap with its sections as
    children)."""

    id: str = ""
    title: str = ""
    total: int = 0
    done: int = 0
    in_progress: int = 0
    skipped: int = 0
    todo: int = 0
    hours_total: float = 0.0
    hours_done: float = 0.0
    hours_in_progress: float = 0.0
    children: list[Tally] = field(default_factory=list)

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

    def count(self, status: str, hours: float) -> None:
        """Add one topic with this status and estimate."""
        self.total += 1
        self.hours_total += hours
        if status == "done":
            self.done += 1
            self.hours_done += hours
        elif status == "skipped":
            self.skipped += 1
            self.hours_done += hours
        elif status == "in-progress":
            self.in_progress += 1
            self.hours_in_progress += hours
        else:
            self.todo += 1

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


def summary(roadmap: Roadmap, statuses: Mapping[str, str]) -> Tally:
    """Overall counts with one child Tally per section. ``statuses`` maps topic ids to their
    status; a topic it does not name is todo."""
    parts = []
    for section in roadmap.sections:
        part = Tally(section.id, section.title)
        for topic in section.walk():
            if not topic.is_section:
                part.count(statuses.get(topic.id, "todo"), topic.hours)
        parts.append(part)
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
    """The next topic to learn: the first unfinished topic in roadmap order whose
    prerequisites are all complete, preferring core, then recommended, alternative, optional.
    A topic already in progress comes first (the earliest in roadmap order). A pick-one
    alternative is passed over once a sibling is chosen.

    ``only`` may restrict the candidates. ``in_progress`` may list the ids of the topics in
    progress (the caller often knows them), which lets the scan stop at the first core
    candidate; without it the whole roadmap is scanned for them.
    """
    if in_progress is not None:
        started = set(in_progress)
        for topic in roadmap.topics():
            if topic.id in started and (only is None or only(topic)):
                return NextTopic(topic, _reason(roadmap, topic, "already in progress"))
    candidates: dict[str, Topic] = {}
    for topic in roadmap.topics():
        if only is not None and not only(topic):
            continue
        status = status_of(topic.id)
        if status in COMPLETE:
            continue
        if status == "in-progress":
            return NextTopic(topic, _reason(roadmap, topic, "already in progress"))
        if any(status_of(p) not in COMPLETE for p in topic.prerequisites):
            continue
        if topic.kind in candidates or _settled_alternative(roadmap, topic, status_of):
            continue
        candidates[topic.kind] = topic
        if topic.kind == "core" and in_progress is not None:
            break  # in progress is ruled out: nothing later beats the first core candidate
    for kind in KIND_PREFERENCE:
        if kind in candidates:
            topic = candidates[kind]
            first = "all prerequisites done" if topic.prerequisites else "no prerequisites"
            return NextTopic(topic, _reason(roadmap, topic, first))
    return None


def next_position(
    roadmap: Roadmap,
    status_of: StatusOf,
    *,
    only: Callable[[Topic], bool] | None = None,
    in_progress: Iterable[str] | None = None,
) -> tuple[int, str] | None:
    """:func:`next_topic` as (the topic's position in roadmap order, reason)."""
    found = next_topic(roadmap, status_of, only=only, in_progress=in_progress)
    return None if found is None else (roadmap.position(found.topic.id), found.reason)


def _settled_alternative(roadmap: Roadmap, topic: Topic, status_of: StatusOf) -> bool:
    """True when a sibling of a pick-one choice is already complete or being learnt."""
    if topic.kind != "alternative" or topic.parent is None:
        return False
    return any(
        sibling.kind == "alternative" and sibling is not topic and status_of(sibling.id) != "todo"
        for sibling in roadmap[topic.parent].children
    )


def _reason(roadmap: Roadmap, topic: Topic, first: str) -> str:
    parts = [first, topic.kind]
    if roadmap.sources:
        parts.append(f"listed by {len(topic.sources)} of {len(roadmap.sources)}")
    return ", ".join(parts)


def format_hours(hours: float) -> str:
    if hours == int(hours):
        return f"{int(hours)} h"
    return f"{hours:.1f} h"
