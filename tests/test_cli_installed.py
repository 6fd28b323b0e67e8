"""The installed command as a real process: exit codes, closed pipes, arguments not UTF-8."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_tui import __version__
from tests.cli_helpers import CORRUPT, saved_status

pytestmark = pytest.mark.usefixtures("isolated_env")


def _command() -> str:
    exe = Path(sys.executable).with_name("roadmap-tui")
    if exe.exists():
        return str(exe)
    found = shutil.which("roadmap-tui")
    if not found:
        pytest.skip("the roadmap-tui command is not installed")
    return found


def _sub(*args, stdin: bytes | None = None, **kw) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [_command(), *args], input=stdin, capture_output=True, timeout=60, check=False, **kw
    )


def test_installed_command_status_json_on_the_bundled_roadmap(progress_file, monkeypatch):
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    result = _sub("status", "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["total"] > 50
    assert data["done"] == 0 and data["percent"] == 0
    assert data["sections"] and {"id", "title", "total"} <= set(data["sections"][0])
    assert not progress_file.exists()


def test_installed_command_round_trip(roadmap_file, progress_file):
    result = _sub("mark", "http", "done", "--roadmap", roadmap_file, "--progress", progress_file)
    assert result.returncode == 0, result.stderr.decode()
    assert saved_status(progress_file, "basics/http") == "done"
    result = _sub("--roadmap", roadmap_file, "--progress", progress_file, "list", "--json")
    assert {i["id"]: i["status"] for i in json.loads(result.stdout)}["basics/http"] == "done"


def test_installed_command_usage_error(progress_file):
    result = _sub("mark", "--progress", progress_file)
    assert result.returncode == 2
    assert b"usage: roadmap-tui mark" in result.stderr
    assert b"Traceback" not in result.stderr
    result = _sub("--progress", progress_file, "frobnicate")
    assert result.returncode == 2
    assert not progress_file.exists()


def test_installed_command_corrupt_progress(roadmap_file, progress_file):
    content, line = CORRUPT["toml syntax"]
    progress_file.write_bytes(content)
    result = _sub("--roadmap", roadmap_file, "--progress", progress_file, "mark", "http", "done")
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert f"{progress_file}:{line}".encode() in result.stderr
    assert progress_file.read_bytes() == content


def test_python_dash_m(progress_file, monkeypatch):
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", "--version"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.decode().splitlines()[0] == f"roadmap-tui {__version__}"


@pytest.mark.parametrize(
    "args", [("list",), ("status",), ("show", "basics/http"), ("next",), ("list", "--json")]
)
def test_closed_pipe_is_not_an_error(roadmap_file, progress_file, args):
    """`roadmap-tui list | head -1`: the reader going away is not a failure."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE
    try:
        result = subprocess.run(
            [_command(), "--roadmap", roadmap_file, "--progress", progress_file, *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr.decode()


def test_note_argument_that_is_not_utf8_is_a_clean_error(roadmap_file, progress_file):
    # what `roadmap-tui note http $'\x9b'` passes in a shell: a lone byte, not UTF-8
    args = [os.fsencode(a) for a in ("--roadmap", roadmap_file, "--progress", progress_file)]
    result = _sub(*args, b"note", b"http", b"abc \x9b2J def")
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode in (0, 1)
    if result.returncode == 1:
        assert not progress_file.exists()
        assert len(result.stderr.strip().splitlines()) == 1


def test_note_from_stdin_that_is_not_utf8_is_a_clean_error(roadmap_file, progress_file):
    result = _sub(
        "--roadmap", roadmap_file, "--progress", progress_file, "note", "http", stdin=b"a\xffb\n"
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode in (0, 1)
    if result.returncode == 1:
        assert not progress_file.exists()
