"""ProgressStore and files it must not overwrite: corrupt, not UTF-8, or from a newer version."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tui.storage.progress import ProgressError, ProgressStore
from tests.progress_helpers import Clock, make, temp_files


@pytest.mark.parametrize(
    "text",
    [
        'schema = 1\n\n[roadmaps.b.topics.a]\nstatus = "done"\n\n[roadmaps.b.topics.a]\n'
        'status = "done"\n',
        'schema = 1\n\n[roadmaps.b.topics.a]\nstatus = "done"\n\n[roadmaps."b".topics."a"]\n'
        'status = "todo"\n',
        'schema = 1\n\n[roadmaps.b.activity]\n"2026-01-01" = 1\n\n[roadmaps.b.activity]\n',
        'schema = 1\n\n[roadmaps.b.activity]\n"2026-01-01" = 1\n"2026-01-01" = 2\n',
    ],
)
def test_duplicates_are_errors(path: Path, text: str) -> None:
    path.write_text(text)
    with pytest.raises(ProgressError, match="not valid TOML"):
        make(path)


CORRUPT = [
    ('schema = 1\n\n[roadmaps.backend.topics.a]\nstatus = "done\n', 4, "not valid TOML"),
    ("schema = 1\n[roadmaps.b.topics.a]\nstatus = 1\n[roadmaps.b.topics.a]\n", 4, "TOML"),
    ('schema = 1\n\n[roadmaps.backend.topics."x/y"]\nstatus = "finished"\n', 4, "status"),
    ('[roadmaps.backend.topics.a]\nstatus = "done"\nnote = 3\n', 3, "note must be a string"),
    ("[roadmaps.backend.topics.a]\nstarted = 2026-11-20\n", 2, "started must be a date-time"),
    ('[roadmaps.backend.topics.a]\nchanged = "yesterday"\n', 2, "changed"),
    ('schema = "1"\n', 1, "schema must be a positive integer"),
    ("schema = 0\n", 1, "schema"),
    ("schema = 1\nroadmaps = 3\n", 2, "roadmaps must be a table"),
    ("[roadmaps]\nbackend = [1, 2]\n", 2, "roadmaps.backend must be a table"),
    ("[roadmaps.backend]\ntopics = 5\n", 2, "topics must be a table"),
    ("[roadmaps.backend.topics]\na = 5\n", 2, "roadmaps.backend.topics.a must be a table"),
    ('[roadmaps.backend.activity]\n"2026-11-25" = "3"\n', 2, "activity"),
    ('[roadmaps.backend.activity]\n"2026-11-25" = -1\n', 2, "activity"),
    ('[roadmaps.other.topics.a]\nstatus = "bad"\n', 2, "roadmaps.other.topics.a.status"),
]


@pytest.mark.parametrize(("content", "line", "words"), CORRUPT)
def test_corrupt_files_are_reported_and_never_touched(
    path: Path, content: str, line: int, words: str
) -> None:
    raw = content.encode()
    path.write_bytes(raw)
    s = ProgressStore(path, "backend", clock=Clock())
    with pytest.raises(ProgressError) as info:
        s.load()
    err = info.value
    assert words in str(err) and str(path) in str(err)
    assert (err.path, err.line) == (path, line) and err.column is not None
    assert f"{path}:{line}:{err.column}: " in str(err) and "\n" not in str(err)
    assert "mv " in err.hint and "corrupt-20261125T091200" in err.hint
    assert "start fresh" in err.hint
    with pytest.raises(ProgressError):
        s.set_status("a", "done")
    assert path.read_bytes() == raw
    assert temp_files(path.parent) == []
    # moving it aside keeps the bytes and lets us start fresh
    moved = s.move_aside()
    assert moved.name == "progress.toml.corrupt-20261125T091200"
    assert moved.read_bytes() == raw and not path.exists()
    assert s.get("a").status == "todo"  # a change refused because the file was unreadable
    s.set_note("a", "fresh")
    assert make(path).get("a").note == "fresh"


def test_invalid_utf8_is_reported_with_position(path: Path) -> None:
    raw = b'schema = 1\n\n[roadmaps.b.topics.a]\nnote = "caf\xe9"\n'
    path.write_bytes(raw)
    with pytest.raises(ProgressError) as info:
        make(path)
    assert (info.value.line, info.value.column) == (4, 12) and "UTF-8" in str(info.value)
    assert path.read_bytes() == raw


def test_file_corrupted_by_someone_else_before_our_save(path: Path) -> None:
    s = make(path)
    s.set_status("a", "done")
    path.write_text("this is = not [toml")
    with pytest.raises(ProgressError, match="not valid TOML"):
        s.set_status("b", "done")
    assert path.read_text() == "this is = not [toml"
    assert s.get("b").status == "done" and s.pending_changes == 1


def test_newer_schema_is_read_but_never_written(path: Path) -> None:
    raw = (
        b'schema = 2\nfuture = true\n\n[roadmaps.backend.topics.a]\nstatus = "done"\n'
        b"\n[roadmaps.backend.topics.b]\nstatus = 42\n"
    )
    path.write_bytes(raw)
    s = make(path)
    assert s.read_only and s.get("a").status == "done"
    assert "b" not in s.topics()  # shapes we do not understand are skipped when reading
    with pytest.raises(ProgressError, match="newer version") as info:
        s.set_status("a", "todo")
    assert "upgrade" in info.value.hint
    with pytest.raises(ProgressError, match="newer version"):
        s.set_note("c", "x")
    assert path.read_bytes() == raw
    assert s.get("a").status == "done" and s.pending_changes == 0


def test_newer_schema_written_by_another_process_meanwhile(path: Path) -> None:
    s = make(path)
    s.set_status("a", "done")
    newer = b'schema = 3\n[roadmaps.backend.topics.a]\nstatus = "done"\n'
    path.write_bytes(newer)
    with pytest.raises(ProgressError, match="newer version"):
        s.set_status("b", "done")
    assert path.read_bytes() == newer and s.read_only and s.pending_changes == 1


def test_move_aside_without_a_file(path: Path) -> None:
    with pytest.raises(ProgressError, match="no such file"):
        make(path).move_aside()
