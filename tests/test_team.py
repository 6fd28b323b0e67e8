"""`roadmap-tui team DIR`: a study group's progress side by side, from their files alone."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from roadmap_tui.storage.progress import ProgressStore
from tests.progress_helpers import done_either_side_of_monday

pytestmark = pytest.mark.usefixtures("isolated_env")

NOW = datetime.now(UTC).replace(microsecond=0)


def store(path: Path, when: datetime, roadmap_id: str = "mini") -> ProgressStore:
    return ProgressStore(path, roadmap_id, clock=lambda: when)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "group"
    folder.mkdir()
    ana = store(folder / "ana.toml", NOW)
    ana.set_many([("basics/extras", "done"), ("basics/dns", "done"), ("basics/http", "done")])
    store(folder / "ana.toml", NOW - timedelta(days=1)).set_status("apis/rest", "in-progress")
    store(folder / "ben.toml", NOW).set_status("apis/intro", "done")
    store(folder / "cy.toml", NOW, "other-roadmap").set_status("x/y", "done")
    (folder / "dee.toml").write_text("schema = 1\n[roadmaps.mini.topics.\n")
    (folder / "[red]evil[blink].toml").write_text("not = [toml")
    (folder / "README.md").write_text("not a member")
    return folder


@pytest.fixture
def cli(run, roadmap_file: Path, tmp_path: Path):
    def _cli(*args: str):
        return run("--roadmap", roadmap_file, "--progress", tmp_path / "mine.toml", *args)

    return _cli


def test_team_json_gives_each_members_figures_and_the_files_not_shown(cli, team):
    before = {p.name: p.read_bytes() for p in team.iterdir()}
    code, out, err = cli("team", str(team), "--json")
    assert code == 0, err
    data = json.loads(out)
    members = {m["name"]: m for m in data["members"]}
    assert set(members) == {"ana", "ben"}
    ana, ben = members["ana"], members["ben"]
    assert ana["sections"]["basics"] == 60.0 and ana["sections"]["apis"] == 0.0
    assert (ana["complete"], ana["total"], ana["in_progress"]) == (3, 7, 1)
    assert ana["streak"] == 2 and ana["week_completed"] == 3
    assert ben["sections"]["apis"] == 50.0 and ben["streak"] == 1
    reasons = {u["name"]: u["reason"] for u in data["not_shown"]}
    assert "no progress for roadmap 'mini'" in reasons["cy"] and "other-roadmap" in reasons["cy"]
    assert reasons["dee"].startswith("line 2: not valid TOML")
    assert "README" not in reasons
    # read-only: nothing in the folder changed, no lock file made
    assert {p.name: p.read_bytes() for p in team.iterdir()} == before


def test_team_table_shows_members_side_by_side_and_names_as_text(cli, team):
    code, out, err = cli("team", str(team))
    assert code == 0, err
    header = next(line for line in out.splitlines() if "ana" in line)
    assert header.index("ana") < header.index("ben")
    assert "Basics" in out and "60%" in out and "Streak (days)" in out
    assert "Not shown:" in out and "dee: line 2" in out
    assert "[red]evil[blink]: line 1" in out  # markup in a file name shows as typed


def test_team_of_a_missing_folder_is_one_line(cli, tmp_path):
    code, _out, err = cli("team", str(tmp_path / "nowhere"))
    assert code == 1 and err == f"roadmap-tui: team: {tmp_path / 'nowhere'}: no such folder\n"


def test_the_view_state_beside_a_members_file_is_not_a_member(cli, team):
    # ROADMAP_TUI_PROGRESS=group/ana.toml keeps the app's view state beside it
    (team / "ana.ui-state.toml").write_text('[roadmaps.mini]\ncursor = "basics"\n')
    code, out, err = cli("team", str(team), "--json")
    assert code == 0, err
    data = json.loads(out)
    names = [m["name"] for m in data["members"]] + [u["name"] for u in data["not_shown"]]
    assert "ana.ui-state" not in names


def test_team_json_escapes_terminal_controls_in_a_members_name(cli, team):
    # a file name holding a C1 control (U+009B, CSI) cannot drive the terminal through the JSON
    store(team / "eve\x9b31m.toml", NOW).set_status("apis/intro", "done")
    code, out, err = cli("team", str(team), "--json")
    assert code == 0, err
    assert "\x9b" not in out
    assert "eve\\u009b31m" in out
    assert "eve\x9b31m" in {m["name"] for m in json.loads(out)["members"]}


def test_a_members_nearly_complete_section_is_not_shown_as_a_hundred_percent():
    from rich.console import Console

    from roadmap_tui.core.loader import parse
    from roadmap_tui.core.team import Member
    from roadmap_tui.report import team_table
    from tests.conftest import TINY_ROADMAP

    roadmap = parse(TINY_ROADMAP)
    first, second = (section.id for section in roadmap.sections[:2])
    member = Member("ana", 99.6, 249, 250, 0, 0, 0, 0, 0, {first: 99.6, second: 0.4})
    console = Console(width=100, record=True)
    console.print(team_table(roadmap, [member], []))
    rows = console.export_text().splitlines()
    assert any(">99%" in row for row in rows) and any("<1%" in row for row in rows), rows
    assert not any("100%" in row for row in rows), rows


def test_team_weeks_start_on_the_config_files_week_start(cli, tmp_path, monkeypatch):
    today = date.today()
    folder = tmp_path / "week"
    folder.mkdir()
    sunday, monday = done_either_side_of_monday(
        folder / "ana.toml", "mini", ("basics/dns", "basics/http")
    )
    config = tmp_path / "config.toml"
    monkeypatch.setenv("ROADMAP_TUI_CONFIG", str(config))

    def this_week(first_day: str) -> tuple[int, int]:
        config.write_text(f'week_start = "{first_day}"\n')
        code, out, err = cli("team", str(folder), "--json")
        assert code == 0, err
        (ana,) = json.loads(out)["members"]
        return ana["week_completed"], ana["week_changes"]

    # a week holds the days from its first day to today: the Sunday and the Monday before
    # today (or today) fall in one of the two weeks but not in the other
    def days_from(first: date) -> int:
        return sum(first <= day <= today for day in (sunday, monday))

    assert days_from(sunday) != days_from(monday)
    assert this_week("sunday") == (days_from(sunday), days_from(sunday))
    assert this_week("monday") == (days_from(monday), days_from(monday))


def test_team_counts_only_this_roadmaps_topics_completed_this_week(cli, tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    # a topic that an older version of the roadmap had: kept in the file, counted nowhere
    store(folder / "ana.toml", NOW).set_many([("gone/old", "done"), ("basics/dns", "done")])
    code, out, err = cli("team", str(folder), "--json")
    assert code == 0, err
    (ana,) = json.loads(out)["members"]
    assert ana["complete"] == 1 and ana["week_completed"] == 1
