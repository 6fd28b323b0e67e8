"""Which roadmap a command and the app use: one rule for both (--roadmap, then
$ROADMAP_TUI_ROADMAP, then the roadmap last opened in the app, then the bundled one)."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from roadmap_tui.storage import paths

pytestmark = pytest.mark.usefixtures("isolated_env")


def remember(progress_file: Path, roadmap: Path | str) -> None:
    """What the app writes when the user switches to ``roadmap`` and quits."""
    state = paths.state_path(progress_file)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(tomli_w.dumps({"last_roadmap": str(roadmap)}), encoding="utf-8")


def test_commands_use_the_roadmap_last_opened_in_the_app(run, roadmap_file, progress_file):
    remember(progress_file, roadmap_file)
    code, out, err = run("--progress", progress_file, "status")
    assert code == 0, err
    assert "Mini roadmap" in out  # the tiny roadmap, not "Backend Developer"
    code, out, _ = run("--progress", progress_file, "mark", "dns", "done")
    assert code == 0
    code, out, _ = run("--progress", progress_file, "where")
    assert f"roadmap:  {roadmap_file}" in out


def test_an_explicit_roadmap_still_wins(run, roadmap_file, progress_file):
    remember(progress_file, roadmap_file)
    code, out, _ = run("--progress", progress_file, "--roadmap", "backend", "status")
    assert code == 0 and "Backend Developer" in out


def test_a_vanished_last_roadmap_is_said_and_the_bundled_one_used(run, tmp_path, progress_file):
    gone = tmp_path / "gone.toml"
    remember(progress_file, gone)
    code, out, err = run("--progress", progress_file, "status")
    assert code == 0
    assert "Backend Developer" in out
    assert f"the roadmap last opened in the app, {gone}, no longer exists" in err
    assert "using the bundled roadmap" in err


def test_an_unknown_roadmap_name_lists_the_known_ids(run, progress_file):
    code, out, err = run("--progress", progress_file, "--roadmap", "nosuch", "status")
    assert code == 1 and out == ""
    assert "no roadmap 'nosuch'" in err
    assert "known roadmaps: backend" in err
    assert "validate" not in err


def test_a_missing_roadmap_file_says_so_without_suggesting_validate(run, tmp_path, progress_file):
    missing = tmp_path / "missing.toml"
    code, _, err = run("--progress", progress_file, "--roadmap", missing, "status")
    assert code == 1
    assert f"{missing}: no such file" in err
    assert "validate" not in err


def test_a_last_roadmap_that_no_longer_validates_is_said(run, tmp_path, progress_file):
    broken = tmp_path / "broken.toml"
    broken.write_text('[roadmap]\nid = "x"\n', encoding="utf-8")
    remember(progress_file, broken)
    code, out, err = run("--progress", progress_file, "status")
    assert code == 0 and "Backend Developer" in out
    assert f"the roadmap last opened in the app, {broken}, has problems" in err
