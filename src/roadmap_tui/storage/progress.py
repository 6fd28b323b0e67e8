"""Progress store: per-topic status, notes and dates in ``progress.toml``.

Pure core: stdlib + ``tomli_w``; never imports textual.

File format (stable, sorted, one table per topic, so it diffs well in git)::

    schema = 1

    [roadmaps.backend.activity]
    "2026-11-25" = 3

    [roadmaps.backend.topics."internet/http"]
    status = "done"
    note = \"\"\"
    multi-line markdown
    \"\"\"
    started = 2026-11-20T10:00:00Z
    completed = 2026-11-25T09:12:00Z
    changed = 2026-11-25T09:12:00Z

Saving never loses a byte:

* every mutating call saves at once, under an exclusive ``flock`` on ``<name>.lock``: it re-reads
  the file, applies only this store's unsaved changes onto what is on disk *now* (so two terminals
  editing different topics keep each other's work; a note edited in both keeps both texts), then
  writes a temp file in the same directory, fsyncs it, ``os.replace``-s it over the target and
  fsyncs the directory;
* a file that does not parse (or has a wrong shape) is never overwritten: ``ProgressError`` names
  the file, line and column and hints how to move it aside;
* a file written by a newer schema is read (``read_only``) but never written;
* unknown keys (anywhere) and topics of other roadmaps / topics no longer in the roadmap survive.

Failed saves: when a save fails (lock timeout, disk full, read-only disk, a file corrupted by
someone else), the call raises ``ProgressError`` but the change stays in memory: ``get()`` and
``topics()`` show it, ``pending_changes`` counts it, and it is written by the next successful save
(any later mutating call) or by an explicit ``retry_pending()``.

Speed: each topic's TOML block is cached (keyed by the topic's value), so a save re-serialises only
changed topics; files in the canonical form this module writes are read by a strict fast scanner
(exactly a subset of TOML; anything else falls back to the full TOML parser).

Not thread-safe: use one store from one thread (several stores / processes on one file are fine).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple


class _LazyToml:
    """tomli (compiled, ~2.5x faster than the stdlib copy; same behaviour) or tomllib, imported
    only when a file is not in the canonical form the fast reader handles."""

    def __getattr__(self, name: str) -> Any:
        try:
            import tomli as module
        except ImportError:  # pragma: no cover - depends on the environment
            import tomllib as module
        return getattr(module, name)


class _LazyTomliW:
    def __getattr__(self, name: str) -> Any:
        import tomli_w

        return getattr(tomli_w, name)


_toml = _LazyToml()
tomli_w = _LazyTomliW()

__all__ = [
    "COMPLETE",
    "CONFLICT_MARKER",
    "SCHEMA_VERSION",
    "STATUSES",
    "LockTimeout",
    "ProgressError",
    "ProgressStore",
    "TopicProgress",
]

SCHEMA_VERSION = 1
STATUSES = ("todo", "in-progress", "done", "skipped")
COMPLETE = frozenset({"done", "skipped"})  # progress counts both as complete
CONFLICT_MARKER = "<<<<<<< conflicting edit saved "

_STATUS_SET = frozenset(STATUSES)
_DATE_FIELDS = ("started", "completed", "changed")
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_CORRUPT_HINT = "to start fresh, move it aside ({cmd}); the app offers to do this for you"


# --------------------------------------------------------------------------------------------
# public model
# --------------------------------------------------------------------------------------------


class _Lazy:
    """A regular expression compiled on first use. Compiling every pattern of this module costs
    about a millisecond; a plain command that only reads the file needs few of them."""

    __slots__ = ("_args", "_pattern")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._pattern: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._pattern is None:
            self._pattern = re.compile(*self._args)
        return getattr(self._pattern, name)


_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


class TopicProgress(NamedTuple):
    """Progress of one topic. Dates are aware UTC datetimes; ``extra`` holds unknown keys.

    Immutable (a named tuple: cheap to create, which matters when a file holds thousands);
    hashed without ``extra``.
    """

    status: str = "todo"
    note: str = ""
    started: datetime | None = None
    completed: datetime | None = None
    changed: datetime | None = None
    extra: Mapping[str, Any] = _NO_EXTRA

    def __hash__(self) -> int:
        return hash(self[:5])

    @property
    def is_complete(self) -> bool:
        return self.status in COMPLETE

    @property
    def is_empty(self) -> bool:
        """True for an entry carrying no information (such entries are not written)."""
        return (
            self.status == "todo"
            and not self.note
            and self.started is None
            and self.completed is None
            and self.changed is None
            and not self.extra
        )


_TODO = TopicProgress()


class ProgressError(Exception):
    """Every user-facing problem with the progress file.

    ``str()`` is one line: ``<path>[:<line>[:<column>]]: <message>``. ``hint`` says what to do.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = " ".join(str(message).splitlines())
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class LockTimeout(ProgressError):
    """Another process held the lock file longer than ``lock_timeout``."""


