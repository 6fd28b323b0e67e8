"""The save worker gives the same file as saving directly, in order, and retries failures."""

from __future__ import annotations

import errno
import os
import threading
from datetime import UTC, datetime

from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.storage.saver import Saver

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def changes():
    for n in range(40):
        tid = f"s/t{n % 7}"
        yield ("status", tid, ("done", "in-progress", "skipped", "todo")[n % 4])
        if n % 3 == 0:
            yield ("note", tid, f"note {n}\nline two")


def apply(store, change):
    kind, tid, value = change
    if kind == "status":
        store.set_status(tid, value)
    else:
        store.set_note(tid, value)


def test_saver_writes_the_same_file_as_direct_saves(tmp_path):
    direct = ProgressStore(tmp_path / "direct.toml", "r", clock=lambda: NOW)
    direct.load()
    for change in changes():
        apply(direct, change)

    worked = ProgressStore(tmp_path / "worker.toml", "r", clock=lambda: NOW)
    worked.load()
    results = []
    saver = Saver(worked, results.append)
    for change in changes():
        saver.submit("change", lambda store, c=change: apply(store, c))
    assert saver.close(timeout=10)
    assert all(r.ok for r in results)
    assert [r.pending for r in results][-1] == 0
    assert (tmp_path / "worker.toml").read_bytes() == (tmp_path / "direct.toml").read_bytes()


def test_saver_keeps_order_and_retries_after_a_failure(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "p.toml", "r", clock=lambda: NOW)
    store.load()
    real_replace = os.replace
    broken = threading.Event()
    broken.set()

    def replace(src, dst):
        if broken.is_set():
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    results = []
    saver = Saver(store, results.append, retry_interval=0.05)
    saver.submit("first", lambda s: s.set_status("s/a", "done"))
    saver.submit("second", lambda s: s.set_note("s/a", "kept"))
    assert not saver.flush(timeout=0.3)  # still failing
    assert any(not r.ok and "No space left" in r.error for r in results)
    broken.clear()
    assert saver.flush(timeout=5)
    assert saver.close()
    fresh = ProgressStore(tmp_path / "p.toml", "r")
    fresh.load()
    assert fresh.get("s/a").status == "done"
    assert fresh.get("s/a").note == "kept"
    assert [r.label for r in results if r.ok] == ["first", "second"]
