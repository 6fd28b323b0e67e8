"""Parse and validate a roadmap file's text into a Roadmap, or a RoadmapError listing every
problem found, each located by file, line and place (the format: docs/roadmap-format.md).

Pure core: stdlib and tomli, no file access. ``parse`` is ``read_toml`` (text to a TOML
document) then ``build`` (document to Roadmap), which the cache of parsed roadmaps also uses.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomli

from roadmap_tui.core.roadmap import (
    KINDS,
    LEVELS,
    RESOURCE_TYPES,
    Problem,
    Question,
    Resource,
    Roadmap,
    RoadmapError,
    Source,
    Topic,
)

MAX_DEPTH = 32  # levels of topics under a section; far above any real roadmap

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")  # always used with fullmatch
URL_RE = re.compile(r"https?://[^\s/$.?#]\S*")

# The keys each kind of table may have, and the rule each value must pass (see _check).
ROADMAP_KEYS = {"id": "slug", "title": "title", "description": "text", "version": "version"}
SOURCE_KEYS = {"id": "slug", "title": "title", "url": "url"}
_TEXTS = {"id": "slug", "title": "title", "summary": "text", "description": "text"}
_CHOICE = {"choose": "choose", "typical": "slug"}
SECTION_KEYS = {**_TEXTS, **_CHOICE, "topic": "topics"}
TOPIC_KEYS = {
    **_TEXTS,
    "kind": KINDS,
    "level": LEVELS,
    "hours": "hours",
    "prerequisites": "strings",
    "practises": "strings",
    "sources": "strings",
    "aliases": "strings",
    "resources": "resources",
    "questions": "questions",
    "formerly": "strings",
    **_CHOICE,
    "topic": "topics",
}
RESOURCE_KEYS = ("type", "title", "url")
QUESTION_KEYS = ("q", "a")
TOP_KEYS = ("roadmap", "source", "section")

_HEADER_RE = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_.\- ]+?)\s*\]")

# Where a problem is: a line, a table (its header and its index among those), a key, or None
Place = int | tuple[str, int] | tuple[str, int, str] | None


def _did_you_mean(word: Any, choices) -> str:
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check(key: str, value: Any, rule) -> str | None:
    """What is wrong with a value by its rule (a tuple of choices, or the name of a kind of
    value), or None."""
    if isinstance(rule, tuple):
        if value not in rule:
            return f"{key} {value!r} is not one of {', '.join(rule)}{_did_you_mean(value, rule)}"
    elif rule == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"{key!r} must be a list of strings"
    elif rule == "hours":
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            return f"hours must be a number >= 0, not {value!r}"
    elif rule == "choose":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return f"choose must be a whole number >= 1 (how many options to pick), not {value!r}"
    elif rule == "version":
        if not isinstance(value, int) or isinstance(value, bool):
            return "version must be an integer"
    elif rule == "url":
        return _check_url(value) if value != "" else None
    elif not isinstance(value, str):
        return f"{key!r} must be a string, not {type(value).__name__}"
    elif rule != "text" and not value.strip():
        return f"{key!r} is empty"
    elif rule == "slug" and not SLUG_RE.fullmatch(value):
        return f"id {value!r} is not a slug (expected lowercase letters, digits and '-')"
    return None


def _check_url(value: Any) -> str | None:
    if not isinstance(value, str) or not URL_RE.fullmatch(value):
        return f"url {value!r} must be an http:// or https:// address"
    return None


def _at_key(place: Place, key: str) -> Place:
    return (*place[:2], key) if isinstance(place, tuple) else place


class _Lines:
    """The line of a Place in the source text, worked out only when a problem is reported
    (so a valid file costs nothing here)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.headers: dict[str, list[int]] | None = None

    def find(self, place: Place) -> int | None:
        if not isinstance(place, tuple):
            return place
        if self.headers is None:
            self.lines = self.text.splitlines()
            self.headers = {}
            for number, line in enumerate(self.lines, start=1):
                if match := _HEADER_RE.match(line):
                    self.headers.setdefault(match.group(1).replace(" ", ""), []).append(number)
            self.header_lines = {n for found in self.headers.values() for n in found}
        name, index, *key = place
        found = self.headers.get(name, [])
        if index >= len(found):
            return None
        table_line = found[index]
        if key:
            pattern = re.compile(rf"\s*[\"']?{re.escape(key[0])}[\"']?\s*=")
            for number in range(table_line + 1, len(self.lines) + 1):
                if number in self.header_lines:
                    break
                if pattern.match(self.lines[number - 1]):
                    return number
        return table_line


