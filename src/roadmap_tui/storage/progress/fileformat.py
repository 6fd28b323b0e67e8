"""The progress file as text: bytes <-> :class:`~roadmap_tui.core.progress.Document`.

Read with tomli, written with tomli-w, in a stable, sorted,
diff-friendly layout: one table per topic, multi-line notes as ``\"\"\"`` strings::

    # written by roadmap-tui: edits are kept, comments are not
    schema = 1

    [roadmaps.backend.activity]
    2026-11-25 = 3

    [roadmaps.backend.topics."internet/http"]
    status = "done"
    chosen = true    # only on an option of a pick-one choice, picked or not explicitly
    note = \"\"\"
    multi-line markdown
    \"\"\"
    started = 2026-11-20 10:00:00+00:00
    completed = 2026-11-25 09:12:00+00:00
    changed = 2026-11-25 09:12:00+00:00

    [roadmaps.backend.goal]       # hours a week; optionally a target date for the core path
    weekly_hours = 6.0            # ("core") or everything ("all")
    by = 2027-06-30
    scope = "core"

    [roadmaps.backend.timer]      # a study timer running since ``started``
    topic = "internet/http"
    started = 2026-12-01 15:00:00+00:00

    [roadmaps.backend.time."internet/http"]   # minutes studied per local day
    2026-11-25 = 45

    [roadmaps.backend.review."internet/http"]
    log = ["2026-11-28T08:00:00Z good", "2026-12-09T07:30:00Z hard"]
    questions = [{ id = "k3v9", q = "Own question?", a = "Its answer." }]
    due = 2026-12-20 07:30:00+00:00        # the schedule, written for readers: it is
    last_review = 2026-12-09 07:30:00+00:00  # recomputed from the log and never read back
    stability = 11.2
    difficulty = 5.1
    state = "review"

    [roadmaps.backend.practice."projects/todo-api"]
    links = ["/home/me/code/todo-api", "https://github.com/me/todo-api"]
    checked = ["endpoints-to-create-list-fetch-update-and-delete-todos"]

A file that is not valid UTF-8, not valid TOML, not of this shape or out of range (a date that
does not fit in UTC, an integer of over 4300 digits, deep nesting) raises :class:`FormatError`
with the line and column of the problem where they can be found. Unknown keys anywhere are kept
in ``extra``. A file of a newer schema is read as well as possible (entries of a shape we do not
know are skipped).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from roadmap_tui.core.practice import TopicPractice
from roadmap_tui.core.progress import (
    DATE_FIELDS,
    SCHEMA_VERSION,
    Document,
    RoadmapProgress,
    TopicProgress,
)
from roadmap_tui.core.review import TopicReview, schedule
from roadmap_tui.storage.progress.shapes import Shape, document

__all__ = ["HEADER", "Blocks", "FormatError", "check_extra", "decode", "encode"]

# the first line of every saved file: a save writes the document, so a comment added by hand
# is dropped, and the file itself says so
HEADER = "# written by roadmap-tui: edits are kept, comments are not\n"

# Per-topic text cache for ``encode``: (roadmap id, topic id) -> (entry, its TOML table), and
# (roadmap id, "review", topic id) -> ((review, completion), its TOML table).
Blocks = dict[tuple[str, ...], tuple[object, str]]


class FormatError(Exception):
    """The file cannot be read as a progress file; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


# ---- writing --------------------------------------------------------------------------------


def encode(doc: Document, blocks: Blocks | None = None) -> str:
    """The text of ``doc``: keys sorted, one table per topic.

    ``blocks`` caches each topic's table between calls (a save then re-serialises only the
    topics that changed); it is updated to hold exactly the topics of ``doc``.
    """
    cache = {} if blocks is None else blocks
    fresh: Blocks = {}
    parts = [HEADER + tomli_w.dumps({"schema": SCHEMA_VERSION, **_sorted(doc.extra)})]
    for rid in sorted(doc.roadmaps):
        rm = doc.roadmaps[rid]
        table = _sorted(rm.extra)
        if rm.activity:
            table["activity"] = _sorted(rm.activity)
        table.update(_study_tables(rm))
        if table:
            parts.append(tomli_w.dumps({"roadmaps": {rid: table}}))
        for tid in sorted(rm.topics):
            entry = rm.topics[tid]
            cached = cache.get((rid, tid))
            if cached is not None and cached[0] == entry:
                fresh[(rid, tid)] = cached
            else:
                fresh[(rid, tid)] = (entry, _topic_text(rid, tid, entry))
            parts.append(fresh[(rid, tid)][1])
        for tid in sorted(rm.reviews):
            review, entry = rm.reviews[tid], rm.topics.get(tid)
            done = entry.completed if entry is not None and entry.status == "done" else None
            key = (rid, "review", tid)
            cached = cache.get(key)
            if cached is not None and cached[0] == (review, done):
                fresh[key] = cached
            else:
                fresh[key] = ((review, done), _review_text(rid, tid, review, done))
            parts.append(fresh[key][1])
        for tid in sorted(rm.practice):
            parts.append(_practice_text(rid, tid, rm.practice[tid]))
    if blocks is not None:
        blocks.clear()
        blocks.update(fresh)
    return "\n".join(parts)


