"""The roadmap model: load and validate a roadmap TOML file into frozen objects.

Pure core: no Textual import. See docs/roadmap-format.md for the file format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from roadmap_tui.core.outline import load_outline as load_outline  # re-exported
from roadmap_tui.storage import cache as caches
from roadmap_tui.storage.paths import bundled_path as bundled_path  # re-exported

if TYPE_CHECKING:
    from roadmap_tui.core.outline import Outline

KINDS = ("core", "recommended", "alternative", "optional")
LEVELS = ("beginner", "intermediate", "advanced")
RESOURCE_TYPES = ("docs", "article", "video", "course", "book", "tool")

ROADMAP_KEYS = ("id", "title", "version", "description")
SOURCE_KEYS = ("id", "title", "url")
SECTION_KEYS = ("id", "title", "summary", "description", "topic")
TOPIC_KEYS = (
    "id",
    "title",
    "summary",
    "description",
    "kind",
    "level",
    "hours",
    "prerequisites",
    "sources",
    "aliases",
    "practises",
    "resources",
    "topic",
)
RESOURCE_KEYS = ("type", "title", "url")
TOP_KEYS = ("roadmap", "source", "section")

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOML_POS_RE = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER_RE = re.compile(
    r"^\s*\[\[\s*([A-Za-z0-9_.\- ]+?)\s*\]\]|^\s*\[\s*([A-Za-z0-9_.\- ]+?)\s*\]"
)


# The model classes are named tuples (immutable, cheap to create and to unpickle from the
# cache: at 10,000 topics, loading the cache takes a fifth of the time frozen dataclasses took).


class Resource(NamedTuple):
    type: str
    title: str
    url: str


class Source(NamedTuple):
    id: str
    title: str
    url: str = ""


class Topic(NamedTuple):
    """A node of the roadmap. Sections are topics with ``is_section`` set.

    Compared and hashed by identity, as one node of one roadmap (not by value as a tuple).
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
    children: tuple[Topic, ...] = ()
    parent: str | None = None
    section: str = ""
    depth: int = 0
    is_section: bool = False

    __eq__ = object.__eq__  # type: ignore[assignment]
    __ne__ = object.__ne__  # type: ignore[assignment]
    __hash__ = object.__hash__  # type: ignore[assignment]

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def walk(self) -> Iterator[Topic]:
        """This topic and everything under it, in roadmap order."""
        yield self
        for child in self.children:
            yield from child.walk()


