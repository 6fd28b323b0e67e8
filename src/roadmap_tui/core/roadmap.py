"""The roadmap model: a roadmap's sections, topics, resources and sources as frozen objects.

Pure core: no Textual import. ``roadmap_tui.core.loader.parse`` builds one from a roadmap
file's text (see docs/roadmap-format.md); ``roadmap_tui.storage.roadmaps.load`` from a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

KINDS = ("core", "recommended", "alternative", "optional")
LEVELS = ("beginner", "intermediate", "advanced")
RESOURCE_TYPES = ("docs", "article", "video", "course", "book", "tool")


@dataclass(frozen=True, slots=True)
class Resource:
    type: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Question:
    """A self-check question with its model answer. The learner's own (kept in the progress
    file) have an ``id``; a roadmap's have none."""

    q: str
    a: str
    id: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    url: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Topic:
    """A node of the roadmap. Sections are topics with ``is_section`` set.

    Compared and hashed by identity: one node of one roadmap.
    """

    id: str
    slug: str
    title: str
    summary: str = ""
    description: str = ""
    kind: str = "core"
    level: str = "beginner"
    hours: float = 0
    prerequisites: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    practises: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    questions: tuple[Question, ...] = ()  # self-check questions with model answers
    # > 0: a pick-one choice; its parts are the options, of which the learner picks this many
    choose: int = 0
    typical: str = ""  # the slug of the option whose hours stand for the choice until it is made
    formerly: tuple[str, ...] = ()  # full ids this topic had in earlier versions of the roadmap
    children: tuple[Topic, ...] = ()
    parent: str | None = None
    section: str = ""
    depth: int = 0
    is_section: bool = False

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def is_choice(self) -> bool:
        return self.choose > 0

    @property
    def typical_option(self) -> Topic | None:
        """The option whose hours stand for a choice not yet made (the first unless named)."""
        if not self.choose:
            return None
        return next((c for c in self.children if c.slug == self.typical), self.children[0])

    def walk(self) -> Iterator[Topic]:
        """This topic and everything under it, in roadmap order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Roadmap:
    """A loaded roadmap: its sections (nested topics) and sources, with an index by id."""

    id: str
    title: str
    sections: tuple[Topic, ...]
    sources: tuple[Source, ...] = ()
    description: str = ""
    version: int = 1
    path: Path | None = None
    # every node in roadmap order (sections included), by id
    _index: dict[str, Topic] = field(init=False, repr=False)

    # earlier ids of topics (their ``formerly``) -> the current id
    renamed: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index = {node.id: node for section in self.sections for node in section.walk()}
        object.__setattr__(self, "_index", index)
        renamed = {old: node.id for node in index.values() for old in node.formerly}
        object.__setattr__(self, "renamed", renamed)

    def __repr__(self) -> str:
        return f"Roadmap(id={self.id!r}, title={self.title!r}, {len(self._index)} nodes)"

    def get(self, topic_id: str) -> Topic | None:
        return self._index.get(topic_id)

    def __getitem__(self, topic_id: str) -> Topic:
        return self._index[topic_id]

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._index

    def nodes(self) -> Iterator[Topic]:
        """Every node, sections included, in roadmap order."""
        return iter(self._index.values())

    def topics(self) -> Iterator[Topic]:
        """Every trackable topic (not the sections), in roadmap order."""
        return (node for node in self._index.values() if not node.is_section)

    def parents(self, topic_id: str) -> list[Topic]:
        """The chain of ancestors of a node, outermost first."""
        chain = []
        node = self._index.get(topic_id)
        while node is not None and node.parent is not None:
            node = self._index[node.parent]
            chain.append(node)
        return chain[::-1]

    def ancestor_ids(self, topic_id: str) -> tuple[str, ...]:
        """The ids of a node's ancestors, outermost first."""
        return tuple(node.id for node in self.parents(topic_id))

    @property
    def topic_count(self) -> int:
        return len(self._index) - len(self.sections)

    @property
    def total_hours(self) -> float:
        return sum(t.hours for t in self.topics())

    def find(self, query: str) -> list[Topic]:
        """Resolve a user's TOPIC argument: a full id, or a title or alias (case-insensitive),
        or the last part of an id. The single match, every candidate when it is ambiguous, or
        [] if none."""
        query = query.strip()
        node = self._index.get(query)
        if node is not None and not node.is_section:
            return [node]
        folded = query.casefold()
        matches = [
            t
            for t in self.topics()
            if t.title.casefold() == folded or any(a.casefold() == folded for a in t.aliases)
        ]
        if not matches:
            suffix = "/" + folded
            matches = [t for t in self.topics() if t.id.endswith(suffix)]
        return matches


# --------------------------------------------------------------------------- errors


class Problem(NamedTuple):
    """One mistake in a roadmap file, located by line (None when it has no single place)."""

    path: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        loc = f"{self.path}:{self.line}" if self.line else self.path
        return f"{loc}: {self.where}: {self.message}" if self.where else f"{loc}: {self.message}"


class RoadmapError(Exception):
    """A roadmap file could not be loaded. ``problems`` lists every mistake found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