def _study_tables(rm: RoadmapProgress) -> dict[str, Any]:
    """The goal, timer and time tables of a roadmap (those it has)."""
    tables: dict[str, Any] = {}
    if rm.goal is not None:
        goal: dict[str, Any] = {}
        if rm.goal.weekly_hours is not None:
            goal["weekly_hours"] = float(rm.goal.weekly_hours)
        if rm.goal.by is not None:
            goal["by"] = rm.goal.by
            goal["scope"] = rm.goal.scope
        tables["goal"] = {**goal, **_sorted(rm.goal.extra)}
    if rm.timer is not None:
        tables["timer"] = {
            "topic": rm.timer.topic,
            "started": rm.timer.started,
            **_sorted(rm.timer.extra),
        }
    if rm.time:
        tables["time"] = {tid: _sorted(rm.time[tid]) for tid in sorted(rm.time) if rm.time[tid]}
    return tables


def _sorted(table: Mapping[str, Any]) -> dict[str, Any]:
    return {k: table[k] for k in sorted(table)}


def _topic_text(rid: str, tid: str, entry: TopicProgress) -> str:
    table: dict[str, Any] = {"status": entry.status}
    if entry.chosen is not None:
        table["chosen"] = entry.chosen
    if entry.note:
        table["note"] = entry.note
    for name in DATE_FIELDS:
        value = getattr(entry, name)
        if value is not None:
            table[name] = value
    table.update(_sorted(entry.extra))
    # tomli-w writes "\r\n" in a multi-line string as a plain line break, so a table holding
    # one keeps its strings on one line ("\r\n" escaped) to read back exactly as it was
    multiline = not _has_crlf(table)
    return tomli_w.dumps({"roadmaps": {rid: {"topics": {tid: table}}}}, multiline_strings=multiline)


def _review_text(rid: str, tid: str, review: TopicReview, done: datetime | None) -> str:
    table: dict[str, Any] = {}
    if review.log:
        table["log"] = [str(r) for r in review.log]
    if review.questions:
        table["questions"] = [{"id": q.id, "q": q.q, "a": q.a} for q in review.questions]
    if done is not None:
        s = schedule(done, review.log)
        table.update(
            due=s.due,
            last_review=s.last_review,
            stability=round(s.stability, 2),
            difficulty=round(s.difficulty, 2),
            state=s.state,
        )
    table.update(_sorted(review.extra))
    multiline = not _has_crlf(table)
    return tomli_w.dumps({"roadmaps": {rid: {"review": {tid: table}}}}, multiline_strings=multiline)


def _practice_text(rid: str, tid: str, practice: TopicPractice) -> str:
    table: dict[str, Any] = {}
    if practice.links:
        table["links"] = list(practice.links)
    if practice.checked:
        table["checked"] = list(practice.checked)
    table.update(_sorted(practice.extra))
    multiline = not _has_crlf(table)
    data = {"roadmaps": {rid: {"practice": {tid: table}}}}
    return tomli_w.dumps(data, multiline_strings=multiline)


