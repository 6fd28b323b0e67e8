"""Which files are used: --roadmap / --progress anywhere, the environment, and `where`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import ORDER, fails, ok, saved_status

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_roadmap_and_progress_from_the_environment(run, roadmap_file, progress_file, monkeypatch):
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(roadmap_file))
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    out, _ = ok(run("list", "--json"))
    assert [item["id"] for item in json.loads(out)] == ORDER
    ok(run("mark", "basics/http", "done"))
    assert saved_status(progress_file, "basics/http") == "done"


def test_options_after_the_command(run, roadmap_file, progress_file):
    ok(run("mark", "basics/dns", "skipped", "--roadmap", roadmap_file, "--progress", progress_file))
    assert saved_status(progress_file, "basics/dns") == "skipped"
    out, _ = ok(run("list", "--json", "--progress", progress_file, "--roadmap", roadmap_file))
    assert {i["id"]: i["status"] for i in json.loads(out)}["basics/dns"] == "skipped"


def test_options_split_around_the_command(run, roadmap_file, progress_file):
    ok(run("--roadmap", roadmap_file, "mark", "http", "done", "--progress", progress_file))
    assert saved_status(progress_file, "basics/http") == "done"
    out, _ = ok(run("--progress", progress_file, "status", "--json", "--roadmap", roadmap_file))
    assert json.loads(out)["done"] == 1


def test_options_override_the_environment(run, roadmap_file, progress_file, tmp_path, monkeypatch):
    env_progress = tmp_path / "env-progress.toml"
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(env_progress))
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(tmp_path / "missing-roadmap.toml"))
    ok(run("--roadmap", roadmap_file, "--progress", progress_file, "mark", "http", "done"))
    assert saved_status(progress_file, "basics/http") == "done"
    assert not env_progress.exists()
    ok(run("mark", "dns", "done", "--roadmap", roadmap_file, "--progress", progress_file))
    assert saved_status(progress_file, "basics/dns") == "done"
    assert not env_progress.exists()


def test_environment_progress_is_used_when_no_option(run, roadmap_file, tmp_path, monkeypatch):
    env_progress = tmp_path / "env-progress.toml"
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(env_progress))
    ok(run("--roadmap", roadmap_file, "mark", "http", "in-progress"))
    assert saved_status(env_progress, "basics/http") == "in-progress"


def test_missing_roadmap_file_is_a_clean_error(run, tmp_path, progress_file):
    missing = tmp_path / "nope.toml"
    err = fails(run("--roadmap", missing, "--progress", progress_file, "status"))
    assert str(missing) in err


def test_where(run, roadmap_file, progress_file, monkeypatch):
    out, _ = ok(run("where", "--roadmap", roadmap_file, "--progress", progress_file))
    assert f"roadmap:  {roadmap_file}" in out.splitlines()
    assert f"progress: {progress_file}" in out.splitlines()
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(roadmap_file))
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    out, _ = ok(run("where"))
    assert f"roadmap:  {roadmap_file}" in out.splitlines()
    assert f"progress: {progress_file}" in out.splitlines()
    assert not progress_file.exists()


def test_where_prints_every_file_of_the_readme_table(run, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("ROADMAP_TUI_CACHE", str(cache))
    progress = tmp_path / "p.toml"
    code, out, _ = run("where", "--progress", progress)
    assert code == 0
    lines = dict(line.split(":", 1) for line in out.splitlines())
    lines = {name: value.strip() for name, value in lines.items()}
    assert lines["progress"] == str(progress)
    assert lines["lock"] == f"{progress}.lock"
    assert lines["ui state"] == str(tmp_path / "p.ui-state.toml")
    assert lines["cache"] == str(cache)
    assert lines["roadmaps"].endswith("roadmap-tui/roadmaps")
    assert "roadmap" in lines
    # every row of the README's files table has its line
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Your files", 1)[1].split("\n\n", 2)[1]
    rows = [row.split("|")[1].strip() for row in table.splitlines()[2:]]
    names = {
        "parsed-roadmap cache": "cache",
        "progress lock": "lock",
        "roadmaps folder": "roadmaps",
        "view state": "ui state",
    }
    assert rows and all(names.get(row, row) in lines for row in rows), rows
