"""Where parsed roadmaps are cached, and how a cache file is named, keyed and written.

A roadmap file is parsed and validated once; its model (pickled) and its outline (marshal) are
kept in the user cache directory, keyed by the file's path, size, modification time and inode
and by the versions of roadmap-tui and Python, so that any change means a fresh parse. A cache
that cannot be read or written only costs speed.

Pure core, stdlib only: loading a cached outline must not import the roadmap parser.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

ENV = "ROADMAP_TUI_CACHE"
FORMAT = 5


def directory() -> Path:
    """$ROADMAP_TUI_CACHE, or the user cache directory."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    from platformdirs import user_cache_path

    return user_cache_path("roadmap-tui", appauthor=False) / "roadmaps"


def key(path: Path, info: os.stat_result) -> tuple | None:
    """What a cache entry for this file must match; None for what is not a regular file."""
    import stat
    import sys

    if not stat.S_ISREG(info.st_mode):
        return None
    from roadmap_tui import __version__

    return (
        FORMAT,
        __version__,
        sys.version_info[:2],
        str(path.resolve()),
        info.st_size,
        info.st_mtime_ns,
        info.st_ino,
    )


def file(key: tuple, suffix: str = ".pickle") -> Path:
    """The cache file for a key: named after the roadmap file, so the folder stays readable."""
    import zlib

    name = Path(key[3]).stem[:40]
    return directory() / f"{name}-{zlib.crc32(key[3].encode()):08x}{suffix}"


def read(key: tuple, suffix: str, loads: Callable[[bytes], object]) -> object | None:
    """What was cached under ``key``, or None: missing, unreadable, truncated, from another
    version, or stored under another key.

    Tens of thousands of new objects would set off garbage collections that find nothing to
    free, and the first collection after them would walk them all: the collector is paused while
    they are made, then they are moved out of its sight (gc.freeze); a roadmap lives as long as
    the process that loaded it.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        stored_key, data = loads(file(key, suffix).read_bytes())  # type: ignore[misc]
    except Exception:
        return None
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    return data if stored_key == key else None


def write(target: Path, data: bytes) -> None:
    """Write a cache file whole (a temp file renamed over it), or not at all."""
    import contextlib
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".roadmap.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except Exception:  # a cache that cannot be written only costs speed
        return
