"""Read a roadmap file into a Roadmap, through a cache of parsed roadmaps.

Parsing and validating the TOML is most of the cost of a plain command, so a valid roadmap is
kept as plain JSON in the user cache directory: a header line ``{"format", "key", "crc32"}``
and the roadmap as nested lists. An entry is used only when its key matches the file (path,
size, mtime_ns, inode, and the version of roadmap-tui), its payload matches its CRC-32, and
every value has the type the model needs; anything else (missing, damaged, stale, from
another version) is a miss, and the file is parsed again. Ids, parents and depths are not
stored but rebuilt from the slugs, so they cannot disagree.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from pathlib import Path

from roadmap_tui import __version__
from roadmap_tui.core.loader import parse
from roadmap_tui.core.roadmap import (
    KINDS,
    LEVELS,
    Problem,
    Resource,
    Roadmap,
    RoadmapError,
    Source,
    Topic,
)
from roadmap_tui.storage import paths

FORMAT = 1


def load(path: Path | str, *, cache: bool = True) -> Roadmap:
    """Load a roadmap file. Raises RoadmapError (never a bare OSError or decode error)."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise RoadmapError([_problem(path, "no such file")]) from None
    except OSError as exc:
        raise RoadmapError([_problem(path, f"cannot read: {exc.strerror}")]) from None
    key = _key(path, info) if cache else None
    if key is not None:
        cached = _read(key, path)
        if cached is not None:
            return cached
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise RoadmapError([_problem(path, "is a directory, not a file")]) from None
    except OSError as exc:
        raise RoadmapError([_problem(path, f"cannot read: {exc.strerror}")]) from None
    roadmap = parse(raw, path)
    if key is not None:
        _write(key, roadmap)
    return roadmap


def _problem(path: Path, message: str) -> Problem:
    return Problem(str(path), None, "", message)


def _key(path: Path, info: os.stat_result) -> list | None:
    """What a cache entry for this file must match; None for what is not a regular file."""
    if not stat.S_ISREG(info.st_mode):
        return None
    return [FORMAT, __version__, str(path.resolve()), info.st_size, info.st_mtime_ns, info.st_ino]


def cache_file(key: list) -> Path:
    """The cache file for a roadmap file, named after it so the folder stays readable."""
    resolved = key[2]
    name = f"{Path(resolved).stem[:40]}-{zlib.crc32(resolved.encode()):08x}.json"
    return paths.cache_dir() / name


def _read(key: list, path: Path) -> Roadmap | None:
    """The cached roadmap, or None on any miss. Never raises: a bad cache only costs time."""
    try:
        header, _, payload = cache_file(key).read_bytes().partition(b"\n")
        meta = json.loads(header)
        if meta["key"] != key or meta["crc32"] != zlib.crc32(payload):
            return None
        return _decode(json.loads(payload), path)
    except Exception:  # unreadable, not JSON, too deep, or a value of the wrong type
        return None


def _write(key: list, roadmap: Roadmap) -> None:
    """Cache a valid roadmap; a cache that cannot be written only costs time."""
    from roadmap_tui.storage.atomic import atomic_write

    try:
        payload = json.dumps(_encode(roadmap), ensure_ascii=False, separators=(",", ":"))
        data = payload.encode()
        header = json.dumps({"format": FORMAT, "key": key, "crc32": zlib.crc32(data)})
        atomic_write(cache_file(key), header.encode() + b"\n" + data)
    except (OSError, ValueError):
        return


# --------------------------------------------------------------------------- the payload


def _encode(roadmap: Roadmap) -> list:
    def node(t: Topic) -> list:
        return [
            t.slug,
            t.title,
            t.summary,
            t.description,
            t.kind,
            t.level,
            t.hours,
            t.prerequisites,
            t.sources,
            t.aliases,
            t.practises,
            [[r.type, r.title, r.url] for r in t.resources],
            [node(c) for c in t.children],
        ]

    return [
        roadmap.id,
        roadmap.title,
        roadmap.description,
        roadmap.version,
        [[s.id, s.title, s.url] for s in roadmap.sources],
        [node(s) for s in roadmap.sections],
    ]


class _Damaged(Exception):
    """A cached value is not of the type the model needs."""


def _strs(value: object) -> tuple[str, ...]:
    if type(value) is not list or not all(type(v) is str for v in value):
        raise _Damaged
    return tuple(value)


def _decode(data: object, path: Path) -> Roadmap:
    """The roadmap ``_encode`` gave; raises on any value of the wrong type or shape."""
    rid, title, description, version, sources, sections = data  # type: ignore[misc]
    if not (type(rid) is type(title) is type(description) is str and type(version) is int):
        raise _Damaged
    if type(sources) is not list or type(sections) is not list:
        raise _Damaged

    def node(raw: object, parent: str | None, section: str, depth: int) -> Topic:
        (slug, title, summary, desc, kind, level, hours, prereqs, srcs, aliases, practises,
         resources, children) = raw  # type: ignore[misc]  # fmt: skip
        if not (
            type(slug) is type(title) is type(summary) is type(desc) is str
            and kind in KINDS
            and level in LEVELS
            and type(hours) in (int, float)
            and type(resources) is list
            and type(children) is list
        ):
            raise _Damaged
        full = slug if parent is None else f"{parent}/{slug}"
        section = section or full
        return Topic(
            id=full,
            slug=slug,
            title=title,
            summary=summary,
            description=desc,
            kind=kind,
            level=level,
            hours=hours,
            prerequisites=_strs(prereqs),
            sources=_strs(srcs),
            aliases=_strs(aliases),
            practises=_strs(practises),
            resources=tuple(Resource(*_strs(r)) for r in resources),
            children=tuple(node(c, full, section, depth + 1) for c in children),
            parent=parent,
            section=section,
            depth=depth,
            is_section=parent is None,
        )

    return Roadmap(
        id=rid,
        title=title,
        sections=tuple(node(s, None, "", 0) for s in sections),
        sources=tuple(Source(*_strs(s)) for s in sources),
        description=description,
        version=version,
        path=path,
    )
