"""The command line is read the same whatever comes before the command: the global options in
full, with ``=``, abbreviated, a value that is the name of a command, or no command at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import saved_status

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
