"""Read a roadmap file into a Roadmap, through a cache of parsed TOML documents.

Parsing the TOML is most of the cost of a plain command, so the document of a valid roadmap is
kept as plain JSON in the user cache directory: a header line ``{"format", "key", "crc32"}``
and the document. An entry is used only when its key matches the file (path, size, mtime_ns,
inode, and the version of roadmap-tui) and its payload matches its CRC-32; it then goes through
the same validating ``build`` as a file's document, so whatever it holds cannot give a roadmap
the file would not. Anything else (missing, damaged, stale, invalid) is a miss: the file is
parsed again.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from pathlib import Path

from roadmap_tui import __version__
from roadmap_tui.core.loader import build, read_toml
from roadmap_tui.core.roadmap import Problem, Roadmap, RoadmapError
from roadmap_tui.storage import paths
from roadmap_tui.storage.atomic import atomic_write

FORMAT = 2  # 1 held the model; 2 holds the TOML document


def load(path: Path | str, *, cache: bool = True) -> Roadmap:
    """Load a roadmap file. Raises RoadmapError (never a bare OSError or decode error)."""
    path = Path(path)
    try:
        info = path.stat()
        key = _key(path, info) if cache else None
        cached = _read(key, path) if key is not None else None
        if cached is not None:
            return cached
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RoadmapError([_problem(path, "no such file")]) from None
    except IsADirectoryError:
        raise RoadmapError([_problem(path, "is a directory, not a file")]) from None
    except OSError as exc:
        raise RoadmapError([_problem(path, f"cannot read: {exc.strerror}")]) from None
    text, document = read_toml(raw, path)
    roadmap = build(document, path, text)
    if key is not None:
        _write(key, document)
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
        return build(json.loads(payload), path)
    except Exception:  # unreadable, not JSON, too deep, or not a valid roadmap
        return None


def _write(key: list, document: dict) -> None:
    """Cache the document of a valid roadmap, if JSON holds it exactly (a TOML date, say, it
    does not); a cache that cannot be written only costs time."""
    try:
        payload = json.dumps(document, ensure_ascii=False, allow_nan=False).encode()
        header = json.dumps({"format": FORMAT, "key": key, "crc32": zlib.crc32(payload)})
        atomic_write(cache_file(key), header.encode() + b"\n" + payload)
    except (OSError, ValueError, TypeError):
        return
