"""Reading the command line: --version, --help, usage errors (exit 2), status aliases, and the
global options read the same whatever their spelling or place before the command."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tui import __version__
from tests.cli_helpers import fails, ok, saved_status

pytestmark = pytest.mark.usefixtures("isolated_env")


@pytest.mark.parametrize(
    "before",
    [
        ["--roadmap", "{roadmap}", "--progress", "{progress}"],
        ["--roadmap={roadmap}", "--progress={progress}"],
        ["--road", "{roadmap}", "--prog", "{progress}"],  # argparse's abbreviations
    ],
    ids=["spaced", "equals", "abbreviated"],
)
def test_the_global_options_before_the_command_in_any_spelling(
    run, roadmap_file: Path, progress_file: Path, before: list[str]
):
    args = [a.format(roadmap=roadmap_file, progress=progress_file) for a in before]
    code, _, err = run(*args, "mark", "apis/rest", "done")
    assert (code, err) == (0, "")
    assert saved_status(progress_file, "apis/rest") == "done"


def test_an_option_value_named_like_a_command_is_a_value(
    run, roadmap_file: Path, tmp_path: Path, monkeypatch
):
    # "status" is the name of the progress file here, and `mark` the command
    monkeypatch.chdir(tmp_path)
    code, _, err = run(
        "--roadmap", roadmap_file, "--progress", "status", "mark", "apis/rest", "done"
    )
    assert (code, err) == (0, "")
    assert saved_status(tmp_path / "status", "apis/rest") == "done"


def test_a_mistyped_command_lists_every_command(run):
    code, _, err = run("stauts")
    assert code == 2
    assert "invalid choice: 'stauts'" in err
    for name in ("status", "list", "show", "mark", "next", "roadmaps"):
        assert f"'{name}'" in err


def test_help_lists_every_command_and_a_command_help_its_options(run):
    code, out, _ = run("--help")
    assert code == 0
    for name in ("validate", "status", "list", "show", "mark", "review", "export", "share"):
        assert name in out
    code, out, _ = run("--progress", "p.toml", "list", "--help")
    assert code == 0
    assert "usage: roadmap-tui list" in out and "--has-note" in out


def test_version(run):
    out, _ = ok(run("--version"))
    assert out.splitlines()[0] == f"roadmap-tui {__version__}"


def test_help_lists_every_command(run):
    out, _ = ok(run("--help"))
    assert "usage: roadmap-tui" in out
    for command in (
        "validate",
        "where",
        "status",
        "list",
        "show",
        "mark",
        "note",
        "reset",
        "next",
        "export",
        "import",
    ):
        assert command in out
    assert "--roadmap" in out and "--progress" in out


def test_command_help(run):
    out, _ = ok(run("mark", "--help"))
    assert "usage: roadmap-tui mark" in out
    assert "--recursive" in out


@pytest.mark.parametrize(
    "args",
    [
        ("frobnicate",),
        ("--bogus", "status"),
        ("status", "--bogus"),
        ("show",),
        ("mark", "http"),
        ("note",),
        ("reset",),
        ("reset", "http", "--all"),
        ("list", "--status", "finished"),
        ("export", "--format", "pdf"),
        ("import",),
    ],
)
def test_usage_errors_exit_2(cli, progress_file, args):
    err = fails(cli(*args), code=2)
    assert "usage: roadmap-tui" in err
    assert not progress_file.exists()


def test_bad_status_is_a_usage_error_and_saves_nothing(cli, progress_file):
    err = fails(cli("mark", "http", "finished"), code=2)
    assert "invalid status 'finished'" in err
    for status in ("todo", "in-progress", "done", "skipped"):
        assert status in err
    assert not progress_file.exists()


def test_status_aliases_are_accepted(cli, progress_file):
    ok(cli("mark", "http", "doing"))
    assert saved_status(progress_file, "basics/http") == "in-progress"
    ok(cli("mark", "http", "skip"))
    assert saved_status(progress_file, "basics/http") == "skipped"
    ok(cli("mark", "http", "In_Progress"))
    assert saved_status(progress_file, "basics/http") == "in-progress"
