"""config.toml's week_start and weekly_goal as `goal`, `today` and `stats` show them."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.cli_helpers import ok
from tests.test_cli_pace import roadmap_table, today

pytestmark = pytest.mark.usefixtures("isolated_env")

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@pytest.fixture
def cli(run, roadmap_file: Path, progress_file: Path, tmp_path: Path, monkeypatch):
    """run() with the tiny roadmap, a tmp progress file and a tmp config.toml (``config``)."""
    config = tmp_path / "config.toml"
    monkeypatch.setenv("ROADMAP_TUI_CONFIG", str(config))

    def _cli(*args: str, config_text: str | None = None):
        if config_text is not None:
            config.write_text(config_text, encoding="utf-8")
        return run("--roadmap", roadmap_file, "--progress", progress_file, *args)

    return _cli


def test_the_week_starts_on_the_configured_day(cli) -> None:
    yesterday = today() - timedelta(days=1)
    ok(cli("log", "basics/dns", "1h", "--date", "yesterday"))
    ok(cli("log", "basics/dns", "30m"))
    # a week starting today leaves yesterday's hour in last week
    starts_today = f'week_start = "{DAYS[today().weekday()]}"\nweekly_goal = 4\n'
    assert (
        json.loads(ok(cli("goal", "--json", config_text=starts_today))[0])["this_week_hours"] == 0.5
    )
    assert "This week: 0.5 / 4 h, 3.5 h to go." in ok(cli("today"))[0]
    assert "this week 0.5 h." in ok(cli("stats"))[0]
    # a week starting yesterday counts it
    starts_yesterday = f'week_start = "{DAYS[yesterday.weekday()]}"\nweekly_goal = 4\n'
    assert "This week: 1.5 / 4 h, 2.5 h to go." in ok(cli("today", config_text=starts_yesterday))[0]
    stats = json.loads(ok(cli("stats", "--json"))[0])["study"]
    assert stats["this_week_hours"] == 1.5
    assert stats["weekly_hours"][-1]["week"] == yesterday.isoformat()


def test_the_statistics_calendar_and_weeks_start_on_the_configured_day(cli) -> None:
    out, _ = ok(cli("stats", config_text='week_start = "sunday"\n'))
    calendar = out.split("Activity, last 26 weeks\n", 1)[1].splitlines()
    assert calendar[1].startswith("Sun") and calendar[7].startswith("Sat")
    data = json.loads(ok(cli("stats", "--json"))[0])
    sunday = today() - timedelta(days=(today().weekday() + 1) % 7)
    assert data["weekly_completed"][-1]["week"] == sunday.isoformat()


def test_weekly_goal_from_config_unless_the_progress_file_has_one(cli, progress_file) -> None:
    out, _ = ok(cli("goal", config_text="weekly_goal = 5\n"))
    assert out.strip() == (
        "goal: 5 h a week (the weekly hours from config.toml's weekly_goal) (this week 0.0 / 5 h)"
    )
    data = json.loads(ok(cli("goal", "--json"))[0])
    assert data["source"] == "config"
    assert data["goal"]["weekly_hours"] == 5
    assert "Goal: 5 h a week; this week 0.0 / 5 h." in ok(cli("stats"))[0]
    assert not progress_file.exists()  # the config's figure is not copied into the file
    # the progress file's goal wins
    assert ok(cli("goal", "7h"))[0].strip() == "goal: 7 h a week (this week 0.0 / 7 h)"
    assert json.loads(ok(cli("goal", "--json"))[0])["source"] == "progress"
    assert "This week: 0.0 / 7 h, 7.0 h to go." in ok(cli("today"))[0]
    out, _ = ok(cli("goal", "--clear"))
    assert out.strip() == "goal cleared; config.toml's weekly_goal (5 h a week) still applies"
    assert "goal" not in roadmap_table(progress_file)
    # a target date alone in the progress file takes the config's weekly hours
    by = (today() + timedelta(days=70)).isoformat()
    data = json.loads(ok(cli("goal", "--by", by, "--json"))[0])
    assert data["goal"]["weekly_hours"] == 5 and data["goal"]["by"] == by
    assert data["source"] == "config"
    assert "weekly_hours" not in roadmap_table(progress_file)["goal"]


def test_no_goal_anywhere_says_so(cli) -> None:
    data = json.loads(ok(cli("goal", "--json", config_text='week_start = "sunday"\n'))[0])
    assert data["goal"] is None and data["source"] == "none"


def test_stats_minutes_shows_the_calendar_of_minutes_studied(cli) -> None:
    ok(cli("log", "basics/dns", "2h"))  # today: the top level
    ok(cli("log", "basics/http", "20m", "--date", "yesterday"))
    plain = ok(cli("stats"))[0]
    assert "Activity, last 26 weeks" in plain
    assert "topics changed a day: less · ░ ▒ ▓ █ more" in plain
    out, _ = ok(cli("stats", "--minutes"))
    assert "Minutes studied, last 26 weeks" in out and "Activity, last" not in out
    assert "minutes studied a day: · 0 ░ <30m ▒ <1h ▓ <2h █ 2h+" in out
    lines = out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Minutes studied")))
    rows = lines[start + 2 : start + 9]  # Mon..Sun under the month names
    day, yesterday = today(), today() - timedelta(days=1)
    assert rows[day.weekday()].rstrip().endswith("█")  # 2 h today, in this week's column
    # yesterday's 20 minutes, in its own row (the week before when today is a Monday)
    assert "░" in rows[yesterday.weekday()]
    study = json.loads(ok(cli("stats", "--json"))[0])["study"]
    assert study["minutes_per_day"] == {yesterday.isoformat(): 20, day.isoformat(): 120}
