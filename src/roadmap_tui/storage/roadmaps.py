"""Read a roadmap file into a Roadmap, through a cache of its parsed TOML.

Parsing the TOML is most of the cost of loading a roadmap (the bundled one, and more so a large
one), so the parsed document is kept as JSON in the user cache directory, and validated again on
every load (the validator is what checks every value's type). A cache entry is plain data: a
header line ``{"format", "key", "crc32"}`` and the document. It is used only when its key
matches the file (path, size, mtime_ns, inode, and the version of roadmap-tui) and its payload
matches its checksum; anything else (missing, damaged, stale, or a document that does not
validate) is a miss, and the file is parsed again.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from pathlib import Path

from roadmap_tui import __version__
from roadmap_tui.core.loader import from_document, parse_document
from roadmap_tui.core.roadmap import Problem, Roadmap, RoadmapError
from roadmap_tui.storage import paths
from roadmap_tui.storage.atomic import atomic_write

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
    data, text = parse_document(raw, path)
    roadmap = from_document(data, path, text)
    if key is not None:
        _write(key, data)
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
    return (
        paths.cache_dir() / f"{Path(resolved).stem[:40]}-{zlib.crc32(resolved.encode()):08x}.json"
    )


def _read(key: list, path: Path) -> Roadmap | None:
    """The cached roadmap, or None on any miss. Never raises: a bad cache only costs time."""
    try:
        header, _, payload = cache_file(key).read_bytes().partition(b"\n")
        meta = json.loads(header)
        if (
            not isinstance(meta, dict)
            or meta.get("key") != key
            or meta.get("crc32") != zlib.crc32(payload)
        ):
            return None
        return from_document(json.loads(payload), path)
    except Exception:  # unreadable, not JSON, too deep, or a document that does not validate
        return None


def _write(key: list, data: dict) -> None:
    """Cache a valid roadmap's document; a cache that cannot be written only costs time."""
    try:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        header = json.dumps({"format": FORMAT, "key": key, "crc32": zlib.crc32(payload)})
        atomic_write(cache_file(key), header.encode() + b"\n" + payload)
    except (OSError, TypeError, ValueError):
        return
