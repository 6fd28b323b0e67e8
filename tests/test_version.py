"""`roadmap-tui --version`: the version and where the data lives, without loading a roadmap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from roadmap_tui import __version__


def test_version_says_where_the_progress_file_and_the_config_are(run, isolated_env):
    code, out, err = run("--version")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"roadmap-tui {__version__}"
    # isolated_env points the XDG dirs into the test's home
    assert f"progress: {isolated_env / '.local/share/roadmap-tui/progress.toml'}" in lines
    assert f"config:   {isolated_env / '.config/roadmap-tui/config.toml'}" in lines
    assert "roadmap-tui where" in out


def test_version_follows_the_progress_option_and_variable(run, tmp_path, monkeypatch):
    mine = tmp_path / "mine.toml"
    code, out, _ = run("--progress", mine, "--version")
    assert code == 0 and f"progress: {mine}" in out.splitlines()
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(tmp_path / "env.toml"))
    code, out, _ = run("--version")
    assert code == 0 and f"progress: {tmp_path / 'env.toml'}" in out.splitlines()


def test_version_works_with_a_broken_roadmap_and_progress_file(run, tmp_path, monkeypatch):
    # it reads neither: a user whose files are broken can still say which version they run
    roadmap = tmp_path / "broken-roadmap.toml"
    roadmap.write_text("[roadmap\n", encoding="utf-8")
    progress = tmp_path / "broken-progress.toml"
    progress.write_bytes(b"schema = = 1\n")
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(roadmap))
    code, out, err = run("--progress", progress, "--version")
    assert code == 0, err
    assert err == ""
    assert out.splitlines()[0] == f"roadmap-tui {__version__}"
    assert progress.read_bytes() == b"schema = = 1\n"


def test_version_loads_no_roadmap_and_imports_no_ui(isolated_env, tmp_path):
    probe = (
        "import sys; from roadmap_tui.cli import main; code = main(['--version']);"
        "heavy = [m for m in ('roadmap_tui.core.loader', 'roadmap_tui.storage.catalog',"
        " 'roadmap_tui.storage.progress', 'rich', 'textual', 'tomli') if m in sys.modules];"
        "print('loaded:', heavy); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )
    assert result.returncode == 0, result.stderr
    assert "loaded: []" in result.stdout