class Roadmap:
    """A loaded roadmap: its sections (nested topics), sources, and flat views built once."""

    __slots__ = (
        "_ancestors",
        "_index",
        "_nodes",
        "_order",
        "_outline",
        "_topics",
        "description",
        "id",
        "path",
        "sections",
        "sources",
        "title",
        "version",
    )

    def __init__(
        self,
        id: str,
        title: str,
        sections: tuple[Topic, ...],
        sources: tuple[Source, ...] = (),
        description: str = "",
        version: int = 1,
        path: Path | None = None,
    ) -> None:
        init = object.__setattr__
        init(self, "id", id)
        init(self, "title", title)
        init(self, "sections", sections)
        init(self, "sources", sources)
        init(self, "description", description)
        init(self, "version", version)
        init(self, "path", path)
        # flat views, built once: walking the nested tuples on every pass is slow at 10k topics
        index: dict[str, Topic] = {}
        order: dict[str, int] = {}
        ancestors: dict[str, tuple[str, ...]] = {}
        nodes = []
        for section in sections:
            for node in section.walk():
                order[node.id] = len(order)
                index[node.id] = node
                nodes.append(node)
                ancestors[node.id] = (
                    (*ancestors[node.parent], node.parent) if node.parent is not None else ()
                )
        init(self, "_index", index)
        init(self, "_order", order)
        init(self, "_ancestors", ancestors)
        init(self, "_nodes", tuple(nodes))
        init(self, "_topics", tuple(n for n in nodes if not n.is_section))
        init(self, "_outline", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Roadmap is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Roadmap is read-only: cannot delete {name!r}")

    def __reduce__(self):
        # the flat views are rebuilt on unpickling: cheaper than storing them
        return (
            Roadmap,
            (self.id, self.title, self.sections, self.sources, self.description, self.version),
        )

    def __repr__(self) -> str:
        return f"Roadmap(id={self.id!r}, title={self.title!r}, {len(self._nodes)} nodes)"

    def get(self, topic_id: str) -> Topic | None:
        return self._index.get(topic_id)

    def __getitem__(self, topic_id: str) -> Topic:
        return self._index[topic_id]

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._index

    def nodes(self) -> Iterator[Topic]:
        """Every node, sections included, in roadmap order."""
        return iter(self._nodes)

    def topics(self) -> Iterator[Topic]:
        """Every trackable topic (not the sections), in roadmap order."""
        return iter(self._topics)

    def ancestor_ids(self, topic_id: str) -> tuple[str, ...]:
        """The ids of a node's ancestors, outermost first."""
        return self._ancestors.get(topic_id, ())

    def position(self, topic_id: str) -> int:
        return self._order[topic_id]

    def parents(self, topic_id: str) -> list[Topic]:
        """The chain of ancestors of a node, outermost first."""
        index = self._index
        return [index[tid] for tid in self._ancestors.get(topic_id, ())]

    @property
    def topic_count(self) -> int:
        return len(self._index) - len(self.sections)

    @property
    def total_hours(self) -> float:
        return sum(t.hours for t in self.topics())

    @property
    def outline(self) -> Outline:
        """The roadmap's structure as flat columns (built on first use)."""
        if self._outline is None:
            from roadmap_tui.core.outline import Outline

            object.__setattr__(self, "_outline", Outline.of(self))
        return self._outline

    def find(self, query: str) -> list[Topic]:
        """Resolve a user's TOPIC argument: a full id, or a title/alias (case-insensitive).

        Returns the single match, or every candidate when it is ambiguous, or [] if none.
        """
        nodes = self._nodes
        return [nodes[i] for i in self.outline.find(query)]

    def suggest(self, query: str, limit: int = 5) -> list[Topic]:
        """The topics whose id or title is closest to ``query`` (for error messages)."""
        nodes = self._nodes
        return [nodes[i] for i in self.outline.suggest(query, limit)]


# --------------------------------------------------------------------------- errors


class Problem(NamedTuple):
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


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _expected(choices: tuple[str, ...]) -> str:
    return ", ".join(choices)


Location = int | tuple | None  # a line number, or a lazily resolved table/key location


class _Lines:
    """Maps table headers and keys back to line numbers of the source text, lazily.

    While loading, a table is named by its header and its index among the tables with that
    header (the n-th ``[[section.topic]]`` of a file is the n-th such table in document order,
    which is the order in which the loader walks them). Line numbers are only worked out when a
    problem is reported, so a valid file costs nothing here.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.counters: dict[str, int] = {}
        self._lines: list[str] | None = None
        self._headers: dict[str, list[int]] = {}
        self._header_set: set[int] = set()

    def next_header(self, name: str) -> tuple[str, int]:
        index = self.counters.get(name, 0)
        self.counters[name] = index + 1
        return (name, index)

    def key_line(self, table, key: str):
        """A location for ``key`` inside ``table`` (resolved only if a problem is reported)."""
        if table is None or isinstance(table, int):
            return table
        return (*table[:2], key)

    def _scan(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
            for number, line in enumerate(self._lines, start=1):
                match = _HEADER_RE.match(line)
                if match:
                    name = (match.group(1) or match.group(2)).replace(" ", "")
                    self._headers.setdefault(name, []).append(number)
                    self._header_set.add(number)
        return self._lines

    def resolve(self, location) -> int | None:
        if location is None or isinstance(location, int):
            return location
        lines = self._scan()
        name, index, *key = location
        found = self._headers.get(name, [])
        if index >= len(found):
            return None
        table_line = found[index]
        if not key:
            return table_line
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key[0])}[\"']?\s*=")
        for number in range(table_line + 1, len(lines) + 1):
            if number in self._header_set:
                break
            if pattern.match(lines[number - 1]):
                return number
        return table_line


class _Loader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.name = str(path)
        self.lines = _Lines(text)
        self.problems: list[Problem] = []
        self.index: dict[str, Topic] = {}
        self.prereq_refs: list[tuple[str, str, Location, str]] = []  # (topic, ref, where, key)
        self.source_ids: set[str] = set()
        self.source_refs: list[tuple[str, str, Location]] = []

    def problem(self, location, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, self.lines.resolve(location), where, message))

    # -- helpers -------------------------------------------------------------------------

    def check_keys(self, table: dict, allowed: tuple[str, ...], line: Location, where: str):
        for key in table:
            if key not in allowed:
                self.problem(
                    self.lines.key_line(line, key),
                    where,
                    f"unknown key {key!r}{_did_you_mean(key, allowed)}",
                )

    def text(self, table: dict, key: str, line: Location, where: str, *, required: bool) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(line, where, f"missing {key!r}")
            return ""
        if not isinstance(value, str):
            self.problem(
                self.lines.key_line(line, key),
                where,
                f"{key!r} must be a string, not {type(value).__name__}",
            )
            return ""
        if required and not value.strip():
            self.problem(self.lines.key_line(line, key), where, f"{key!r} is empty")
        return value

    def slug(self, table: dict, line: Location, where: str) -> str:
        value = self.text(table, "id", line, where, required=True)
        if value and not SLUG_RE.match(value):
            self.problem(
                self.lines.key_line(line, "id"),
                where,
                f"id {value!r} is not a slug (expected lowercase letters, digits and '-')",
            )
        return value

    def str_list(self, table: dict, key: str, line: Location, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(
                self.lines.key_line(line, key), where, f"{key!r} must be a list of strings"
            )
            return ()
        return tuple(value)

    def choice(
        self, table: dict, key: str, choices: tuple[str, ...], default: str, line, where
    ) -> str:
        value = table.get(key, default)
        if value not in choices:
            self.problem(
                self.lines.key_line(line, key),
                where,
                f"{key} {value!r} is not one of {_expected(choices)}"
                + (_did_you_mean(value, choices) if isinstance(value, str) else ""),
            )
            return default
        return value

    def url(self, value: Any, line: Location, where: str) -> bool:
        if not isinstance(value, str) or not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
            self.problem(line, where, f"url {value!r} must be an http:// or https:// address")
            return False
        return True

    # -- structure -----------------------------------------------------------------------

    def load(self, data: dict) -> Roadmap | None:
        self.check_keys(data, TOP_KEYS, 1, "")
        head = data.get("roadmap")
        head_line = self.lines.next_header("roadmap")
        if not isinstance(head, dict):
            self.problem(1, "[roadmap]", "missing the [roadmap] table (with id and title)")
            head = {}
        self.check_keys(head, ROADMAP_KEYS, head_line, "[roadmap]")
        rid = self.slug(head, head_line, "[roadmap]")
        title = self.text(head, "title", head_line, "[roadmap]", required=True)
        description = self.text(head, "description", head_line, "[roadmap]", required=False)
        version = head.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool):
            self.problem(
                self.lines.key_line(head_line, "version"), "[roadmap]", "version must be an integer"
            )
            version = 1

        sources = []
        raw_sources = data.get("source", [])
        if not isinstance(raw_sources, list):
            self.problem(1, "source", "must be an array of tables ([[source]])")
            raw_sources = []
        for n, raw in enumerate(raw_sources, start=1):
            line = self.lines.next_header("source")
            where = f"source #{n}"
            if not isinstance(raw, dict):
                self.problem(line, where, "must be a table")
                continue
            self.check_keys(raw, SOURCE_KEYS, line, where)
            sid = self.slug(raw, line, where)
            stitle = self.text(raw, "title", line, where, required=True)
            surl = raw.get("url", "")
            if surl:
                self.url(surl, self.lines.key_line(line, "url"), where)
            if sid in self.source_ids:
                self.problem(line, where, f"duplicate source id {sid!r}")
            self.source_ids.add(sid)
            sources.append(Source(sid, stitle, surl if isinstance(surl, str) else ""))

        raw_sections = data.get("section", [])
        if not isinstance(raw_sections, list):
            self.problem(1, "section", "must be an array of tables ([[section]])")
            raw_sections = []
        if not raw_sections:
            self.problem(1, "", "the roadmap has no [[section]]")
        sections = []
        seen: set[str] = set()
        for n, raw in enumerate(raw_sections, start=1):
            line = self.lines.next_header("section")
            where = f"section #{n}"
            if not isinstance(raw, dict):
                self.problem(line, where, "must be a table")
                continue
            sid = raw.get("id")
            if isinstance(sid, str) and sid:
                where = f"section {sid!r}"
            self.check_keys(raw, SECTION_KEYS, line, where)
            sid = self.slug(raw, line, where)
            if sid and sid in seen:
                self.problem(self.lines.key_line(line, "id"), where, f"duplicate id {sid!r}")
            seen.add(sid)
            stitle = self.text(raw, "title", line, where, required=True)
            summary = self.text(raw, "summary", line, where, required=False)
            desc = self.text(raw, "description", line, where, required=False)
            children = self.children(raw, "section.topic", sid, sid, 1, line, where)
            section = Topic(
                id=sid,
                slug=sid,
                title=stitle,
                summary=summary,
                description=desc,
                children=children,
                section=sid,
                is_section=True,
            )
            sections.append(section)
            for node in section.walk():
                self.index[node.id] = node

        self.check_references()
        if self.problems:
            return None
        return Roadmap(
            id=rid,
            title=title,
            sections=tuple(sections),
            sources=tuple(sources),
            description=description,
            version=version,
            path=self.path,
        )

    def children(
        self, raw: dict, header: str, parent_id: str, section: str, depth: int, line, where
    ) -> tuple[Topic, ...]:
        items = raw.get("topic", [])
        if not isinstance(items, list):
            self.problem(
                self.lines.key_line(line, "topic"), where, "'topic' must be an array of tables"
            )
            return ()
        result = []
        seen: set[str] = set()
        for n, item in enumerate(items, start=1):
            child_line = self.lines.next_header(header)
            if not isinstance(item, dict):
                self.problem(child_line, f"{where} > topic #{n}", "must be a table")
                continue
            slug = item.get("id")
            label = (
                f"topic {parent_id}/{slug}"
                if isinstance(slug, str) and slug
                else f"{where} > topic #{n}"
            )
            topic = self.topic(item, header, parent_id, section, depth, child_line, label)
            if topic.slug and topic.slug in seen:
                self.problem(
                    self.lines.key_line(child_line, "id"),
                    label,
                    f"duplicate id {topic.slug!r} (another topic under {parent_id!r} has it)",
                )
            seen.add(topic.slug)
            result.append(topic)
        return tuple(result)

    def topic(self, raw, header, parent_id, section, depth, line, where) -> Topic:
        self.check_keys(raw, TOPIC_KEYS, line, where)
        slug = self.slug(raw, line, where)
        full = f"{parent_id}/{slug}"
        title = self.text(raw, "title", line, where, required=True)
        summary = self.text(raw, "summary", line, where, required=False)
        description = self.text(raw, "description", line, where, required=False)
        kind = self.choice(raw, "kind", KINDS, "core", line, where)
        level = self.choice(raw, "level", LEVELS, "beginner", line, where)
        hours = raw.get("hours", 0)
        if not isinstance(hours, int | float) or isinstance(hours, bool) or hours < 0:
            self.problem(
                self.lines.key_line(line, "hours"),
                where,
                f"hours must be a number >= 0, not {hours!r}",
            )
            hours = 0
        prerequisites = self.str_list(raw, "prerequisites", line, where)
        practises = self.str_list(raw, "practises", line, where)
        for key, refs in (("prerequisites", prerequisites), ("practises", practises)):
            for ref in refs:
                self.prereq_refs.append((full, ref, self.lines.key_line(line, key), key))
        sources = self.str_list(raw, "sources", line, where)
        for ref in sources:
            self.source_refs.append((full, ref, self.lines.key_line(line, "sources")))
        aliases = self.str_list(raw, "aliases", line, where)
        resources = self.resources(raw, line, where)
        children = self.children(raw, header + ".topic", full, section, depth + 1, line, where)
        return Topic(
            id=full,
            slug=slug,
            title=title,
            summary=summary,
            description=description,
            kind=kind,
            level=level,
            hours=hours,
            prerequisites=prerequisites,
            sources=sources,
            aliases=aliases,
            practises=practises,
            resources=resources,
            children=children,
            parent=parent_id,
            section=section,
            depth=depth,
        )

    def resources(self, raw: dict, line, where) -> tuple[Resource, ...]:
        items = raw.get("resources", [])
        key_line = self.lines.key_line(line, "resources")
        if not isinstance(items, list):
            self.problem(key_line, where, "'resources' must be a list of tables")
            return ()
        result = []
        for n, item in enumerate(items, start=1):
            rwhere = f"{where} > resource #{n}"
            if not isinstance(item, dict):
                self.problem(key_line, rwhere, "must be a table with type, title and url")
                continue
            self.check_keys(item, RESOURCE_KEYS, key_line, rwhere)
            rtype = item.get("type")
            ok = True
            if rtype not in RESOURCE_TYPES:
                hint = _did_you_mean(rtype, RESOURCE_TYPES) if isinstance(rtype, str) else ""
                self.problem(
                    key_line,
                    rwhere,
                    f"type {rtype!r} is not one of {_expected(RESOURCE_TYPES)}{hint}",
                )
                ok = False
            title = item.get("title")
            if not isinstance(title, str) or not title.strip():
                self.problem(key_line, rwhere, "missing or empty 'title'")
                ok = False
            ok = self.url(item.get("url"), key_line, rwhere) and ok
            if ok:
                result.append(Resource(rtype, title, item["url"]))
        return tuple(result)

    def check_references(self) -> None:
        topic_ids = [tid for tid, node in self.index.items() if not node.is_section]
        for topic_id, ref, line, key in self.prereq_refs:
            node = self.index.get(ref)
            if node is None or node.is_section:
                what = "prerequisite" if key == "prerequisites" else "practised topic"
                self.problem(
                    line,
                    f"topic {topic_id}",
                    f"{what} {ref!r} names no topic{_did_you_mean(ref, topic_ids)}",
                )
            elif ref == topic_id and key == "prerequisites":
                self.problem(line, f"topic {topic_id}", "a topic cannot be its own prerequisite")
        for topic_id, ref, line in self.source_refs:
            if ref not in self.source_ids:
                self.problem(
                    line,
                    f"topic {topic_id}",
                    f"source {ref!r} is not a [[source]] id"
                    + _did_you_mean(ref, sorted(self.source_ids)),
                )
        self.check_cycles()

    def check_cycles(self) -> None:
        graph = {
            tid: [p for p in node.prerequisites if p in self.index and p != tid]
            for tid, node in self.index.items()
        }
        state: dict[str, int] = {}  # 1 = on stack, 2 = done
        reported: set[frozenset[str]] = set()
        for start in graph:
            if state.get(start):
                continue
            stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
            path = [start]
            state[start] = 1
            while stack:
                node, edges = stack[-1]
                nxt = next(edges, None)
                if nxt is None:
                    state[node] = 2
                    stack.pop()
                    path.pop()
                elif state.get(nxt) == 1:
                    cycle = [*path[path.index(nxt) :], nxt]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        self.problem(
                            None,
                            f"topic {nxt}",
                            "prerequisite cycle: " + " -> ".join(cycle),
                        )
                elif not state.get(nxt):
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append((nxt, iter(graph[nxt])))


def _toml_loads(text: str) -> dict:
    """Parse TOML with tomli when it is installed (compiled: 2-3x faster on a large roadmap),
    else with the standard library's tomllib. Both raise a TOMLDecodeError with the position."""
    try:
        import tomli as toml
    except ImportError:  # pragma: no cover - tomli is a dependency, this is a fallback
        import tomllib as toml
    return toml.loads(text)


def parse(text: str, path: Path | str = "<roadmap>") -> Roadmap:
    """Parse roadmap TOML text. Raises RoadmapError listing every problem."""
    path = Path(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = _toml_loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError and tomli's are ValueErrors
        message = str(exc)
        match = _TOML_POS_RE.search(message)
        line = int(match.group(1)) if match else None
        if match:
            message = _TOML_POS_RE.sub("", message).strip() + f" (column {match.group(2)})"
        raise RoadmapError([Problem(str(path), line, "", f"not valid TOML: {message}")]) from None
    loader = _Loader(path, text)
    roadmap = loader.load(data)
    if roadmap is None:
        raise RoadmapError(loader.problems)
    return roadmap


def load(path: Path | str, *, cache: bool = True) -> Roadmap:
    """Load a roadmap file. Raises RoadmapError (never a bare OSError or decode error).

    A valid roadmap is cached (pickled, in the user cache directory, keyed by the file's path,
    size, modification time and inode, and this version of roadmap-tui), so that the next start
    skips parsing and validation; any change to the file, or a cache that cannot be read, means
    the file is parsed again.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise RoadmapError([Problem(str(path), None, "", "no such file")]) from None
    except OSError as exc:
        raise RoadmapError([Problem(str(path), None, "", f"cannot read: {exc.strerror}")]) from None
    key = caches.key(path, info) if cache else None
    if key is not None:
        cached = _cache_get(key)
        if cached is not None:
            object.__setattr__(cached, "path", path)
            return cached
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise RoadmapError([Problem(str(path), None, "", "is a directory, not a file")]) from None
    except OSError as exc:
        raise RoadmapError([Problem(str(path), None, "", f"cannot read: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RoadmapError(
            [Problem(str(path), line, "", "not UTF-8 text (a roadmap file must be UTF-8)")]
        ) from None
    roadmap = parse(text, path)
    if key is not None:
        _cache_put(key, roadmap)
    return roadmap


def _cache_get(key: tuple) -> Roadmap | None:
    import pickle

    roadmap = caches.read(key, ".pickle", pickle.loads)
    return roadmap if isinstance(roadmap, Roadmap) else None


def _cache_put(key: tuple, roadmap: Roadmap) -> None:
    import pickle

    caches.write(caches.file(key), pickle.dumps((key, roadmap), protocol=pickle.HIGHEST_PROTOCOL))
