"""`log`, `timer` and `goal` as a user sees them: exit codes, messages, JSON and the saved file."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli_helpers import fails, ok

pytestmark = pytest.mark.usefixtures("isolated_env")


def roadmap_table(progress: Path) -> dict:
    if not progress.exists():
        return {}
    return tomllib.loads(progress.read_text(encoding="utf-8")).get("roadmaps", {}).get("mini", {})


def today() -> date:
    return datetime.now().astimezone().date()


def write_timer(progress: Path, topic: str, ago: timedelta) -> None:
    started = (datetime.now(UTC) - ago).replace(microsecond=0).isoformat()
    progress.write_text(
        f'schema = 1\n[roadmaps.mini.timer]\ntopic = "{topic}"\nstarted = {started}\n'
    )


# ---- log ------------------------------------------------------------------------------------


def test_log_saves_minutes_and_says_the_total_against_the_estimate(cli, progress_file) -> None:
    out, _ = ok(cli("log", "basics/http", "45m"))
    assert out.strip() == f"basics/http: logged 45 min on {today().isoformat()} (45 min of ~4 h)"
    out, _ = ok(cli("log", "HTTP", "1h30m"))
    assert "(2.2 h of ~4 h)" in out or "(2.3 h of ~4 h)" in out
    assert roadmap_table(progress_file)["time"] == {"basics/http": {today().isoformat(): 135}}


def test_log_on_a_day_with_a_note_as_json(cli, progress_file) -> None:
    out, _ = ok(
        cli("log", "basics/dns", "1.5h", "--date", "2026-11-30", "--note", "dig +trace", "--json")
    )
    assert json.loads(out) == {
        "topic": "basics/dns",
        "day": "2026-11-30",
        "minutes": 90,
        "topic_minutes": 90,
        "estimate_hours": 3,
    }
    data = roadmap_table(progress_file)
    assert data["time"] == {"basics/dns": {"2026-11-30": 90}}
    assert data["topics"]["basics/dns"]["note"] == "2026-11-30 · 1.5 h: dig +trace"


def test_a_log_note_is_added_below_the_note_never_over_it(cli, progress_file) -> None:
    ok(cli("note", "basics/dns", "my own words"))
    ok(cli("log", "basics/dns", "20m", "--date", "yesterday", "--note", "zones"))
    day = (today() - timedelta(days=1)).isoformat()
    note = roadmap_table(progress_file)["topics"]["basics/dns"]["note"]
    assert note == f"my own words\n{day} · 20 min: zones"


def test_log_remove_takes_back_time_logged_by_mistake(cli, progress_file) -> None:
    ok(cli("log", "basics/http", "8h"))  # meant 8m
    out, _ = ok(cli("log", "basics/http", "7h52m", "--remove"))
    day = today().isoformat()
    assert out.strip() == f"basics/http: took back 7.9 h on {day} (8 min of ~4 h)"
    assert roadmap_table(progress_file)["time"] == {"basics/http": {day: 8}}
    out, _ = ok(cli("log", "basics/http", "8m", "--remove", "--json"))
    assert json.loads(out) == {
        "topic": "basics/http",
        "day": day,
        "minutes": -8,
        "topic_minutes": 0,
        "estimate_hours": 4,
    }
    assert "time" not in roadmap_table(progress_file)


def test_log_remove_of_more_than_was_logged_saves_nothing(cli, progress_file) -> None:
    ok(cli("log", "basics/http", "20m", "--date", "yesterday"))
    before = progress_file.read_bytes()
    err = fails(cli("log", "basics/http", "45m", "--remove", "--date", "yesterday"))
    yesterday = (today() - timedelta(days=1)).isoformat()
    assert f"basics/http: only 20 min logged on {yesterday}" in err
    err = fails(cli("log", "basics/http", "5m", "--remove"))
    assert f"no time logged on {today().isoformat()}" in err
    err = fails(cli("log", "basics/http", "5m", "--remove", "--note", "oops"))
    assert "--note" in err and "--remove" in err
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("basics/http", "45"), "add a unit"),
        (("basics/http", "soon"), "invalid duration 'soon'"),
        (("basics/http", "30h"), "at most 24h"),
        (("basics/http", "45m", "--date", "monday"), "invalid day 'monday'"),
        (("basics/http", "45m", "--date", "2999-01-01"), "is in the future"),
        (("nothing-like-it", "45m"), "no topic 'nothing-like-it'"),
    ],
)
def test_log_mistakes_are_one_line_and_save_nothing(cli, progress_file, args, words) -> None:
    err = fails(cli("log", *args))
    assert words in err and len(err.strip().splitlines()) <= 2
    assert "time" not in roadmap_table(progress_file)


def test_log_refuses_a_corrupt_file_and_keeps_it(cli, progress_file) -> None:
    progress_file.write_text("[roadmaps.mini.time.a]\nx = 1\n")
    err = fails(cli("log", "basics/http", "45m"))
    assert "must be a day" in err and str(progress_file) in err
    assert progress_file.read_text() == "[roadmaps.mini.time.a]\nx = 1\n"


# ---- timer ----------------------------------------------------------------------------------


def test_timer_start_status_stop(cli, progress_file) -> None:
    out, _ = ok(cli("timer", "start", "basics/http"))
    assert out.startswith("basics/http: timer started at ") and "marked in progress" in out
    data = roadmap_table(progress_file)
    assert data["timer"]["topic"] == "basics/http"
    assert data["topics"]["basics/http"]["status"] == "in-progress"
    out, _ = ok(cli("timer", "status"))
    assert out.startswith("timer: basics/http, 0 min since ")
    status = json.loads(ok(cli("timer", "status", "--json"))[0])["timer"]
    assert (status["topic"], status["minutes"], status["long"]) == ("basics/http", 0, False)
    err = fails(cli("timer", "start", "basics/dns"))
    assert "already running on basics/http" in err
    out, _ = ok(cli("timer", "stop"))
    assert out.strip() == "basics/http: timer stopped, nothing logged"  # under a minute
    assert "timer" not in roadmap_table(progress_file)
    assert json.loads(ok(cli("timer", "status", "--json"))[0]) == {"timer": None}
    assert ok(cli("timer", "status"))[0].strip() == "no timer running"
    assert "no timer is running" in fails(cli("timer", "stop"))


def test_a_crashed_timer_is_stopped_by_the_next_command(cli, progress_file) -> None:
    write_timer(progress_file, "basics/dns", timedelta(minutes=40))
    out, _ = ok(cli("timer", "stop"))
    assert out.strip() == "basics/dns: logged 40 min (40 min of ~3 h)"
    assert sum(roadmap_table(progress_file)["time"]["basics/dns"].values()) == 40


def test_a_timer_left_running_is_never_logged_silently(cli, progress_file) -> None:
    write_timer(progress_file, "basics/dns", timedelta(hours=10))
    err = fails(cli("timer", "stop"))
    assert "ran for 10 h" in err and "timer stop --minutes N" in err
    assert "time" not in roadmap_table(progress_file)
    assert "left running?" in ok(cli("timer", "status"))[0]
    assert "more than the timer ran" in fails(cli("timer", "stop", "--minutes", "9000"))
    out, _ = ok(cli("timer", "stop", "--minutes", "50"))
    assert out.strip() == "basics/dns: logged 50 min (50 min of ~3 h)"
    assert sum(roadmap_table(progress_file)["time"]["basics/dns"].values()) == 50


def test_a_long_timer_asks_in_a_terminal(cli, progress_file) -> None:
    write_timer(progress_file, "basics/dns", timedelta(hours=5))
    out, _ = ok(cli("timer", "stop", input="90\n", tty=True))
    assert "Minutes of study (0-300)" in out and "logged 1.5 h" in out
    write_timer(progress_file, "basics/dns", timedelta(hours=5))
    err = fails(cli("timer", "stop", input="lots\n", tty=True))
    assert "not a number of minutes" in err and "nothing logged" in err
    assert roadmap_table(progress_file)["timer"]["topic"] == "basics/dns"


def test_a_timer_on_a_topic_with_escape_codes_shows_them_as_text(cli, progress_file) -> None:
    # a hostile progress file: the timer's topic holds ESC [2J (clear the screen)
    write_timer(progress_file, "evil\\u001b[2J", timedelta(hours=10))
    out, _ = ok(cli("timer", "status"))
    err_start = fails(cli("timer", "start", "basics/http"))
    err_stop = fails(cli("timer", "stop"))
    for said in (out, err_start, err_stop):
        assert "\x1b" not in said and "evil\u241b[2J" in said
    out, _ = ok(cli("timer", "stop", "--minutes", "5"))
    assert out.strip() == "evil\u241b[2J: logged 5 min"


def test_timer_stop_discard_logs_nothing(cli, progress_file) -> None:
    write_timer(progress_file, "basics/dns", timedelta(hours=5))
    out, _ = ok(cli("timer", "stop", "--discard"))
    assert out.strip() == "basics/dns: timer stopped, nothing logged"
    assert roadmap_table(progress_file) == {}


# ---- goal -----------------------------------------------------------------------------------


def test_goal_set_show_clear(cli, progress_file) -> None:
    assert ok(cli("goal"))[0].strip() == "no goal set: `roadmap-tui goal 6h` sets hours a week"
    assert ok(cli("goal", "6h"))[0].strip() == "goal: 6 h a week (this week 0.0 / 6 h)"
    ok(cli("log", "basics/http", "90m"))
    out, _ = ok(cli("goal", "--by", "2027-06-30"))
    assert out.strip() == "goal: 6 h a week; core by 30 Jun 2027 (this week 1.5 / 6 h)"
    ok(cli("goal", "--all"))
    assert roadmap_table(progress_file)["goal"] == {
        "weekly_hours": 6.0,
        "by": date(2027, 6, 30),
        "scope": "all",
    }
    data = json.loads(ok(cli("goal", "--json"))[0])
    assert data == {
        "goal": {"weekly_hours": 6.0, "by": "2027-06-30", "scope": "all"},
        "source": "progress",
        "this_week_hours": 1.5,
    }
    assert ok(cli("goal", "--clear"))[0].strip() == "goal cleared"
    assert "goal" not in roadmap_table(progress_file)
    assert json.loads(ok(cli("goal", "--json"))[0])["goal"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("lots",), "invalid weekly goal 'lots'"),
        (("200",), "168 h a week"),
        (("--by", "next year"), "invalid --by"),
        (("--by", "2020-01-01"), "not in the future"),
        (("--all",), "go with a target date"),
        (("6h", "--clear"), "--clear takes no"),
    ],
)
def test_goal_mistakes(cli, progress_file, args, words) -> None:
    assert words in fails(cli("goal", *args))
    assert not progress_file.exists()


# ---- today ----------------------------------------------------------------------------------


def test_today_with_nothing_yet(cli) -> None:
    out, _ = ok(cli("today"))
    assert out.splitlines() == [
        "Reviews: none due.",
        "Next: HTTP (basics/http); why: no prerequisites, core.",
        "This week: 0.0 h studied; no weekly goal (`roadmap-tui goal 6h` sets one).",
        "Streak: 0 days now, longest 0.",
    ]


def test_today_with_a_timer_a_goal_and_reviews_due(cli, progress_file) -> None:
    ok(cli("goal", "6h"))
    ok(cli("log", "basics/dns", "1h30m"))
    # finished a month ago: due for review now
    month_ago = (datetime.now(UTC) - timedelta(days=40)).replace(microsecond=0).isoformat()
    text = progress_file.read_text()
    text += f'\n[roadmaps.mini.topics."basics/intro"]\nstatus = "done"\ncompleted = {month_ago}\n'
    text += f'changed = {month_ago}\n\n[roadmaps.mini.timer]\ntopic = "basics/http"\n'
    started = (datetime.now(UTC) - timedelta(minutes=20)).replace(microsecond=0).isoformat()
    text += f"started = {started}\n"
    progress_file.write_text(text)
    out, _ = ok(cli("today"))
    lines = out.splitlines()
    assert lines[0] == "Timer: HTTP, 20 min so far; `roadmap-tui timer stop` logs it."
    assert lines[1] == "Reviews: 1 topic is due; `roadmap-tui review`."
    assert lines[3] == "This week: 1.5 / 6 h, 4.5 h to go."
    assert lines[4] == "Streak: 1 day now, longest 1."
    data = json.loads(ok(cli("today", "--json"))[0])
    assert data["reviews_due"] == 1
    assert data["week"] == {"hours": 1.5, "goal_hours": 6.0, "left_hours": 4.5}
    assert data["timer"] == {"topic": "basics/http", "minutes": 20, "long": False}
    assert data["streak"] == {"current": 1, "longest": 1}
    assert data["next"]["id"] == lines[2].split("(")[1].split(")")[0]


def test_today_names_a_timer_left_running(cli, progress_file) -> None:
    write_timer(progress_file, "basics/dns", timedelta(hours=6))
    out, _ = ok(cli("today"))
    assert out.splitlines()[0] == (
        "Timer: DNS, 6 h so far; left running? say how much was study: `timer stop --minutes N`."
    )


def test_stats_show_study_time_and_the_goal(cli) -> None:
    ok(cli("log", "basics/dns", "2h"))
    ok(cli("goal", "6h", "--by", (today() + timedelta(days=70)).isoformat()))
    out, _ = ok(cli("stats"))
    assert "2 h in all; this week 2 h." in out
    assert "Per section: Basics 2 h" in out
    assert "Goal: 6 h a week; this week 2.0 / 6 h." in out
    # core: 15 h of estimates less the 2 h on DNS (3 h), over 10 weeks
    assert "needs 1.3 h a week; you average 2.0." in out
    study = json.loads(ok(cli("stats", "--json"))[0])["study"]
    assert study["total_hours"] == 2.0 and study["core_hours_left"] == 13.0
    assert study["needed_hours_per_week"] == 1.3


# ---- a copy of the progress file (a sync conflict) --------------------------------------------


def test_importing_a_copy_of_the_progress_file_keeps_its_study_time(cli, progress_file) -> None:
    ok(cli("log", "basics/dns", "30m", "--date", "2026-11-30"))
    copy = progress_file.with_name("progress (copy).toml")
    copy.write_text(
        "schema = 1\n"
        '[roadmaps.mini.time."basics/dns"]\n2026-11-30 = 50\n2026-11-29 = 20\n'
        '[roadmaps.mini.time."apis/rest"]\n2026-11-28 = 15\n'
    )
    out, _ = ok(cli("import", str(copy)))
    assert "added 55 min of study time" in out  # 20 more on the 30th, 20 and 15 new
    assert roadmap_table(progress_file)["time"] == {
        "basics/dns": {"2026-11-29": 20, "2026-11-30": 50},
        "apis/rest": {"2026-11-28": 15},
    }
    out, _ = ok(cli("import", str(copy)))  # the same copy again: nothing more
    assert "study time" not in out
    assert sum(roadmap_table(progress_file)["time"]["basics/dns"].values()) == 70


def test_study_time_goes_through_an_export_and_back(cli, progress_file, tmp_path) -> None:
    ok(cli("log", "basics/dns", "40m", "--date", "2026-11-30"))
    exported = tmp_path / "export.json"
    ok(cli("export", "--format", "json", "-o", str(exported)))
    assert json.loads(exported.read_text())["time"] == {"basics/dns": {"2026-11-30": 40}}
    progress_file.unlink()
    out, _ = ok(cli("import", str(exported)))
    assert "added 40 min of study time" in out
    assert roadmap_table(progress_file)["time"] == {"basics/dns": {"2026-11-30": 40}}
    assert "study time" not in ok(cli("import", str(exported)))[0]  # twice: nothing more


def test_an_export_with_bad_study_time_is_refused(cli, progress_file, tmp_path) -> None:
    exported = tmp_path / "export.json"
    ok(cli("export", "--format", "json", "-o", str(exported)))
    data = json.loads(exported.read_text())
    data["time"] = {"basics/dns": {"2026-11-30": "lots"}}
    exported.write_text(json.dumps(data))
    err = fails(cli("import", str(exported)))
    assert err.strip().endswith("time 'basics/dns' 2026-11-30: expected minutes >= 0, got 'lots'")
    assert "time" not in roadmap_table(progress_file)
