"""Atomic file writes: every file roadmap-tui writes goes through ``atomic_write``; and the
exclusive lock that every writer of the progress file takes (``wait_for_lock``).

A unique temporary file is created exclusively in the target's directory, written, flushed and
synced (``F_FULLFSYNC`` where the platform has it), renamed over the target, and the directory is
synced, so a crash leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from pathlib import Path

if os.name == "nt":  # pragma: no cover - Windows (untested here)
    import msvcrt
else:
    import fcntl

__all__ = ["atomic_write", "fsync_dir", "remove_temp_files", "unlock", "wait_for_lock"]

_SUFFIX = ".tmp"  # temporary files are named .<target name>.<random>.tmp


def _fsync(fd: int) -> None:
    full = getattr(os, "F_FULLFSYNC", None)  # macOS: fsync alone does not reach the platter
    if full is not None:
        try:
            fcntl.fcntl(fd, full)
            return
        except OSError:
            pass
    os.fsync(fd)


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a directory
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, mode: int = 0o600, dir_mode: int = 0o700) -> None:
    """Replace ``path`` with ``data`` atomically and durably; the file gets ``mode``.

    A missing parent directory is created with ``dir_mode``. Raises ``OSError`` on failure, in
    which case the target is untouched and no temporary file is left behind.
    """
    path = Path(path)
    directory = path.parent
    directory.mkdir(mode=dir_mode, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_SUFFIX, dir=directory)
    try:
        try:
            os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            _fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(directory)


def remove_temp_files(path: Path) -> None:
    """Delete the temporary files of ``atomic_write(path, ...)`` that a crash left behind.

    Call it only while holding a lock that every writer of ``path`` takes: otherwise it could
    delete another process's write in progress. Errors are ignored.
    """
    path = Path(path)
    ours = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]+{re.escape(_SUFFIX)}")
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if ours.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def wait_for_lock(fd: int, timeout: float) -> bool:
    """Take an exclusive lock on the open file ``fd``, waiting while another process holds it:
    False when it still does after ``timeout`` seconds. OSError when it cannot be locked."""
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        try:
            _try_lock(fd)
            return True
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(delay, left))
        delay = min(delay * 2, 0.02)


def _try_lock(fd: int) -> None:
    """Take an exclusive lock or raise OSError at once (BlockingIOError when held)."""
    if os.name == "nt":  # pragma: no cover
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
