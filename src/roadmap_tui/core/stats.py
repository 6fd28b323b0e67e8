"""Counts, percentages and the next topic to learn. Pure functions, no Textual import."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from roadmap_tui.core.choices import Choices, StatusOf
from roadmap_tui.core.roadmap import KINDS, Roadmap, Topic
from roadmap_tui.core.symbols import COMPLETE


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


def summary(roadmap: Roadmap, statuses: Mapping[str, str], choices: Choices | None = None) -> Tally:
    """Overall counts with one child Tally per section. ``statuses`` maps topic ids to their
    status; a topic it does not name is todo. Pick-one choices count as :mod:`choices` says
    (``choices``, evaluated for the same statuses; None: picks follow the statuses alone, no
    explicit ones)."""
    if choices is None:
        choices = Choices(roadmap, status_lookup(statuses))
    overall = Tally()
    for section in roadmap.sections:
        part = Tally(section.id, section.title)
        for unit in choices.units(section):
            part.count(unit.status, unit.hours)
            overall.count(unit.status, unit.hours)
        overall.children.append(part)
    return overall


def branch_counts(
    roadmap: Roadmap, status_of: StatusOf, choices: Choices | None = None
) -> dict[str, tuple[int, int]]:
    """For every node with children: (complete, total) of the units of work under it (a
    choice not yet made counts as one unit, to do; out topics count nowhere)."""
    if choices is None:
        choices = Choices(roadmap, status_of)
    counts: dict[str, tuple[int, int]] = {}
    for section in roadmap.sections:
        _count(section, status_of, choices, counts)
    return counts


def branch_figures(node: Topic, choices: Choices) -> tuple[tuple[int, int], float]:
    """(complete, total) of the units of work under a branch and the hours it counts, as
    every total counts them; for a branch that counts nowhere (an option not chosen, or
    waiting for a pick), what it would count if it were picked, to choose between options by."""
    if not choices.is_counted(node.id):
        choices = choices.with_picked(node)
    hours = sum(unit.hours for unit in choices.units(node))
    return _count(node, choices.status_of, choices, {}), hours


def _count(
    node: Topic, status_of: StatusOf, choices: Choices, counts: dict[str, tuple[int, int]]
) -> tuple[int, int]:
    complete = total = 0
    if node.choose and choices.pending(node):
        total += 1  # the pick itself
    for child in node.children:
        c, t = _count(child, status_of, choices, counts)
        complete += c
        total += t
        if child.id not in choices.state:  # out topics count nowhere
            total += 1
            if status_of(child.id) in COMPLETE:
                complete += 1
    if node.children:
        counts[node.id] = (complete, total)
    return complete, total


class NextTopic(NamedTuple):
    topic: Topic
    reason: str


def next_topic(
    roadmap: Roadmap,
    status_of: StatusOf,
    *,
    only: Callable[[Topic], bool] | None = None,
    in_progress: Iterable[str] | None = None,
    choices: Choices | None = None,
) -> NextTopic | None:
    """The next topic to learn.

    A topic already in progress comes first (the earliest in roadmap order); then a project
    (a topic with ``practises``) whose prerequisites and practised topics are all complete
    (for a choice among them, the option picked there too);
    then the first unfinished topic in roadmap order whose prerequisites are all complete,
    preferring core, then recommended, alternative, optional. A choice not yet made is
    suggested itself at its place ("choose your language: Python, Go, ..."); after the pick
    the chosen option is followed, ranked with its choice's kind, and out topics never come.

    ``only`` may restrict the candidates. ``in_progress`` may list the ids of the topics in
    progress (the caller often knows them), which lets the scan stop at the first core
    candidate; without it the whole roadmap is scanned for them.
    """
    if choices is None:
        choices = Choices(roadmap, status_of)
    counted = choices.is_counted

    def allowed(topic: Topic) -> bool:
        return counted(topic.id) and (only is None or only(topic))

    def ready(topic: Topic) -> bool:
        return all(status_of(p) in COMPLETE for p in topic.prerequisites)

    if in_progress is None:
        in_progress = [t.id for t in roadmap.topics() if status_of(t.id) == "in-progress"]
    started = set(in_progress)
    for topic in roadmap.topics():
        if topic.id in started and allowed(topic):
            return NextTopic(topic, _reason(roadmap, choices, topic, "already in progress"))
    for topic in roadmap.topics():
        if topic.practises and allowed(topic) and _project_ready(topic, status_of, choices):
            first = "every practised topic complete"
            return NextTopic(topic, _reason(roadmap, choices, topic, first))
    candidates: dict[str, NextTopic] = {}
    for node in roadmap.nodes():
        if not allowed(node):
            continue
        kind = choices.kind_of(node)
        if kind in candidates or not ready(node):
            continue
        if choices.pending(node):
            candidates[kind] = NextTopic(node, choices.prompt(node))
        elif node.is_section or node.practises or status_of(node.id) in COMPLETE:
            continue  # a project comes once what it practises is complete (above)
        else:
            first = "all prerequisites done" if node.prerequisites else "no prerequisites"
            candidates[kind] = NextTopic(node, _reason(roadmap, choices, node, first))
        if kind == "core":
            break  # nothing later beats the first core candidate
    for kind in KINDS:  # in order of preference
        if kind in candidates:
            return candidates[kind]
    return None


def _project_ready(topic: Topic, status_of: StatusOf, choices: Choices) -> bool:
    """A project not yet complete whose prerequisites and practised topics are all complete
    (a practised topic your pick left out does not count; one waiting for a pick does)."""
    if status_of(topic.id) in COMPLETE:
        return False
    needed = [*topic.prerequisites, *(p for p in topic.practises if not choices.is_out(p))]
    # a project that needs a choice (a framework, a database) needs the chosen option learned,
    # not only the pick made
    for choice_id in list(needed):
        choice = choices.roadmap.get(choice_id)
        if choice is not None and choice.is_choice:
            needed += [o.id for o in choice.children if o.id in choices.chosen]
    return all(status_of(p) in COMPLETE for p in needed)


def _reason(roadmap: Roadmap, choices: Choices, topic: Topic, first: str) -> str:
    # a picked option ranks with its choice's kind; "core" beside its own kind would puzzle
    if topic.id in choices.chosen and topic.parent is not None:
        kind = f"your pick for {roadmap[topic.parent].title}"
    else:
        kind = topic.kind
    parts = [first, kind]
    if roadmap.sources:
        parts.append(f"listed by {len(topic.sources)} of {len(roadmap.sources)}")
    return ", ".join(parts)


def filled_cells(percent: float, width: int) -> int:
    """The cells of a ``width``-cell progress bar that ``percent`` fills: a full bar only when
    everything is complete."""
    filled = round(width * percent / 100)
    return filled if percent >= 100 else min(filled, width - 1)


def plain_bar(percent: float, width: int) -> str:
    filled = filled_cells(percent, width)
    return "█" * filled + "░" * (width - filled)


def format_percent(percent: float) -> str:
    """A percent as shown to the learner: "<1%" once anything is complete and ">99%" until
    everything is (rounding alone would say "0%" and "100%" there)."""
    if 0 < percent < 1:
        return "<1%"
    if 99 < percent < 100:
        return ">99%"
    return f"{percent:.0f}%"


def plural(count: int, word: str) -> str:
    """ "1 topic", "2 topics", "0 topics"."""
    return f"{count} {word}{'s' if count != 1 else ''}"


def format_hours(hours: float) -> str:
    if hours == int(hours):
        return f"{int(hours)} h"
    return f"{hours:.1f} h"
