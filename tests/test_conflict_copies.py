"""Finding the sync-conflict copies of the progress file."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui.storage.conflicts import conflict_copies, is_conflict_copy

COPIES = (
    "progress.sync-conflict-20261201-123456-ABCDEFG.toml",
    "progress (conflicted copy 2026-12-01).toml",
    "progress (Anna's conflicted copy 2026-12-01).toml",
    "progress (conflicted copy 2026-12-01 123456).toml",
    "progress_conflict-20261201-123456.toml",
)
NOT_COPIES = (
    "progress.toml",
    "progress.toml.corrupt-20261201T120000",
    "progress.toml.lock",
    "other.sync-conflict-20261201-123456-ABCDEFG.toml",
    "progress (1).toml",
    "progress.sync-conflict-20261201-123456-ABCDEFG.json",
    "ui-state.toml",
)


def test_the_copies_of_syncthing_dropbox_nextcloud_and_owncloud_are_found(tmp_path: Path):
    progress = tmp_path / "progress.toml"
    progress.write_text("schema = 1\n")
    for name in COPIES + NOT_COPIES[1:]:
        (tmp_path / name).write_text("schema = 1\n")
    (tmp_path / "progress_conflict-20261202-000000.toml").mkdir()  # a directory is no copy
    assert [p.name for p in conflict_copies(progress)] == sorted(COPIES)
    assert all(is_conflict_copy(tmp_path / name, progress) for name in COPIES)
    assert not any(is_conflict_copy(tmp_path / name, progress) for name in NOT_COPIES)


def test_a_copy_elsewhere_or_no_directory_is_nothing(tmp_path: Path):
    elsewhere = tmp_path / "sub"
    elsewhere.mkdir()
    copy = elsewhere / COPIES[0]
    copy.write_text("")
    assert not is_conflict_copy(copy, tmp_path / "progress.toml")
    assert conflict_copies(tmp_path / "missing" / "progress.toml") == []


def test_a_progress_file_of_another_name_has_copies_of_that_name(tmp_path: Path):
    progress = tmp_path / "my [odd] progress.toml"
    (tmp_path / "my [odd] progress.sync-conflict-20261201-123456-XYZ1234.toml").write_text("")
    (tmp_path / COPIES[0]).write_text("")
    assert [p.name for p in conflict_copies(progress)] == [
        "my [odd] progress.sync-conflict-20261201-123456-XYZ1234.toml"
    ]