# --------------------------------------------------------------------------------------------
# internal document
# --------------------------------------------------------------------------------------------


class _Roadmap:
    __slots__ = ("activity", "extra", "topics")

    def __init__(
        self,
        topics: dict[str, TopicProgress] | None = None,
        activity: dict[str, int] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.topics: dict[str, TopicProgress] = topics if topics is not None else {}
        self.activity: dict[str, int] = activity if activity is not None else {}
        self.extra: dict[str, Any] = extra if extra is not None else {}


class _Doc:
    """A parsed file. Treated as immutable: changes make copies of the parts they touch."""

    __slots__ = ("extra", "roadmaps", "schema")

    def __init__(
        self,
        schema: int = SCHEMA_VERSION,
        extra: dict[str, Any] | None = None,
        roadmaps: dict[str, _Roadmap] | None = None,
    ) -> None:
        self.schema = schema
        self.extra: dict[str, Any] = extra if extra is not None else {}
        self.roadmaps: dict[str, _Roadmap] = roadmaps if roadmaps is not None else {}


_EMPTY_DOC = _Doc()
_EMPTY_ROADMAP = _Roadmap()


class _Op:
    """One unsaved change, replayed onto the file as it is on disk at save time."""

    __slots__ = ("base", "kind", "note", "status", "theirs", "topic", "when")

    def __init__(
        self,
        kind: str,  # "status" | "note" | "merge"
        topic: str,
        when: datetime,
        status: str = "",
        base: str = "",  # note: the text our edit started from
        note: str = "",  # note: our new text
        theirs: TopicProgress | None = None,  # merge: the imported entry
    ) -> None:
        self.kind, self.topic, self.when = kind, topic, when
        self.status, self.base, self.note, self.theirs = status, base, note, theirs


def _fmt_dt(dt: datetime) -> str:
    s = dt.isoformat()
    return s[:-6] + "Z" if s.endswith("+00:00") else s


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _conflict(disk: str, ours: str, when: datetime) -> str:
    return f"{disk}\n\n{CONFLICT_MARKER}{_fmt_dt(when)}\n{ours}"


def _transition(cur: TopicProgress, status: str, when: datetime) -> TopicProgress:
    started, completed = cur.started, cur.completed
    if status == "todo":
        started = completed = None
    elif status == "in-progress":
        started = started or when
        completed = None
    else:  # done / skipped
        started = started or when
        completed = when
    return cur._replace(status=status, started=started, completed=completed, changed=when)


def _merge_note(disk: str, base: str, ours: str, when: datetime) -> str:
    if disk == ours:
        return disk
    if disk == base or not disk:
        return ours
    if not ours:  # we cleared a note someone else changed meanwhile: keep their text
        return disk
    return _conflict(disk, ours, when)


def _merge_entry(cur: TopicProgress | None, theirs: TopicProgress) -> TopicProgress | None:
    """The entry to store for an import, or None when ours is kept unchanged."""
    if theirs.is_empty:
        return None
    if cur is None:
        return theirs
    newer = theirs.changed is not None and (cur.changed is None or theirs.changed > cur.changed)
    if not newer:
        return None
    note = theirs.note
    if cur.note and cur.note != note and cur.note not in note:
        note = cur.note if not note else _conflict(cur.note, note, theirs.changed)
    new = theirs._replace(note=note, extra={**cur.extra, **theirs.extra})
    return None if new == cur else new


def _apply(doc: _Doc, rid: str, ops: list[_Op]) -> tuple[_Doc, int]:
    """Replay ``ops`` onto ``doc`` (not modified); returns the new doc and the merge count."""
    if not ops:
        return doc, 0
    old = doc.roadmaps.get(rid, _EMPTY_ROADMAP)
    topics = dict(old.topics)
    activity = dict(old.activity)
    taken = 0
    for op in ops:
        cur = topics.get(op.topic)
        base = cur if cur is not None else _TODO
        new: TopicProgress | None = None
        if op.kind == "status":
            if base.status != op.status:
                new = _transition(base, op.status, op.when)
        elif op.kind == "note":
            text = _merge_note(base.note, op.base, op.note, op.when)
            if text != base.note:
                new = base._replace(note=text, changed=op.when)
        else:
            assert op.theirs is not None
            new = _merge_entry(cur, op.theirs)
            if new is not None:
                taken += 1
        if new is None:
            continue
        if op.kind != "merge":
            day = op.when.astimezone().date().isoformat()  # the user's local day
            activity[day] = activity.get(day, 0) + 1
        if new.is_empty:
            topics.pop(op.topic, None)
        else:
            topics[op.topic] = new
    roadmaps = dict(doc.roadmaps)
    roadmaps[rid] = _Roadmap(topics, activity, old.extra)
    return _Doc(SCHEMA_VERSION, doc.extra, roadmaps), taken


# --------------------------------------------------------------------------------------------
# writing TOML
# --------------------------------------------------------------------------------------------

_BARE_KEY = _Lazy(r"[A-Za-z0-9_-]+")
_BASIC_ESCAPES = {
    **{c: f"\\u{c:04x}" for c in range(0x20)},
    0x7F: "\\u007f",
    ord("\b"): "\\b",
    ord("\t"): "\\t",
    ord("\n"): "\\n",
    ord("\f"): "\\f",
    ord("\r"): "\\r",
    ord('"'): '\\"',
    ord("\\"): "\\\\",
}
_ML_ESCAPES = {k: v for k, v in _BASIC_ESCAPES.items() if k not in (ord("\n"), ord("\t"), 34)}
_NEEDS_BASIC = _Lazy(r'["\\\x00-\x1f\x7f]')
_NEEDS_ML = _Lazy(r'["\\\x00-\x08\x0b-\x1f\x7f]')
_QUOTE_RUN = _Lazy(r'"{3,}|"+\Z')


def _basic(s: str) -> str:
    if _NEEDS_BASIC.search(s):
        s = s.translate(_BASIC_ESCAPES)
    return f'"{s}"'


def _key(s: str) -> str:
    return s if _BARE_KEY.fullmatch(s) else _basic(s)


def _toml_note(s: str) -> str:
    """A note as a TOML string: multi-line basic string when it has line breaks (readable in
    the file), escaping only what must be escaped; round-trips every Python string."""
    if "\n" not in s:
        return _basic(s)
    if _NEEDS_ML.search(s):
        s = s.translate(_ML_ESCAPES)
        s = _QUOTE_RUN.sub(lambda m: '\\"' * len(m.group()), s)
    return f'"""\n{s}"""'


def _dump_table(path: list[str], items: Mapping[str, Any], pre: str = "") -> str:
    """``[path]`` header + ``pre`` lines + ``items`` (sorted; sub-tables after the values)."""
    out = ["[" + ".".join(_key(p) for p in path) + "]\n", pre]
    tables: dict[str, Any] = {}
    for k in sorted(items):
        text = tomli_w.dumps({k: items[k]})
        if text.startswith("["):
            tables[k] = items[k]
        else:
            out.append(text)
    if tables:
        nested: dict[str, Any] = tables
        for p in reversed(path):
            nested = {p: nested}
        out.append("\n" + tomli_w.dumps(nested))
    return "".join(out)


def _topic_block(rid: str, tid: str, e: TopicProgress) -> str:
    lines = [f'status = "{e.status}"\n']
    if e.note:
        lines.append(f"note = {_toml_note(e.note)}\n")
    if e.started is not None:
        lines.append(f"started = {_fmt_dt(e.started)}\n")
    if e.completed is not None:
        lines.append(f"completed = {_fmt_dt(e.completed)}\n")
    if e.changed is not None:
        lines.append(f"changed = {_fmt_dt(e.changed)}\n")
    if e.extra:
        return _dump_table(["roadmaps", rid, "topics", tid], e.extra, "".join(lines))
    return f"[roadmaps.{_key(rid)}.topics.{_key(tid)}]\n" + "".join(lines)


def _head(doc: _Doc) -> str:
    lines = [f"schema = {SCHEMA_VERSION}\n"]
    tables: dict[str, Any] = {}
    for k in sorted(doc.extra):
        text = tomli_w.dumps({k: doc.extra[k]})
        if text.startswith("["):
            tables[k] = doc.extra[k]
        else:
            lines.append(text)
    if tables:
        lines.append("\n" + tomli_w.dumps(tables))
    return "".join(lines)


_BlockCache = dict[tuple[str, str], tuple[TopicProgress, str]]


def _serialise(doc: _Doc, blocks: _BlockCache) -> str:
    """The canonical text of ``doc``; reuses (and fills) ``blocks``, the per-topic text cache."""
    parts = [_head(doc)]
    for rid in sorted(doc.roadmaps):
        rm = doc.roadmaps[rid]
        if rm.extra:
            parts.append(_dump_table(["roadmaps", rid], rm.extra))
        if rm.activity:
            body = "".join(f"{_basic(d)} = {rm.activity[d]}\n" for d in sorted(rm.activity))
            parts.append(f"[roadmaps.{_key(rid)}.activity]\n{body}")
        topics = rm.topics
        for tid in sorted(topics):
            e = topics[tid]
            cached = blocks.get((rid, tid))
            if cached is not None and (cached[0] is e or cached[0] == e):
                parts.append(cached[1])
                continue
            text = _topic_block(rid, tid, e)
            blocks[(rid, tid)] = (e, text)
            parts.append(text)
    return "\n".join(parts)


# --------------------------------------------------------------------------------------------
# reading: fast path for the canonical form
# --------------------------------------------------------------------------------------------
# A strict scanner for exactly the subset of TOML that _serialise writes (plus harmless
# variations: escapes, single-line notes). Anything it does not recognise (comments, extra keys,
# other layouts, CRLF, fractional seconds, duplicates, bad values ...) makes it give up, and the
# full TOML parser decides, with its error messages. Tests check both give the same result.


class _GiveUp(Exception):
    pass


_ESC = r'\\(?:[\\"bfnrt]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})'
# Each pattern is written so that every character can be read only one way ("unrolled
# loops": plain* (special plain*)*). Failing on a long note then costs no backtracking, with no
# possessive quantifiers: those mis-match in Python 3.11.0 to 3.11.2.
_KEY_CHAR = r'[^"\\\x00-\x1f\x7f]'
_KEY_RE = rf'(?:[A-Za-z0-9_-]+|"{_KEY_CHAR}*(?:{_ESC}{_KEY_CHAR}*)*")'
_SL_CHAR = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'
_SL_BODY = rf"{_SL_CHAR}*(?:{_ESC}{_SL_CHAR}*)*"
_ML_CHAR = r'[^"\\\x00-\x08\x0b-\x1f\x7f]'
_ML_BODY = rf'{_ML_CHAR}*(?:(?:{_ESC}|"(?!""))' + rf"{_ML_CHAR}*)*"
_DT_RE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"
_INT_RE = r"(?:0|[1-9][0-9]{0,17})"
_HEAD = re.compile(rf"schema = ({_INT_RE})\n")
_TOPIC = re.compile(
    rf"\[roadmaps\.({_KEY_RE})\.topics\.({_KEY_RE})\]\n"
    r'status = "([a-z-]+)"\n'
    rf'(?:note = (?:"""\n({_ML_BODY})"""|"({_SL_BODY})")\n)?'
    rf"(?:started = ({_DT_RE})\n)?"
    rf"(?:completed = ({_DT_RE})\n)?"
    rf"(?:changed = ({_DT_RE})\n)?"
)
_ACTIVITY = _Lazy(
    rf"\[roadmaps\.({_KEY_RE})\.activity\]\n"
    rf'((?:"[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}" = {_INT_RE}\n)*)'
)
_ACTIVITY_LINE = _Lazy(rf'"([0-9-]+)" = ({_INT_RE})\n')
_ESC_ONE = _Lazy(r'\\(?:([\\"bfnrt])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))')
_SIMPLE = {"\\": "\\", '"': '"', "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _unescape_one(m: re.Match[str]) -> str:
    if m.group(1):
        return _SIMPLE[m.group(1)]
    cp = int(m.group(2) or m.group(3), 16)
    if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
        raise _GiveUp
    return chr(cp)


def _unescape(s: str) -> str:
    return _ESC_ONE.sub(_unescape_one, s) if "\\" in s else s


def _dekey(s: str) -> str:
    return _unescape(s[1:-1]) if s[0] == '"' else s


def _fast_parse(text: str) -> tuple[_Doc, _BlockCache] | None:
    try:
        return _fast_parse_inner(text)
    except (_GiveUp, ValueError):
        return None


def _fast_parse_inner(text: str) -> tuple[_Doc, _BlockCache] | None:
    m = _HEAD.match(text)
    if m is None:
        return None
    schema = int(m.group(1))
    if schema < 1:
        return None
    roadmaps: dict[str, _Roadmap] = {}
    blocks: _BlockCache = {}
    seen: set[tuple[str, str]] = set()
    seen_activity: set[str] = set()
    dates: dict[str, datetime] = {}
    rids: dict[str, str] = {}
    fromiso = datetime.fromisoformat
    topic_match = _TOPIC.match
    new = tuple.__new__

    def when(stamp: str) -> datetime:
        d = dates.get(stamp)
        if d is None:
            d = dates[stamp] = fromiso(stamp)  # ValueError (e.g. month 13) -> give up
        return d

    pos, n = m.end(), len(text)
    while pos < n:
        if text[pos] != "\n":
            return None
        pos += 1
        m = topic_match(text, pos)
        if m is not None:
            rid_raw, tid_raw, status, ml, sl, started, completed, changed = m.groups()
            rid = rids.get(rid_raw)
            if rid is None:
                rid = rids[rid_raw] = _dekey(rid_raw)
            tid = _unescape(tid_raw[1:-1]) if tid_raw[0] == '"' else tid_raw
            key = (rid, tid)
            if status not in _STATUS_SET or key in seen:
                return None
            seen.add(key)
            note = ml if ml is not None else (sl or "")
            if "\\" in note:
                note = _unescape(note)
            if started is not None:
                started = when(started)
            if completed is not None:
                completed = when(completed)
            if changed is not None:
                changed = when(changed)
            rm = roadmaps.get(rid)
            if rm is None:
                rm = roadmaps[rid] = _Roadmap()
            if status != "todo" or note or started or completed or changed:  # not empty
                # a named tuple made the quick way (thousands of them, in a file with notes)
                entry = new(TopicProgress, (status, note, started, completed, changed, _NO_EXTRA))
                rm.topics[tid] = entry
                blocks[key] = (entry, m.group())
            pos = m.end()
            continue
        m = _ACTIVITY.match(text, pos)
        if m is None:
            return None
        rid = _dekey(m.group(1))
        if rid in seen_activity:
            return None
        seen_activity.add(rid)
        rm = roadmaps.get(rid)
        if rm is None:
            rm = roadmaps[rid] = _Roadmap()
        for day, count in _ACTIVITY_LINE.findall(m.group(2)):
            if day in rm.activity:
                return None
            rm.activity[day] = int(count)
        pos = m.end()
    return _Doc(schema, {}, roadmaps), blocks


# --------------------------------------------------------------------------------------------
# reading: full TOML + shape validation
# --------------------------------------------------------------------------------------------


class _Shape(Exception):
    def __init__(self, keypath: list[str], problem: str) -> None:
        super().__init__(problem)
        self.keypath = keypath
        self.problem = problem


def _keypath_str(parts: list[str]) -> str:
    return ".".join(_key(p) for p in parts)


def _typename(v: object) -> str:
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, int):
        return "an integer"
    if isinstance(v, float):
        return "a float"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, datetime):
        return "a date-time"
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, list):
        return "an array"
    return f"a {type(v).__name__}"  # date, time