class _Builder:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = _Lines(text)
        self.problems: list[Problem] = []
        self.counters: dict[str, int] = {}
        self.topic_refs: list[tuple[str, str, Place, str]] = []  # (topic, ref, place, key)
        self.source_refs: list[tuple[str, str, Place]] = []  # (where, ref, place)
        self.source_ids: set[str] = set()
        self.former_ids: list[tuple[str, str, Place]] = []  # (topic, former id, place)

    def problem(self, place: Place, where: str, message: str) -> None:
        self.problems.append(Problem(str(self.path), self.lines.find(place), where, message))

    def next_table(self, header: str) -> Place:
        """The Place of the next table with this header (tables are walked in file order)."""
        index = self.counters.get(header, 0)
        self.counters[header] = index + 1
        return (header, index)

    def check_keys(self, raw: dict, keys, place: Place, where: str) -> None:
        for key in raw:
            if key not in keys:
                message = f"unknown key {key!r}{_did_you_mean(key, keys)}"
                self.problem(_at_key(place, key), where, message)

    def values(self, raw: dict, keys: dict, place: Place, where: str) -> dict[str, Any]:
        """A table's id, title and every other value that passes its key's rule (the model's
        defaults stand for the others), after reporting each problem."""
        self.check_keys(raw, keys, place, where)
        values = {"id": "", "title": ""}
        for key in ("id", "title"):
            if key not in raw:
                self.problem(place, where, f"missing {key!r}")
        for key, value in raw.items():
            rule = keys.get(key)
            if rule is None or rule in ("topics", "resources", "questions"):
                continue  # unknown (reported above), or checked by its own method
            if message := _check(key, value, rule):
                self.problem(_at_key(place, key), where, message)
                if key == "id" and isinstance(value, str):
                    values["id"] = value  # a wrong id still names its table in later messages
            else:
                values[key] = tuple(value) if rule == "strings" else value
        return values

    def array(self, data: dict, key: str) -> list:
        """A top-level array of tables (``[[source]]``, ``[[section]]``)."""
        items = data.get(key, [])
        if isinstance(items, list):
            return items
        self.problem(1, key, f"must be an array of tables ([[{key}]])")
        return []

    def build(self, data: dict) -> Roadmap:
        self.check_keys(data, TOP_KEYS, 1, "")
        head = data.get("roadmap")
        head_place = self.next_table("roadmap")
        if not isinstance(head, dict):
            self.problem(1, "[roadmap]", "missing the [roadmap] table (with id and title)")
            head = {}
        roadmap = self.values(head, ROADMAP_KEYS, head_place, "[roadmap]")

        sources = []
        for n, raw in enumerate(self.array(data, "source"), start=1):
            place, where = self.next_table("source"), f"source #{n}"
            if not isinstance(raw, dict):
                self.problem(place, where, "must be a table")
                continue
            source = Source(**self.values(raw, SOURCE_KEYS, place, where))
            if source.id in self.source_ids:
                self.problem(place, where, f"duplicate source id {source.id!r}")
            self.source_ids.add(source.id)
            sources.append(source)

        raw_sections = self.array(data, "section")
        if not raw_sections:
            self.problem(1, "", "the roadmap has no [[section]]")
        sections = self.topics(raw_sections, "section", None, "", 0, "")
        index = {node.id: node for section in sections for node in section.walk()}
        self.check_references(index)
        if self.problems:
            # in file order; problems with no single line (cycles) last
            self.problems.sort(key=lambda p: (p.line is None, p.line or 0))
            raise RoadmapError(self.problems)
        return Roadmap(sections=sections, sources=tuple(sources), path=self.path, **roadmap)

    def topics(
        self, items: list, header: str, parent: str | None, section: str, depth: int, where: str
    ) -> tuple[Topic, ...]:
        """The sections (depth 0, no parent) or the topics under the node ``parent``."""
        result: list[Topic] = []
        seen: set[str] = set()
        for n, raw in enumerate(items, start=1):
            place = self.next_table(header)
            slug = raw.get("id") if isinstance(raw, dict) else None
            slug = slug if isinstance(slug, str) else ""
            if not slug:
                label = f"{where} > topic #{n}" if parent else f"section #{n}"
            else:
                label = f"topic {parent}/{slug}" if parent else f"section {slug!r}"
            if not isinstance(raw, dict):
                self.problem(place, label, "must be a table")
            elif depth > MAX_DEPTH:
                self.problem(place, label, f"nested deeper than {MAX_DEPTH} levels")
            else:
                topic = self.topic(raw, header, parent, slug, section, depth, place, label)
                if topic.slug and topic.slug in seen:
                    message = f"duplicate id {topic.slug!r}"
                    if parent:
                        message += f" (another topic under {parent!r} has it)"
                    self.problem(_at_key(place, "id"), label, message)
                seen.add(topic.slug)
                result.append(topic)
        return tuple(result)

    def topic(self, raw: dict, header, parent, slug, section, depth, place, where) -> Topic:
        values = self.values(raw, TOPIC_KEYS if parent else SECTION_KEYS, place, where)
        del values["id"]
        full = f"{parent}/{slug}" if parent else slug
        for key in ("prerequisites", "practises"):
            for ref in values.get(key, ()):
                self.topic_refs.append((full, ref, _at_key(place, key), key))
        for ref in values.get("sources", ()):
            self.source_refs.append((f"topic {full}", ref, _at_key(place, "sources")))
        resources = self.resources(raw, place, where) if parent else ()
        questions = self.questions(raw, place, where) if parent else ()
        children = raw.get("topic", [])
        if not isinstance(children, list):
            self.problem(_at_key(place, "topic"), where, "'topic' must be an array of tables")
            children = []
        section = section or full
        header += ".topic"
        parts = self.topics(children, header, full, section, depth + 1, where)
        self.check_choice(values, parts, place, where)
        for old in values.get("formerly", ()):
            self.former_ids.append((full, old, _at_key(place, "formerly")))
        return Topic(
            id=full,
            slug=slug,
            **values,
            resources=resources,
            questions=questions,
            children=parts,
            parent=parent,
            section=section,
            depth=depth,
            is_section=parent is None,
        )

    def check_choice(self, values: dict, parts: tuple[Topic, ...], place: Place, where) -> None:
        choose, typical = values.get("choose", 0), values.get("typical")
        if choose and choose >= len(parts):
            message = f"choose = {choose} needs more than {choose} options (it has {len(parts)})"
            self.problem(_at_key(place, "choose"), where, message)
            values.pop("choose")
        if typical is not None:
            if not choose:
                self.problem(_at_key(place, "typical"), where, "'typical' needs 'choose'")
            elif typical not in {part.slug for part in parts}:
                slugs = [part.slug for part in parts]
                hint = _did_you_mean(typical, slugs)
                message = f"typical {typical!r} is not one of its options{hint}"
                self.problem(_at_key(place, "typical"), where, message)

    def tables(
        self, raw: dict, key: str, place: Place, where: str, listed: str, table: str
    ) -> Iterator[tuple[Place, str, dict]]:
        """(place, where, table) for each table in the list ``raw[key]``, a problem for what is
        not a list of tables (``listed`` and ``table`` end those messages)."""
        items = raw.get(key, [])
        at = _at_key(place, key)
        if not isinstance(items, list):
            self.problem(at, where, f"{key!r} must be a list of tables{listed}")
            return
        for n, item in enumerate(items, start=1):
            item_where = f"{where} > {key.removesuffix('s')} #{n}"
            if isinstance(item, dict):
                yield at, item_where, item
            else:
                self.problem(at, item_where, f"must be a table with {table}")

    def resources(self, raw: dict, place: Place, where: str) -> tuple[Resource, ...]:
        result = []
        shape = "type, title and url"
        for at, rwhere, item in self.tables(raw, "resources", place, where, "", shape):
            self.check_keys(item, RESOURCE_KEYS, at, rwhere)
            rtype, title, url = (item.get(key) for key in RESOURCE_KEYS)
            if message := _check("type", rtype, RESOURCE_TYPES):
                self.problem(at, rwhere, message)
            if not isinstance(title, str) or not title.strip():
                self.problem(at, rwhere, "missing or empty 'title'")
            if message := _check_url(url):
                self.problem(at, rwhere, message)
            result.append(Resource(rtype, title, url))  # used only if no problem was found
        return tuple(result)

    def questions(self, raw: dict, place: Place, where: str) -> tuple[Question, ...]:
        result = []
        shape = "q (the question) and a (its answer)"
        for at, qwhere, item in self.tables(raw, "questions", place, where, " with q and a", shape):
            for key in item:
                if key not in QUESTION_KEYS:
                    hint = _did_you_mean(key, QUESTION_KEYS)
                    self.problem(at, qwhere, f"unknown key {key!r} (a question has q and a){hint}")
            q, a = item.get("q"), item.get("a")
            for key, value, name in (("q", q, "question"), ("a", a, "answer")):
                if not isinstance(value, str) or not value.strip():
                    what = (
                        "missing"
                        if value is None
                        else "empty"
                        if isinstance(value, str)
                        else (f"not a string ({type(value).__name__})")
                    )
                    self.problem(at, qwhere, f"{name} {key!r} is {what}")
            if isinstance(q, str) and isinstance(a, str):
                result.append(Question(q, a))
        return tuple(result)

    def check_references(self, index: dict[str, Topic]) -> None:
        topic_ids = [tid for tid, node in index.items() if not node.is_section]
        for topic_id, ref, place, key in self.topic_refs:
            node = index.get(ref)
            if node is None or node.is_section:
                what = "prerequisite" if key == "prerequisites" else "practised topic"
                others = [tid for tid in topic_ids if tid != topic_id]
                message = f"{what} {ref!r} names no topic{_did_you_mean(ref, others)}"
                self.problem(place, f"topic {topic_id}", message)
            elif ref == topic_id and key == "prerequisites":
                self.problem(place, f"topic {topic_id}", "a topic cannot be its own prerequisite")
        claimed: dict[str, str] = {}
        for topic_id, old, place in self.former_ids:
            where = f"topic {topic_id}"
            if not all(SLUG_RE.fullmatch(part) for part in old.split("/")):
                self.problem(place, where, f"former id {old!r} is not a topic id")
            elif old in index:
                self.problem(place, where, f"former id {old!r} is the id of a topic still here")
            elif old in claimed:
                message = f"former id {old!r} is claimed by {claimed[old]!r} too"
                self.problem(place, where, message)
            claimed.setdefault(old, topic_id)
        for where, ref, place in self.source_refs:
            if ref not in self.source_ids:
                hint = _did_you_mean(ref, self.source_ids)
                self.problem(place, where, f"source {ref!r} is not a [[source]] id{hint}")
        self.check_cycles(index)

    def check_cycles(self, index: dict[str, Topic]) -> None:
        """Report each prerequisite cycle once (a depth-first search without recursion)."""
        graph = {
            tid: [p for p in node.prerequisites if p in index and p != tid]
            for tid, node in index.items()
        }
        state: dict[str, int] = {}  # 1 = on the path, 2 = done
        reported: set[frozenset[str]] = set()
        for start in graph:
            if state.get(start):
                continue
            stack = [(start, iter(graph[start]))]
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
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        message = "prerequisite cycle: " + " -> ".join(cycle)
                        self.problem(None, f"topic {nxt}", message)
                elif not state.get(nxt):
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append((nxt, iter(graph[nxt])))