def _has_crlf(value: object) -> bool:
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, Mapping):
        return any(_has_crlf(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_crlf(v) for v in value)
    return False


def check_extra(extra: Mapping[str, Any]) -> None:
    """Raise ValueError unless ``extra`` can be saved as the unknown keys of a topic."""
    taken = {"status", "note", "chosen", *DATE_FIELDS} & set(extra)
    if taken:
        raise ValueError(f"extra cannot hold the keys {', '.join(sorted(taken))}")
    try:
        tomli_w.dumps(dict(extra))
    except (TypeError, ValueError) as err:
        raise ValueError(f"extra cannot be saved as TOML: {err}") from None


# ---- reading --------------------------------------------------------------------------------


def decode(raw: bytes) -> Document:
    """Parse and check a progress file (a UTF-8 BOM and CRLF line ends are fine)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise FormatError("not valid UTF-8 text", *_line_column(raw, e.start)) from None
    text = text.removeprefix("\ufeff")
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        raise FormatError(f"not valid TOML: {e.msg}", e.lineno, e.colno) from None
    except ValueError as e:  # an integer too long to convert (Python's 4300-digit limit)
        m = _LONG_INT.search(text)
        line, column = _line_column(text, m.start()) if m else (None, None)
        raise FormatError(f"not valid TOML: {e}", line, column) from None
    except RecursionError:
        raise FormatError("not valid TOML: arrays or tables nested too deeply") from None
    try:
        return document(data)
    except Shape as e:
        line, column = _locate(text, e.keypath)
        raise FormatError(f"{_keypath_str(e.keypath)} {e.problem}", line, column) from None


_LONG_INT = re.compile(r"[0-9][0-9_]{4300,}")
NOT_REGULAR = "not a regular file"  # read_file's message for a FIFO, a folder or a device


def read_file(path: Path, max_bytes: int | None = None) -> Document:
    """The progress file at ``path`` (someone else's, a copy, a side of a merge), only read.
    FormatError says what is wrong: not a regular file (a FIFO is never waited on), more than
    ``max_bytes``, it cannot be read ("cannot read: ..."), or where its text is wrong."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise FormatError(NOT_REGULAR)
        if max_bytes is not None and st.st_size > max_bytes:
            raise FormatError(f"too large ({st.st_size // (1024 * 1024)} MB)")
        # non-blocking: a FIFO put in its place since the check is read as empty, not waited on
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as f:
            raw = f.read(-1 if max_bytes is None else max_bytes + 1)
    except OSError as e:
        raise FormatError(f"cannot read: {e.strerror or e}") from None
    return decode(raw)


def _line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    return text.count(newline, 0, offset) + 1, offset - text.rfind(newline, 0, offset)


_KEY_PART = re.compile(r"""[ \t]*([A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')[ \t]*""")


def _key_name(part: str) -> str:
    if part[0] not in "\"'":
        return part
    try:
        return next(iter(tomli.loads(f"{part} = 0")))  # let the TOML parser unescape it
    except tomli.TOMLDecodeError:
        return part[1:-1]


def _keypath_str(keypath: list[str]) -> str:
    return ".".join(tomli_w.dumps({k: 0})[: -len(" = 0\n")] for k in keypath)


def _split_key(s: str, pos: int) -> tuple[list[str], int]:
    """The dotted key starting at ``pos`` of ``s``, and where it ends."""
    parts: list[str] = []
    while (m := _KEY_PART.match(s, pos)) is not None:
        parts.append(_key_name(m.group(1)))
        pos = m.end()
        if not s.startswith(".", pos):
            break
        pos += 1
    return parts, pos


def _locate(text: str, target: list[str]) -> tuple[int | None, int | None]:
    """Best-effort (line, column) of the key ``target``, else of its table's header."""
    table: list[str] = []
    in_multiline: str | None = None  # the quotes of a multi-line string we are inside
    header_hit: tuple[int, int] | None = None
    parent_hit: tuple[int, int] | None = None
    # TOML ends lines with \n only: splitlines() would also split at U+2028, U+0085 ... in a note
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        s = line.lstrip()
        col = len(line) - len(s) + 1
        if not s or s.startswith("#"):
            continue
        if s.startswith("["):
            table, _ = _split_key(s, 2 if s.startswith("[[") else 1)
            if table == target and header_hit is None:
                header_hit = (lineno, col)
            if table == target[:-1] and parent_hit is None:
                parent_hit = (lineno, col)
            continue
        parts, end = _split_key(s, 0)
        if not parts or not s.startswith("=", end):
            continue
        full = table + parts
        if full == target[: len(full)]:  # the key itself, or an inline table holding it
            return lineno, col
        rest = s[end + 1 :].strip()
        for quotes in ('"""', "'''"):
            if rest.startswith(quotes) and rest.count(quotes) == 1:
                in_multiline = quotes
    hit = header_hit or parent_hit
    return hit if hit is not None else (None, None)
