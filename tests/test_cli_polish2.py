"""The commands' rough edges: `list` filters and fields, sections named in `show`, `mark` and
`reset`, no far-fetched suggestions, every file in `where`, `status` within 80 columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TINY_ROADMAP

pytestmark = pytest.mark.usefixtures("isolated_env")

# the tiny roadmap with one advanced topic
ROADMAP = TINY_ROADMAP.replace(
    'prerequisites = ["basics/dns"]\n', 'prerequisites = ["basics/dns"]\nlevel = "advanced"\n'
)


@pytest.fixture
def cmd(run, tmp_path):
    roadmap = tmp_path / "roadmap.toml"
    roadmap.write_text(ROADMAP, encoding="utf-8")
    progress = tmp_path / "progress.toml"

    def _cmd(*args, **kwargs):
        return run(*args, "--roadmap", roadmap, "--progress", progress, **kwargs)

    return _cmd


def listed(cmd, *args) -> list[str]:
    code, out, err = cmd("list", "--json", *args)
    assert code == 0, err
    return [record["id"] for record in json.loads(out)]


def test_list_filters_by_section_kind_level_and_note(cmd):
    assert listed(cmd, "--section", "apis") == ["apis/intro", "apis/rest"]
    assert listed(cmd, "--kind", "optional") == ["basics/extras"]
    assert listed(cmd, "--level", "advanced") == ["apis/rest"]
    assert listed(cmd, "--has-note") == []
    assert cmd("note", "basics/dns", "names")[0] == 0
    assert listed(cmd, "--has-note") == ["basics/dns"]
    assert listed(cmd, "--section", "basics", "--kind", "core", "--has-note") == ["basics/dns"]
    code, out, _ = cmd("list", "--has-note")
    assert code == 0 and "basics/dns" in out and "basics/http" not in out


def test_list_section_that_does_not_exist_is_one_line(cmd):
    code, out, err = cmd("list", "--section", "nope")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        "roadmap-tui: no section 'nope' (the sections: basics, apis)"
    ]


def test_list_json_gives_kind_level_hours_and_dates(cmd):
    assert cmd("mark", "apis/rest", "done")[0] == 0
    _, out, _ = cmd("list", "--json", "--section", "apis")
    rest = json.loads(out)[1]
    assert rest["kind"] == "core" and rest["level"] == "advanced" and rest["hours"] == 5
    assert rest["started"].endswith("Z") and rest["completed"].endswith("Z")
    intro = json.loads(out)[0]
    assert intro["started"] is None and intro["completed"] is None


def test_no_suggestions_for_a_name_with_no_close_match(cmd):
    code, _, err = cmd("show", "dbs")
    assert code == 1
    assert err.strip() == "roadmap-tui: no topic 'dbs'; `roadmap-tui list` shows every id"
    code, _, err = cmd("show", "metods")
    assert "closest:" in err and "basics/http/methods" in err


def test_show_a_section(cmd):
    assert cmd("mark", "apis/rest", "done")[0] == 0
    code, out, err = cmd("show", "apis")
    assert code == 0, err
    assert "APIs" in out and "1/2 complete" in out
    assert "apis/intro" in out and "apis/rest" in out


def test_mark_and_reset_a_section_with_r(cmd):
    code, out, _ = cmd("mark", "basics", "done", "-r")
    assert code == 0
    assert out.strip() == "basics: 5 topics under it: done"
    assert listed(cmd, "--status", "done") == [
        "basics/extras",
        "basics/dns",
        "basics/http",
        "basics/http/methods",
        "basics/intro",
    ]
    code, out, _ = cmd("reset", "basics", "-r")
    assert code == 0 and out.strip() == "basics: 5 topics under it: to do"
    assert listed(cmd, "--status", "done") == []


def test_a_section_without_r_says_to_add_it(cmd):
    code, out, err = cmd("mark", "basics", "done")
    assert code == 1 and out == ""
    assert err.strip() == "roadmap-tui: basics is a section: add -r to mark every topic under it"
    code, out, err = cmd("reset", "basics")
    assert code == 1 and out == ""
    assert err.strip() == "roadmap-tui: basics is a section: add -r to reset every topic under it"


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


@pytest.mark.parametrize("columns", ["80", "200"])
def test_status_fits_in_80_columns(cmd, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    assert cmd("mark", "apis/rest", "in-progress")[0] == 0
    code, out, _ = cmd("status")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80, out
    assert "0 done" in out and "1 in progress" in out and "left" in out


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


def test_a_nearly_complete_roadmap_is_never_rounded_to_a_hundred_percent(run, tmp_path):
    # one topic of the bundled roadmap left: 99.7% is ">99%", one done of hundreds "<1%"
    from roadmap_tui.storage.paths import bundled_path
    from roadmap_tui.storage.progress import ProgressStore
    from roadmap_tui.storage.roadmaps import load

    roadmap = load(bundled_path(), cache=False)
    leaves = [t.id for t in roadmap.topics() if t.section == "internet" and not t.children]
    progress = tmp_path / "progress.toml"
    store = ProgressStore(progress, roadmap.id)
    store.load()
    store.set_many([(tid, "done") for tid in leaves[:1]])
    code, out, _ = run("--progress", progress, "status")
    assert code == 0 and "<1%" in out.splitlines()[1] and " 0%" not in out.splitlines()[1]
    store.set_many([(t.id, "skipped") for t in roadmap.topics() if t.id != leaves[-1]])
    code, out, _ = run("--progress", progress, "status")
    line = out.splitlines()[1]
    assert code == 0 and ">99%" in line and "100%" not in line and "░" in line, out  # not full
    code, out, _ = run("--progress", progress, "stats")
    assert ">99% complete" in out and "100% complete" not in out
    code, out, _ = run("--progress", progress, "share")
    assert ">99%" in out.splitlines()[1], out