def _topic_from_table(kp: list[str], t: object) -> TopicProgress:
    if not isinstance(t, dict):
        raise _Shape(kp, f"must be a table, not {_typename(t)}")
    t = dict(t)
    status = t.pop("status", "todo")
    if not isinstance(status, str) or status not in _STATUS_SET:
        raise _Shape([*kp, "status"], f"must be one of {', '.join(STATUSES)}, not {status!r}")
    note = t.pop("note", "")
    if not isinstance(note, str):
        raise _Shape([*kp, "note"], f"must be a string, not {_typename(note)}")
    dates: list[datetime | None] = []
    for name in _DATE_FIELDS:
        v = t.pop(name, None)
        if v is not None and not isinstance(v, datetime):
            raise _Shape([*kp, name], f"must be a date-time, not {_typename(v)}")
        dates.append(_utc(v) if v is not None else None)
    return TopicProgress(status, note, dates[0], dates[1], dates[2], t)


def _roadmap_from_table(kp: list[str], rm: object, strict: bool) -> _Roadmap:
    if not isinstance(rm, dict):
        raise _Shape(kp, f"must be a table, not {_typename(rm)}")
    rm = dict(rm)
    topics_raw = rm.pop("topics", {})
    if not isinstance(topics_raw, dict):
        raise _Shape([*kp, "topics"], f"must be a table, not {_typename(topics_raw)}")
    activity_raw = rm.pop("activity", {})
    if not isinstance(activity_raw, dict):
        raise _Shape([*kp, "activity"], f"must be a table, not {_typename(activity_raw)}")
    topics: dict[str, TopicProgress] = {}
    for tid, t in topics_raw.items():
        try:
            entry = _topic_from_table([*kp, "topics", tid], t)
        except _Shape:
            if strict:
                raise
            continue
        if not entry.is_empty:
            topics[tid] = entry
    activity: dict[str, int] = {}
    for day, count in activity_raw.items():
        if type(count) is not int or count < 0:
            if strict:
                raise _Shape([*kp, "activity", day], f"must be a count >= 0, not {count!r}")
            continue
        activity[day] = count
    return _Roadmap(topics, activity, rm)