def _recurses(text: str) -> bool:
    try:
        tomli.loads(text)
    except RecursionError:
        return True
    except ValueError:
        pass
    return False


def read_toml(source: str | bytes, path: Path | str = "<roadmap>") -> tuple[str, dict]:
    """A roadmap file's text (from its bytes, which must be UTF-8) and its TOML document.
    Raises RoadmapError with the line of the first problem."""
    name = str(path)
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = source[: exc.start].count(b"\n") + 1
            message = "not UTF-8 text (a roadmap file must be UTF-8)"
            raise RoadmapError([Problem(name, line, "", message)]) from None
    text = source.removeprefix("\ufeff")
    try:
        return text, tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        message, line = f"{exc.msg} (column {exc.colno})", exc.lineno
    except ValueError as exc:  # a number tomli cannot convert (Python's 4300-digit limit)
        message, line = str(exc), None
    except RecursionError:  # arrays or inline tables nested thousands deep
        # tomli reads in order: the shortest run of lines that is too deep ends at the fault
        lines = text.splitlines(keepends=True)
        tries = range(len(lines) + 1)
        line = bisect.bisect_left(tries, True, key=lambda n: _recurses("".join(lines[:n])))
        message = "nested too deeply"
    raise RoadmapError([Problem(name, line, "", f"not valid TOML: {message}")])


def build(data: dict, path: Path | str = "<roadmap>", text: str = "") -> Roadmap:
    """The Roadmap a TOML document describes. Raises RoadmapError listing every problem,
    located by line in ``text`` (the file the document was read from)."""
    return _Builder(Path(path), text).build(data)


def parse(source: str | bytes, path: Path | str = "<roadmap>") -> Roadmap:
    """Parse a roadmap file's text (or its bytes, which must be UTF-8). Raises RoadmapError
    listing every problem."""
    text, data = read_toml(source, path)
    return build(data, path, text)
