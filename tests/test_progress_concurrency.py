"""Several ProgressStores on one file: work kept, conflicts, two processes, the lock, polling."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from roadmap_tui.storage.progress import (
    CONFLICT_MARKER,
    STATUSES,
    LockTimeout,
    ProgressError,
    fileformat,
)
from tests.progress_helpers import child_env, make, temp_files


def test_two_stores_on_different_topics_keep_each_others_work(path: Path) -> None:
    a, b = make(path), make(path)
    a.set_status("x", "done")
    b.set_status("y", "in-progress")  # b never re-loaded: applies its change onto disk now
    a.set_note("x", "from a")
    b.set_note("z", "from b")
    final = make(path)
    assert final.get("x").status == "done" and final.get("x").note == "from a"
    assert final.get("y").status == "in-progress" and final.get("z").note == "from b"
    assert final.activity()["2026-11-25"] == 4
    assert b.get("x").status == "done"  # a save refreshes the view too


def test_same_note_conflict_keeps_both_texts(path: Path) -> None:
    a, b = make(path), make(path)
    a.set_note("t", "base\n")
    b.load()
    a.set_note("t", "text from a\n")
    e = b.set_note("t", "text from b\n")
    expected = f"text from a\n\n\n{CONFLICT_MARKER}2026-11-25T09:12:00Z\ntext from b\n"
    assert e.note == expected
    assert make(path).get("t").note == expected
    # b cleared a note a changed meanwhile: a's text stays
    c = make(path)
    a.load()
    a.set_note("t", "newest from a")
    c.set_note("t", "")
    assert make(path).get("t").note == "newest from a"
    # editing what is on disk (no concurrent change) simply replaces
    b.load()
    assert b.set_note("t", "clean").note == "clean"


def test_status_conflict_last_save_wins(path: Path) -> None:
    a, b = make(path), make(path)
    a.set_status("t", "done")
    b.set_status("t", "skipped")
    assert make(path).get("t").status == "skipped"


WRITER = textwrap.dedent("""
    import os, sys, time
    from roadmap_tui.storage.progress import ProgressStore, STATUSES
    path, prefix, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    s = ProgressStore(path, "backend", lock_timeout=60)
    s.load()
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(n):
        s.set_status(f"{prefix}-{i % 10}", STATUSES[1 + (i // 10) % 3])
        s.set_note(f"{prefix}-note-{i % 5}", f"{prefix} wrote {i}\\n")
""")


def test_two_processes_writing_at_once_lose_nothing(path: Path, tmp_path: Path) -> None:
    n = 40
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), prefix, str(n), str(go)], env=child_env()
        )
        for prefix in ("p", "q")
    ]
    time.sleep(0.3)
    go.touch()
    for p in procs:
        assert p.wait(timeout=60) == 0
    s = make(path)
    for prefix in ("p", "q"):
        for j in range(10):
            last = max(i for i in range(n) if i % 10 == j)
            assert s.get(f"{prefix}-{j}").status == STATUSES[1 + (last // 10) % 3]
        for j in range(5):
            last = max(i for i in range(n) if i % 5 == j)
            assert s.get(f"{prefix}-note-{j}").note == f"{prefix} wrote {last}\n"
    # every change of both processes was counted (statuses always differ from the previous)
    assert sum(s.activity().values()) == 2 * 2 * n
    assert temp_files(path.parent) == []


def test_lock_timeout_names_the_lock_file_and_keeps_the_change(path: Path) -> None:
    s = make(path, lock_timeout=0.2)
    lock = path.with_name("progress.toml.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        t = time.monotonic()
        with pytest.raises(LockTimeout) as info:
            s.set_status("a", "done")
        assert 0.2 <= time.monotonic() - t < 2
        assert str(lock) in str(info.value) and info.value.path == lock
        assert isinstance(info.value, ProgressError)
        assert s.get("a").status == "done" and s.pending_changes == 1
        assert not path.exists()
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    s.retry_pending()
    assert s.pending_changes == 0
    assert make(path).get("a").status == "done"


def test_a_save_parses_the_file_only_when_someone_else_wrote_it(path: Path, monkeypatch) -> None:
    a = make(path)
    a.set_status("x", "done")
    calls = []
    real_decode = fileformat.decode
    monkeypatch.setattr(fileformat, "decode", lambda raw: (calls.append(1), real_decode(raw))[1])
    a.set_status("y", "done")
    a.set_note("y", "note")
    assert calls == []  # the file is the one a wrote: not parsed again
    b = make(path)
    b.set_status("z", "done")
    assert len(calls) == 1  # b's load
    a.set_status("w", "done")  # b wrote meanwhile: a re-reads it under the lock
    assert len(calls) == 2
    final = make(path)
    assert {t: e.status for t, e in final.topics().items()} == dict.fromkeys("xyzw", "done")


def test_change_polling(path: Path) -> None:
    a, b = make(path), make(path)
    assert a.disk_signature() is None and not a.changed_on_disk()
    a.set_status("x", "done")
    assert not a.changed_on_disk() and b.changed_on_disk()
    b.load()
    assert not b.changed_on_disk() and b.get("x").status == "done"
    assert a.disk_signature() == b.disk_signature()