def _doc_from_data(data: dict[str, Any]) -> _Doc:
    data = dict(data)
    schema = data.pop("schema", SCHEMA_VERSION)
    if type(schema) is not int or schema < 1:
        raise _Shape(["schema"], f"must be a positive integer, not {schema!r}")
    strict = schema <= SCHEMA_VERSION  # a newer file is read as well as we can, never written
    roadmaps_raw = data.pop("roadmaps", {})
    if not isinstance(roadmaps_raw, dict):
        if strict:
            raise _Shape(["roadmaps"], f"must be a table, not {_typename(roadmaps_raw)}")
        roadmaps_raw = {}
    roadmaps: dict[str, _Roadmap] = {}
    for rid, rm in roadmaps_raw.items():
        try:
            roadmaps[rid] = _roadmap_from_table(["roadmaps", rid], rm, strict)
        except _Shape:
            if strict:
                raise
    return _Doc(schema, data, roadmaps)


_KEY_PART = _Lazy(r"""[ \t]*(?:([A-Za-z0-9_-]+)|"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')[ \t]*""")


def _split_key(s: str, pos: int) -> tuple[list[str], int]:
    parts: list[str] = []
    while True:
        m = _KEY_PART.match(s, pos)
        if m is None:
            return parts, pos
        bare, basic, literal = m.groups()
        if basic is not None:
            with contextlib.suppress(_GiveUp):
                basic = _unescape(basic)
        parts.append(next(p for p in (bare, basic, literal) if p is not None))
        pos = m.end()
        if not s.startswith(".", pos):
            return parts, pos
        pos += 1


