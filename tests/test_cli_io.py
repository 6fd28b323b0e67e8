"""The plain commands with broken standard streams, run as real processes: a closed stdin or
stdout, a full device, an output encoding that cannot show the text. Each gets a one-line
message on stderr (where stderr works) and a non-zero exit code, never a traceback."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("isolated_env")


def _sh(roadmap: Path, progress: Path, command: str, env: dict[str, str] | None = None):
    """Run ``roadmap-tui --roadmap R --progress P <command>`` through sh (for redirections)."""
    base = shlex.join(
        [
            sys.executable,
            "-m",
            "roadmap_tui",
            "--roadmap",
            str(roadmap),
            "--progress",
            str(progress),
        ]
    )
    import os

    return subprocess.run(
        ["sh", "-c", f"{base} {command}"],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def _one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("roadmap-tui: ")
    return lines[0]


def test_note_with_stdin_closed(roadmap_file, progress_file):
    line = _one_line_failure(_sh(roadmap_file, progress_file, "note basics/dns 0<&-"))
    assert "standard input" in line
    assert not progress_file.exists()


def test_reset_all_with_stdin_closed(roadmap_file, progress_file):
    _one_line_failure(_sh(roadmap_file, progress_file, "reset --all 0<&-"))


@pytest.mark.parametrize("command", ["export", "status", "list --json", "show basics/dns"])
def test_stdout_closed(roadmap_file, progress_file, command):
    line = _one_line_failure(_sh(roadmap_file, progress_file, f"{command} >&-"))
    assert "standard output" in line


@pytest.mark.parametrize("command", ["export", "status", "list --json", "show basics/dns"])
def test_stdout_on_a_full_device(roadmap_file, progress_file, command):
    line = _one_line_failure(_sh(roadmap_file, progress_file, f"{command} > /dev/full"))
    assert "standard output" in line and "No space left" in line


def test_stdout_and_stderr_closed(roadmap_file, progress_file):
    result = _sh(roadmap_file, progress_file, "status >&- 2>&-")
    assert result.returncode != 0


@pytest.mark.parametrize("command", ["show basics/dns", "list", "status", "export"])
def test_output_encoding_that_cannot_show_the_text(roadmap_file, progress_file, command):
    ok = _sh(roadmap_file, progress_file, "note basics/dns 'héllo ✓'")
    assert ok.returncode == 0, ok.stderr
    line = _one_line_failure(
        _sh(roadmap_file, progress_file, command, env={"PYTHONIOENCODING": "ascii"})
    )
    assert "PYTHONIOENCODING=utf-8" in line


def test_the_app_on_a_pipe_says_it_needs_a_terminal(roadmap_file, progress_file):
    """`roadmap-tui | head` must not start the app on a pipe (where it would run, unseen, until
    killed): one line that says what to do, exit 1, nothing written."""
    try:
        result = _sh(roadmap_file, progress_file, "< /dev/null | cat")
    except subprocess.TimeoutExpired:
        pytest.fail("the app started on a pipe and never ended")
    line = _one_line_failure_of_pipeline(result)
    assert "terminal" in line and "status" in line
    assert not progress_file.exists()


def _one_line_failure_of_pipeline(result: subprocess.CompletedProcess[str]) -> str:
    # `sh -c "a | cat"` exits with cat's code: the message on stderr is what tells
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("roadmap-tui: ")
    assert result.stdout == ""
    return lines[0]
