"""How ProgressStore saves: killed mid-save, temp files, failed writes, permissions, symlinks."""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from roadmap_tui.storage.progress import ProgressError, TopicProgress
from tests.progress_helpers import T0, child_env, make, temp_files

CRASHER = textwrap.dedent("""
    import sys
    from roadmap_tui.storage.progress import ProgressStore
    s = ProgressStore(sys.argv[1], "backend", lock_timeout=60)
    s.load()
    i = int(s.get("counter").note or 0)
    print("ready", flush=True)
    while True:
        i += 1
        s.set_note("counter", str(i))
""")


def test_killed_mid_save_leaves_old_or_new_file(path: Path) -> None:
    s = make(path)
    filler = {f"t{i:04d}": f"filler note {i}\n" + "x" * 300 for i in range(600)}
    started = time.monotonic()
    s.merge_from({k: TopicProgress("done", v, changed=T0) for k, v in filler.items()})
    # kill within a few saves' time: on a slow or busy machine a save takes longer, and the
    # child must still finish some of them for the counter to move
    window = max(0.05, 3 * (time.monotonic() - started))
    rng = random.Random(1234)
    last = 0
    saw_temp = 0
    for _ in range(30):
        child = subprocess.Popen(
            [sys.executable, "-c", CRASHER, str(path)],
            env=child_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, window))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        saw_temp += bool(temp_files(path.parent))
        after = make(path)  # parses: never torn
        counter = int(after.get("counter").note or 0)
        assert counter >= last
        last = counter
        assert {k: e.note for k, e in after.topics().items() if k != "counter"} == filler
    assert last > 0
    s.set_status("done-at-the-end", "done")  # the next save removes stale temp files
    assert temp_files(path.parent) == []
    print(f"kills leaving a temp file: {saw_temp}/30, last counter {last}, window {window:.3f} s")


def test_stale_temp_files_are_removed_but_not_others(path: Path) -> None:
    s = make(path)
    stale = path.parent / ".progress.toml.0123456789abcdef.tmp"
    stale.write_text("half a file")
    other = path.parent / ".other.toml.0123456789abcdef.tmp"
    other.write_text("not ours")
    s.set_status("a", "done")
    assert not stale.exists() and other.exists()


def test_failed_write_keeps_the_change_for_the_next_save(path: Path, monkeypatch) -> None:
    s = make(path)
    s.set_status("first", "done")
    before = path.read_bytes()

    def no_space(*a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(os, "replace", no_space)
        with pytest.raises(ProgressError) as info:
            s.set_note("a", "precious")
        assert "No space left" in str(info.value) and str(path) in str(info.value)
        with pytest.raises(ProgressError):
            s.set_status("b", "in-progress")
    assert s.get("a").note == "precious" and s.pending_changes == 2
    assert path.read_bytes() == before
    assert temp_files(path.parent) == []
    s.set_status("c", "skipped")  # the next successful save writes everything
    fresh = make(path)
    assert fresh.get("a").note == "precious"
    assert fresh.get("b").status == "in-progress" and fresh.get("c").status == "skipped"
    assert s.pending_changes == 0


def test_failed_fsync_also_reported(path: Path, monkeypatch) -> None:
    s = make(path)
    with monkeypatch.context() as m:
        m.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
        with pytest.raises(ProgressError, match="I/O error"):
            s.set_status("a", "done")
    assert not path.exists() and temp_files(path.parent) == []
    s.retry_pending()
    assert make(path).get("a").status == "done"


def test_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "progress.toml"
    s = make(path)
    s.set_status("a", "done")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.with_name("progress.toml.lock").stat().st_mode) == 0o600


def test_symlinked_file_is_written_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "progress.toml"
    real.parent.mkdir()
    link = tmp_path / "progress.toml"
    link.symlink_to(real)
    s = make(link)
    s.set_status("a", "done")
    assert link.is_symlink() and make(real).get("a").status == "done"
    assert (real.parent / "progress.toml.lock").exists()