def _locate(text: str, target: list[str]) -> tuple[int | None, int | None]:
    """Best-effort (line, column) of the key ``target`` (or of its table header)."""
    table: list[str] = []
    in_ml: str | None = None
    header_hit: tuple[int, int] | None = None
    parent_hit: tuple[int, int] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if in_ml is not None:
            if line.count(in_ml) % 2 == 1:
                in_ml = None
            continue
        s = line.lstrip()
        col = len(line) - len(s) + 1
        if not s or s.startswith("#"):
            continue
        if s.startswith("["):
            aot = s.startswith("[[")
            table, _ = _split_key(s, 2 if aot else 1)
            if table == target and header_hit is None:
                header_hit = (lineno, col)
            if table == target[:-1] and parent_hit is None:
                parent_hit = (lineno, col)
            continue
        parts, end = _split_key(s, 0)
        if not parts or not s.startswith("=", end):
            continue
        full = table + parts
        if full == target or (len(full) < len(target) and full == target[: len(full)]):
            return lineno, col
        rest = s[end + 1 :].strip()
        for q in ('"""', "'''"):
            if rest.startswith(q) and rest.count(q) == 1:
                in_ml = q
    hit = header_hit or parent_hit
    return hit if hit is not None else (None, None)


_TOML_POS = _Lazy(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _parse_text(text: str) -> tuple[_Doc, _BlockCache]:
    """Parse and validate; raises _toml.TOMLDecodeError or _Shape."""
    fast = _fast_parse(text)
    if fast is not None:
        return fast
    return _doc_from_data(_toml.loads(text)), {}


# --------------------------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------------------------


def _fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
    except (OSError, AttributeError):  # no O_DIRECTORY on Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot fsync a directory; the data itself is synced
        pass
    finally:
        os.close(fd)


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _temp_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}\.[0-9a-f]{{16}}\.tmp")


