"""The insight commands: stats, share, roadmaps, and --roadmap given as a roadmap id."""

from __future__ import annotations

import json
from datetime import date

import pytest

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_stats_json_with_no_history(run, roadmap_file, progress_file):
    code, out, _ = run("stats", "--json", "--roadmap", roadmap_file, "--progress", progress_file)
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 7 and data["done"] == 0 and data["percent"] == 0
    assert data["has_history"] is False
    assert data["streak"] == {"current": 0, "longest": 0}
    assert data["forecast"]["all_finish"] is None
    assert len(data["weekly_completed"]) == 8


def test_stats_after_marking_today(run, roadmap_file, progress_file):
    common = ("--roadmap", roadmap_file, "--progress", progress_file)
    assert run("mark", "basics/http", "done", *common)[0] == 0
    code, out, _ = run("stats", "--json", *common)
    data = json.loads(out)
    today = date.today().isoformat()
    assert data["activity"] == {today: 1}
    assert data["streak"] == {"current": 1, "longest": 1}
    assert data["weekly_completed"][-1]["completed"] == 1
    assert data["has_history"] is True
    assert data["forecast"]["all_finish"] is not None
    code, out, _ = run("stats", *common)
    assert code == 0
    assert "Activity, last 26 weeks" in out
    assert "Streak: 1 day now, longest 1." in out
    assert "Pace: " in out


def test_stats_text_without_history_says_so(run, roadmap_file, progress_file):
    code, out, _ = run("stats", "--roadmap", roadmap_file, "--progress", progress_file)
    assert code == 0
    assert "No history yet" in out


def test_share_card(run, roadmap_file, progress_file):
    common = ("--roadmap", roadmap_file, "--progress", progress_file)
    run("mark", "basics/http", "done", *common)
    code, out, _ = run("share", *common)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Mini roadmap"
    assert "14% · 1 done" in lines[1]
    assert "streak 1 day" in lines[1]
    code, md, _ = run("share", "--markdown", *common)
    assert md.startswith("### Mini roadmap\n")
    assert "```text" in md


def test_roadmaps_lists_bundled_and_user_roadmaps_with_errors(run, isolated_env, roadmap_file):
    folder = isolated_env / ".config" / "roadmap-tui" / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "mini.toml").write_text(roadmap_file.read_text(), encoding="utf-8")
    (folder / "broken.toml").write_text('[roadmap]\nid = "x"\ntitel = "y"\n', encoding="utf-8")
    code, out, _ = run("roadmaps")
    assert code == 0  # a listing: one invalid roadmap is shown, and `validate` is the check
    lines = out.splitlines()
    assert any("broken  invalid: 3 problems" in line for line in lines)  # not "problem(s)"
    assert lines[0].startswith("* backend  Backend Developer")
    assert any("broken  invalid:" in line for line in lines)
    assert any("unknown key 'titel' (did you mean 'title'?)" in line for line in lines)
    assert any(line.startswith("  mini  Mini roadmap") for line in lines)


def test_roadmap_option_takes_an_id_from_the_roadmaps_folder(run, isolated_env, roadmap_file):
    folder = isolated_env / ".config" / "roadmap-tui" / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "my-mini.toml").write_text(roadmap_file.read_text(), encoding="utf-8")
    code, out, _ = run("status", "--json", "--roadmap", "mini")
    assert code == 0
    assert json.loads(out)["roadmap"]["id"] == "mini"
    code, out, _ = run("status", "--json", "--roadmap", "my-mini")
    assert json.loads(out)["roadmap"]["id"] == "mini"


def test_progress_is_kept_per_roadmap_id(run, roadmap_file, progress_file):
    run("mark", "basics/http", "done", "--roadmap", roadmap_file, "--progress", progress_file)
    run("mark", "internet/http", "done", "--progress", progress_file)  # the bundled roadmap
    code, out, _ = run("list", "--json", "--status", "done", "--progress", progress_file)
    assert code == 0
    assert [t["id"] for t in json.loads(out)] == ["internet/http"]
    code, out, _ = run(
        "list", "--json", "--status", "done", "--roadmap", roadmap_file, "--progress", progress_file
    )
    assert code == 0
    assert [t["id"] for t in json.loads(out)] == ["basics/http"]


def test_share_json(cmd):
    assert cmd("mark", "apis/rest", "done")[0] == 0
    code, out, _ = cmd("share", "--json")
    assert code == 0
    card = json.loads(out)
    assert card["roadmap"] == {"id": "mini", "title": "Mini roadmap"}
    assert card["done"] == 1 and card["total"] == 7 and card["percent"] == 14.3
    assert card["streak"] == {"current": 1, "longest": 1}
    apis = next(part for part in card["sections"] if part["id"] == "apis")
    assert apis["complete"] == 1 and apis["total"] == 2
    code, _, err = cmd("share", "--json", "--markdown")
    assert code == 2 and "not allowed with" in err
