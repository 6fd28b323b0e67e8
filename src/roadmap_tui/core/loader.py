"""Parse and validate a roadmap file's text into a Roadmap, or a RoadmapError listing every
problem found, each located by file, line and place.

Pure core: stdlib and tomli, no file access (``roadmap_tui.storage.roadmaps`` reads files).
See docs/roadmap-format.md for the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roadmap_tui.core.roadmap import (
    KINDS,
    LEVELS,
    RESOURCE_TYPES,
    Problem,
    Resource,
    Roadmap,
    RoadmapError,
    Source,
    Topic,
)

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
    """Parse TOML with tomli (compiled, faster), else the standard library's tomllib. Both
    raise a TOMLDecodeError (a ValueError) with the position."""
    try:
        import tomli as toml
    except ImportError:  # pragma: no cover - tomli is a dependency, this is a fallback
        import tomllib as toml
    return toml.loads(text)


def parse(source: str | bytes, path: Path | str = "<roadmap>") -> Roadmap:
    """Parse a roadmap file's text (or its bytes, which must be UTF-8). Raises RoadmapError
    listing every problem."""
    path = Path(path)
    name = str(path)
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = source[: exc.start].count(b"\n") + 1
            raise RoadmapError(
                [Problem(name, line, "", "not UTF-8 text (a roadmap file must be UTF-8)")]
            ) from None
    text = source.removeprefix("\ufeff")
    try:
        data = _toml_loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError and tomli's are ValueErrors
        message = str(exc)
        match = _TOML_POS_RE.search(message)
        line = int(match.group(1)) if match else None
        if match:
            message = _TOML_POS_RE.sub("", message).strip() + f" (column {match.group(2)})"
        raise RoadmapError([Problem(name, line, "", f"not valid TOML: {message}")]) from None
    loader = _Loader(path, text)
    roadmap = loader.load(data)
    if roadmap is None:
        raise RoadmapError(loader.problems)
    return roadmap