class ProgressStore:
    """The progress of one roadmap in a progress file shared with other roadmaps/processes."""

    def __init__(
        self,
        path: Path,
        roadmap_id: str,
        *,
        lock_timeout: float = 5.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = Path(path)
        self.roadmap_id = roadmap_id
        self.lock_timeout = lock_timeout
        self._clock = clock or (lambda: datetime.now(UTC))
        self.read_only = False
        self._loaded = False
        self._raw: bytes | None = None  # bytes of the file at our last load/save
        self._sig: tuple[int, int, int] | None = None
        self._disk: _Doc = _EMPTY_DOC  # parsed _raw
        self._view: _Doc = _EMPTY_DOC  # _disk + pending changes
        self._pending: list[_Op] = []
        self._blocks: _BlockCache = {}

    # ---- reading ------------------------------------------------------------------------

    def load(self) -> None:
        """(Re)read the file. A missing file is empty. Unsaved changes are kept on top.

        Raises ProgressError (file untouched) when it cannot be read or understood.
        """
        raw, sig = self._read()
        doc = self._parse(raw)
        self._remember(raw, sig, doc)
        self._refresh_view()

    def get(self, topic_id: str) -> TopicProgress:
        self._ensure_loaded()
        return self._topics().get(topic_id, _TODO)

    def topics(self) -> Mapping[str, TopicProgress]:
        """Every entry of this roadmap (including topics the roadmap no longer has)."""
        self._ensure_loaded()
        return MappingProxyType(self._topics())

    def activity(self) -> Mapping[str, int]:
        """``"YYYY-MM-DD"`` (UTC) -> number of changes that day, for this roadmap."""
        self._ensure_loaded()
        return MappingProxyType(self._view.roadmaps.get(self.roadmap_id, _EMPTY_ROADMAP).activity)

    @property
    def pending_changes(self) -> int:
        """Number of changes not yet on disk (after a failed save)."""
        return len(self._pending)

    def disk_signature(self) -> tuple[int, int, int] | None:
        """(mtime_ns, size, inode) of the file, or None when it does not exist."""
        try:
            return _signature(os.stat(self.path))
        except OSError:
            return None

    def changed_on_disk(self) -> bool:
        """True when the file differs from the one we last loaded or saved."""
        return self.disk_signature() != self._sig

    # ---- changing -----------------------------------------------------------------------

    def set_status(self, topic_id: str, status: str) -> TopicProgress:
        _check_topic(topic_id)
        _check_status(status)
        self._prepare()
        if self.get(topic_id).status != status:
            self._pending.append(_Op("status", topic_id, self._now(), status=status))
            self._commit()
        return self.get(topic_id)

    def set_note(self, topic_id: str, note: str) -> TopicProgress:
        _check_topic(topic_id)
        _check_text(note)
        self._prepare()
        cur = self.get(topic_id)
        if cur.note != note:
            self._pending.append(_Op("note", topic_id, self._now(), base=cur.note, note=note))
            self._commit()
        return self.get(topic_id)

    def set_many(self, changes: Iterable[tuple[str, str]]) -> None:
        """Set many statuses in one save (e.g. mark a whole branch); same rules as
        set_status. Topics already in the wanted status are left alone."""
        wanted: dict[str, str] = {}
        for topic_id, status in changes:
            _check_topic(topic_id)
            _check_status(status)
            wanted[topic_id] = status
        self._prepare()
        now = self._now()
        ops = [
            _Op("status", tid, now, status=st)
            for tid, st in wanted.items()
            if self.get(tid).status != st
        ]
        if ops:
            self._pending.extend(ops)
            self._commit()

    def reset(self, topic_ids: Iterable[str] | None = None) -> None:
        """Back to todo (started/completed cleared, notes KEPT), in one save; None = every
        topic of this roadmap. Like any status change it sets ``changed`` and counts as
        activity."""
        if topic_ids is None:
            self._prepare()
            ids = list(self._topics())
        else:
            ids = list(dict.fromkeys(topic_ids))
            for tid in ids:
                _check_topic(tid)
            self._prepare()
        self.set_many((tid, "todo") for tid in ids)

    def merge_from(self, entries: Mapping[str, TopicProgress]) -> int:
        """Import entries (one save): an entry is taken where its ``changed`` is newer than ours
        (or we have none); returns how many were taken. Where ours is newer (or theirs has no
        date), ours is kept as it is. A taken entry never drops our note: if ours is a different
        non-empty text (and not contained in theirs), the result is ours + conflict marker +
        theirs; an empty note of theirs keeps ours. Imports keep their own dates and unknown keys
        (merged over ours) and do not count as activity."""
        ops: list[_Op] = []
        self._prepare()
        now = self._now()
        for tid, entry in entries.items():
            _check_topic(tid)
            ops.append(_Op("merge", tid, now, theirs=_check_entry(entry)))
        if not ops:
            return 0
        self._pending.extend(ops)
        return self._commit()

    def retry_pending(self) -> None:
        """Save changes left in memory by a failed save (no-op when there are none)."""
        if self._pending:
            self._prepare()
            self._commit()

    def move_aside(self) -> Path:
        """Rename the file to ``<name>.corrupt-YYYYmmddTHHMMSS`` (kept for the user) and start
        from an empty file. Returns the new path."""
        with self._locked() as target:
            if not target.exists():
                raise ProgressError("cannot move aside: no such file", path=self.path)
            stamp = self._now().strftime("%Y%m%dT%H%M%S")
            dest = target.with_name(f"{target.name}.corrupt-{stamp}")
            n = 1
            while dest.exists():
                n += 1
                dest = target.with_name(f"{target.name}.corrupt-{stamp}-{n}")
            try:
                os.rename(target, dest)
            except OSError as e:
                raise ProgressError(f"cannot move aside: {e.strerror or e}", path=self.path) from e
            _fsync_dir(dest.parent)
        self.read_only = False
        self._loaded = True
        self._remember(None, None, _EMPTY_DOC)
        self._refresh_view()
        return dest

    # ---- internals ----------------------------------------------------------------------

    def _now(self) -> datetime:
        return _utc(self._clock()).replace(microsecond=0)

    def _topics(self) -> dict[str, TopicProgress]:
        return self._view.roadmaps.get(self.roadmap_id, _EMPTY_ROADMAP).topics

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.load()

    def _prepare(self) -> None:
        self._ensure_loaded()
        if self.read_only:
            raise self._newer_error(self._disk.schema)

    def _newer_error(self, schema: int) -> ProgressError:
        return ProgressError(
            f"written by a newer version of roadmap-tui (schema {schema}, this version knows "
            f"{SCHEMA_VERSION}); it is read but never written",
            path=self.path,
            hint="upgrade roadmap-tui to change progress in this file",
        )

    def _remember(self, raw: bytes | None, sig: tuple[int, int, int] | None, doc: _Doc) -> None:
        self._raw, self._sig, self._disk = raw, sig, doc
        self._loaded = True
        self.read_only = doc.schema > SCHEMA_VERSION

    def _refresh_view(self) -> None:
        self._view, _ = _apply(self._disk, self.roadmap_id, self._pending)

    def _read(self) -> tuple[bytes | None, tuple[int, int, int] | None]:
        try:
            with open(self.path, "rb") as f:
                st = os.fstat(f.fileno())
                data = f.read()
        except FileNotFoundError:
            return None, None
        except OSError as e:
            raise ProgressError(f"cannot read: {e.strerror or e}", path=self.path) from e
        return data, _signature(st)

    def _corrupt(self, message: str, line: int | None, column: int | None) -> ProgressError:
        stamp = self._now().strftime("%Y%m%dT%H%M%S")
        p = str(self.path)
        import shlex

        cmd = f"mv {shlex.quote(p)} {shlex.quote(f'{p}.corrupt-{stamp}')}"
        return ProgressError(
            message, path=self.path, line=line, column=column, hint=_CORRUPT_HINT.format(cmd=cmd)
        )

    def _parse(self, raw: bytes | None) -> _Doc:
        if raw is None:
            return _EMPTY_DOC
        if raw == self._raw:
            return self._disk
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw.count(b"\n", 0, e.start) + 1
            col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
            raise self._corrupt("not valid UTF-8 text", line, col) from None
        if text.startswith("\ufeff"):
            text = text[1:]
        try:
            doc, blocks = _parse_text(text)
        except _toml.TOMLDecodeError as e:
            msg = str(getattr(e, "msg", "") or e)
            line, col = getattr(e, "lineno", None), getattr(e, "colno", None)
            m = _TOML_POS.search(msg)
            if m:
                msg = msg[: m.start()]
                line, col = int(m.group(1)), int(m.group(2))
            raise self._corrupt(f"not valid TOML: {msg}", line, col) from None
        except _Shape as e:
            line, col = _locate(text, e.keypath)
            raise self._corrupt(f"{_keypath_str(e.keypath)} {e.problem}", line, col) from None
        self._blocks.update(blocks)
        return doc

    @contextlib.contextmanager
    def _locked(self) -> Iterator[Path]:
        """Hold ``<name>.lock`` (beside the real file); yields the real target path."""
        target = Path(os.path.realpath(self.path))
        lock_path = target.with_name(target.name + ".lock")
        d = target.parent
        try:
            if not d.is_dir():
                d.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(d, 0o700)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _O_CLOEXEC, 0o600)
        except OSError as e:
            raise ProgressError(
                f"cannot create the lock file: {e.strerror or e}", path=self.path
            ) from e
        try:
            deadline = time.monotonic() + self.lock_timeout
            delay = 0.001
            while True:
                try:
                    _try_lock(fd)
                    break
                except OSError as e:
                    if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                        raise ProgressError(
                            f"cannot lock: {e.strerror or e}", path=lock_path
                        ) from e
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise LockTimeout(
                            f"timed out after {self.lock_timeout:g} s waiting for the lock "
                            "file; another roadmap-tui is saving or stuck",
                            path=lock_path,
                            hint=f"close other roadmap-tui windows using {self.path}",
                        ) from None
                    time.sleep(min(delay, left))
                    delay = min(delay * 2, 0.02)
            try:
                yield target
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    def _commit(self) -> int:
        """Save all pending changes: lock, re-read, replay, write. Returns the merge count."""
        try:
            with self._locked() as target:
                raw, sig = self._read()
                doc = self._parse(raw)
                self._remember(raw, sig, doc)
                if self.read_only:
                    raise self._newer_error(doc.schema)
                new, taken = _apply(doc, self.roadmap_id, self._pending)
                data = _serialise(new, self._blocks).encode("utf-8")
                if data != raw:
                    self._write(target, data)
                    sig = _signature(os.stat(target))
                self._remember(data, sig, new)
                self._pending.clear()
                return taken
        finally:
            self._refresh_view()

    def _write(self, target: Path, data: bytes) -> None:
        d = target.parent
        stale = _temp_re(target.name)
        with contextlib.suppress(OSError):  # leftovers of a crash: we hold the lock, so they are
            for entry in os.scandir(d):  # not being written by anyone
                if stale.fullmatch(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
        tmp = d / f".{target.name}.{os.urandom(8).hex()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_CLOEXEC, 0o600)
            try:
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, 0o600)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, target)
        except OSError as e:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise ProgressError(
                f"could not save: {e.strerror or e}; the change is kept in memory",
                path=self.path,
                hint="free disk space or fix permissions; the next change (or retry) saves it",
            ) from e
        _fsync_dir(d)


