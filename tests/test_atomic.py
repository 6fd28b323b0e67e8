"""storage.atomic: the one way roadmap-tui writes a file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from roadmap_tui.storage.atomic import atomic_write, fsync_dir, remove_temp_files
from roadmap_tui.storage.uistate import ViewState, load_state, save_state


def names(d: Path) -> list[str]:
    return sorted(os.listdir(d))


def test_writes_the_bytes_with_mode_0600(tmp_path: Path) -> None:
    target = tmp_path / "file.toml"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert names(tmp_path) == ["file.toml"]


def test_other_modes_are_honoured(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    atomic_write(target, b"x", mode=0o644)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_missing_directory_is_created_0700(tmp_path: Path) -> None:
    target = tmp_path / "new" / "file.toml"
    atomic_write(target, b"x")
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert target.read_bytes() == b"x"


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failed_write_leaves_the_target_and_no_temp_file(
    tmp_path: Path, monkeypatch, failing: str
) -> None:
    target = tmp_path / "file.toml"
    target.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, b"new" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert names(tmp_path) == ["file.toml"]


def test_an_interrupted_write_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "file.toml"

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    monkeypatch.undo()
    assert names(tmp_path) == []


def test_remove_temp_files_removes_only_the_targets_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "progress.toml"
    leftovers = [".progress.toml.0123456789abcdef.tmp", ".progress.toml.ab_c12xy.tmp"]
    kept = [".other.toml.abc12345.tmp", "progress.toml", ".progress.toml.lock", "x.tmp"]
    for name in leftovers + kept:
        (tmp_path / name).write_text("x")
    remove_temp_files(target)
    assert names(tmp_path) == sorted(kept)


def test_fsync_dir_of_a_missing_directory_is_a_no_op(tmp_path: Path) -> None:
    fsync_dir(tmp_path / "missing")
    fsync_dir(tmp_path)


def test_view_state_is_written_atomically_and_keeps_other_roadmaps(tmp_path: Path) -> None:
    path = tmp_path / "state" / "ui.toml"
    save_state(path, "a", ViewState(theme="dark", cursor="x/y", expanded=["x", "x"]))
    save_state(path, "b", ViewState(theme="light", cursor="z"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert names(path.parent) == ["ui.toml"]
    a = load_state(path, "a")
    assert (a.theme, a.cursor, a.expanded) == ("light", "x/y", ["x"])
    assert load_state(path, "b").cursor == "z"


def test_view_state_write_errors_are_ignored(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "ui.toml"
    path.write_text('theme = "dark"\n')

    def fail(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", fail)
    save_state(path, "a", ViewState(theme="light"))
    monkeypatch.undo()
    assert path.read_text() == 'theme = "dark"\n'
    assert names(tmp_path) == ["ui.toml"]
