"""A broken progress file: a one-line error from every command that reads it, file untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import CORRUPT, fails, ok, prepare_args

pytestmark = pytest.mark.usefixtures("isolated_env")


COMMANDS_THAT_READ_PROGRESS = [
    ("status",),
    ("status", "--json"),
    ("list",),
    ("list", "--json"),
    ("list", "--status", "done"),
    ("show", "http"),
    ("next",),
    ("mark", "http", "done"),
    ("mark", "http", "skipped", "--recursive"),
    ("note", "http", "hello"),
    ("note", "http", "<stdin>"),
    ("reset", "http"),
    ("reset", "--all", "--yes"),
    ("reset", "--all"),
    ("export",),
    ("export", "--format", "json"),
    ("export", "--output", "<out>"),
    ("import", "<export>"),
]


def _listing(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(directory.rglob("*"))
    }


@pytest.mark.parametrize("kind", list(CORRUPT))
@pytest.mark.parametrize("args", COMMANDS_THAT_READ_PROGRESS, ids=" ".join)
def test_corrupt_progress_file_is_a_clean_error_and_untouched(
    cli, progress_file, tmp_path, kind, args
):
    content, line = CORRUPT[kind]
    progress_file.write_bytes(content)
    real, stdin = prepare_args(args, tmp_path)
    files_before = _listing(tmp_path)
    stat_before = progress_file.stat()
    code, out, err = cli(*real, input=stdin)
    assert code == 1, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err and "Traceback" not in out
    assert out == ""
    first = err.strip().splitlines()[0]
    assert first.startswith("roadmap-tui: ")
    assert f"{progress_file}:{line}" in first
    assert progress_file.read_bytes() == content
    assert progress_file.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert _listing(tmp_path) == files_before  # no lock, temp, moved-aside or output file


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_corrupt_progress_message_is_one_line(cli, progress_file, kind):
    content, line = CORRUPT[kind]
    progress_file.write_bytes(content)
    err = fails(cli("status"))
    assert len(err.strip().splitlines()) == 1, err
    assert f"{progress_file}:{line}" in err


def test_corrupt_progress_named_by_the_environment(run, roadmap_file, progress_file, monkeypatch):
    content, line = CORRUPT["wrong shape"]
    progress_file.write_bytes(content)
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(roadmap_file))
    for args in (("status",), ("mark", "dns", "done"), ("export",)):
        err = fails(run(*args))
        assert f"{progress_file}:{line}" in err
    assert progress_file.read_bytes() == content


def test_commands_that_do_not_read_progress_still_work(run, roadmap_file, progress_file):
    content, _ = CORRUPT["toml syntax"]
    progress_file.write_bytes(content)
    ok(run("--roadmap", roadmap_file, "--progress", progress_file, "validate"))
    ok(run("--roadmap", roadmap_file, "--progress", progress_file, "where"))
    assert progress_file.read_bytes() == content


def test_progress_from_a_newer_version_is_read_but_not_written(cli, progress_file):
    content = (
        b'schema = 2\n\n[roadmaps.mini.topics."basics/http"]\nstatus = "done"\n'
        b"changed = 2026-01-01T00:00:00Z\n"
    )
    progress_file.write_bytes(content)
    data = json.loads(ok(cli("status", "--json"))[0])
    assert data["done"] == 1
    err = fails(cli("mark", "dns", "done"))
    assert str(progress_file) in err
    assert "newer" in err
    assert progress_file.read_bytes() == content