def _try_lock(fd: int) -> None:
    """Take an exclusive lock or raise OSError at once (BlockingIOError when held). The lock
    module is imported here: reading progress, as `status` does, takes no lock."""
    if os.name != "nt":
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows (untested here)
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)


def _unlock(fd: int) -> None:
    if os.name != "nt":
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _check_topic(topic_id: object) -> None:
    if not isinstance(topic_id, str) or not topic_id:
        raise ValueError(f"topic id must be a non-empty string, not {topic_id!r}")
    _check_text(topic_id)


def _check_status(status: object) -> None:
    if status not in _STATUS_SET:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")


def _check_text(s: object) -> None:
    if not isinstance(s, str):
        raise TypeError(f"expected a string, not {type(s).__name__}")
    try:
        s.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"text cannot be saved as UTF-8: {e.reason}") from None


def _check_entry(e: object) -> TopicProgress:
    if not isinstance(e, TopicProgress):
        raise TypeError(f"expected TopicProgress, not {type(e).__name__}")
    _check_status(e.status)
    _check_text(e.note)
    dates = {}
    for name in _DATE_FIELDS:
        v = getattr(e, name)
        if v is not None:
            if not isinstance(v, datetime):
                raise TypeError(f"{name} must be a datetime or None")
            dates[name] = _utc(v)
    extra = dict(e.extra)
    try:
        tomli_w.dumps(extra)
    except (TypeError, ValueError) as err:
        raise ValueError(f"extra cannot be saved as TOML: {err}") from None
    return e._replace(extra=extra, **dates)
