"""Study time, the timer and the goal in the progress file: pure core with a fixed clock, the
store's guarantees (merge of two processes, corrupt files refused), and the saved file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from roadmap_tui.core.studytime import (
    Goal,
    Timer,
    format_minutes,
    minutes_in_week,
    parse_duration,
    section_minutes,
    split_minutes,
    weekly_minutes,
)
from roadmap_tui.storage.progress import ProgressError, ProgressStore
from tests.progress_helpers import Clock, child_env, make

T0 = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # a Tuesday


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):
    """The local time zone is UTC (days are local days)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "progress.toml"


def saved(path: Path, rid: str = "backend") -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("roadmaps", {}).get(rid, {})


# ---- durations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45m", 45), ("1h30m", 90), ("1.5h", 90), ("2h", 120), ("90min", 90), (" 1H 5M ", 65)],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("45", "add a unit"),
        ("abc", "like 45m"),
        ("", "like 45m"),
        ("0m", "at least a minute"),
        ("25h", "at most 24h"),
        ("-5m", "like 45m"),
    ],
)
def test_bad_durations_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_duration(text)


def test_minutes_read_as_people_say_them() -> None:
    assert [format_minutes(m) for m in (45, 60, 90, 270, 361)] == [
        "45 min",
        "1 h",
        "1.5 h",
        "4.5 h",
        "6 h",
    ]


# ---- days, weeks, midnight ------------------------------------------------------------------


def test_a_timer_across_midnight_gives_each_day_its_minutes(utc) -> None:
    start = datetime(2026, 12, 1, 23, 20, tzinfo=UTC)
    assert split_minutes(start, start + timedelta(minutes=70)) == [
        ("2026-12-01", 40),
        ("2026-12-02", 30),
    ]
    # told only 35 of the 70 minutes were study: the same proportions, whole minutes
    assert split_minutes(start, start + timedelta(minutes=70), 35) == [
        ("2026-12-01", 20),
        ("2026-12-02", 15),
    ]


def test_days_are_local_days(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # UTC+9: 20:00 UTC is 05:00 the next day
    time.tzset()
    try:
        start = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
        assert split_minutes(start, start + timedelta(minutes=30)) == [("2026-12-02", 30)]
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_timer_across_weeks_counts_in_both_weeks(utc) -> None:
    sunday_night = datetime(2026, 12, 6, 23, 0, tzinfo=UTC)
    days = split_minutes(sunday_night, sunday_night + timedelta(hours=2))
    time_ = {"a": dict(days)}
    assert weekly_minutes(time_, date(2026, 12, 7), 2) == [
        (date(2026, 11, 30), 60),
        (date(2026, 12, 7), 60),
    ]
    assert minutes_in_week(time_, date(2026, 12, 7)) == 60


def test_minutes_per_section() -> None:
    time_ = {"internet/http": {"2026-12-01": 30}, "internet/dns": {"2026-12-02": 15}, "db/sql": {}}
    assert section_minutes(time_, ["internet", "db"]) == {"internet": 45, "db": 0}


# ---- the store ------------------------------------------------------------------------------


def test_logged_time_is_saved_per_topic_and_day(path: Path, utc) -> None:
    s = make(path, clock=Clock(T0))
    assert s.log_time("internet/http", 45) == 45
    assert s.log_time("internet/http", 30, date(2026, 11, 30)) == 75
    assert s.log_time("internet/http", 15) == 90
    assert saved(path)["time"] == {"internet/http": {"2026-12-01": 60, "2026-11-30": 30}}
    # study counts as activity on the day studied (the streak)
    assert saved(path)["activity"] == {"2026-12-01": 2, "2026-11-30": 1}
    assert make(path).time() == {"internet/http": {"2026-12-01": 60, "2026-11-30": 30}}


def test_two_stores_logging_at_once_keep_both(path: Path, utc) -> None:
    a, b = make(path, clock=Clock(T0)), make(path, clock=Clock(T0))
    a.log_time("internet/http", 45)
    b.log_time("internet/http", 20)  # b never saw a's log: it is re-read and kept
    b.log_time("internet/dns", 10)
    assert make(path).time() == {
        "internet/http": {"2026-12-01": 65},
        "internet/dns": {"2026-12-01": 10},
    }


def test_time_logged_by_mistake_is_taken_back(path: Path, utc) -> None:
    s = make(path, clock=Clock(T0))
    s.log_time("internet/http", 45)
    s.log_time("internet/http", 30, date(2026, 11, 30))
    assert s.take_back_time("internet/http", 15) == 60  # part of today's: the day stays
    assert saved(path)["time"] == {"internet/http": {"2026-12-01": 30, "2026-11-30": 30}}
    assert saved(path)["activity"] == {"2026-12-01": 1, "2026-11-30": 1}
    # all of a day's minutes: the day goes, and so does the activity its log counted
    assert s.take_back_time("internet/http", 30, date(2026, 11, 30)) == 30
    assert saved(path)["time"] == {"internet/http": {"2026-12-01": 30}}
    assert saved(path)["activity"] == {"2026-12-01": 1}
    assert s.take_back_time("internet/http", 30) == 0
    assert "time" not in saved(path) and "activity" not in saved(path)


def test_taking_back_more_than_was_logged_that_day_is_refused(path: Path, utc) -> None:
    s = make(path, clock=Clock(T0))
    s.log_time("internet/http", 20)
    before = path.read_bytes()
    with pytest.raises(ValueError, match="only 20 min logged on 2026-12-01"):
        s.take_back_time("internet/http", 45)
    with pytest.raises(ValueError, match="no time logged on 2026-11-30"):
        s.take_back_time("internet/http", 5, date(2026, 11, 30))
    assert path.read_bytes() == before


def test_a_take_back_and_another_stores_log_both_count(path: Path, utc) -> None:
    a, b = make(path, clock=Clock(T0)), make(path, clock=Clock(T0))
    a.log_time("internet/http", 45)
    b.load()
    a.log_time("internet/http", 20)  # b has not seen these 20 minutes
    b.take_back_time("internet/http", 45)  # re-read: 65 - 45
    assert make(path).time() == {"internet/http": {"2026-12-01": 20}}


LOGGER = textwrap.dedent("""
    import os, sys, time
    from roadmap_tui.storage.progress import ProgressStore
    path, topic, go = sys.argv[1], sys.argv[2], sys.argv[3]
    s = ProgressStore(path, "backend", lock_timeout=60)
    s.load()
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(30):
        s.log_time(topic if i % 2 else "shared", 1)
""")


def test_two_processes_logging_at_once_lose_no_minute(path: Path, tmp_path: Path) -> None:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", LOGGER, str(path), t, str(go)], env=child_env())
        for t in ("p", "q")
    ]
    time.sleep(0.3)
    go.touch()
    for p in procs:
        assert p.wait(timeout=60) == 0
    totals = {tid: sum(days.values()) for tid, days in make(path).time().items()}
    assert totals == {"p": 15, "q": 15, "shared": 30}


def test_unknown_keys_beside_the_time_are_kept(path: Path, utc) -> None:
    path.write_text(
        "schema = 1\n[roadmaps.backend]\nmine = 1\n"
        '[roadmaps.backend.goal]\nweekly_hours = 6\nfuture = "x"\n'
        '[roadmaps.backend.timer]\ntopic = "a"\nstarted = 2026-12-01T14:00:00Z\nby_hand = true\n'
    )
    s = make(path, clock=Clock(T0))
    assert s.goal() == Goal(6.0) and s.timer() == Timer("a", T0 - timedelta(hours=1))
    s.log_time("a", 5)
    data = saved(path)
    assert data["mine"] == 1 and data["goal"]["future"] == "x" and data["timer"]["by_hand"]
    assert data["time"] == {"a": {"2026-12-01": 5}}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('[roadmaps.backend.time.a]\n"2026-12-01" = "45"\n', "must be minutes"),
        ("[roadmaps.backend.time.a]\n2026-12-01 = -3\n", "must be minutes"),
        ('[roadmaps.backend.time.a]\n"yesterday" = 3\n', "must be a day"),
        ('[roadmaps.backend.time.a]\n"2026-W01-1" = 3\n', "must be a day"),
        ("[roadmaps.backend.time]\na = 3\n", "must be a table"),
        (
            '[roadmaps.backend.timer]\ntopic = "a"\nstarted = "soon"\n',
            "started must be a date-time",
        ),
        ("[roadmaps.backend.timer]\nstarted = 2026-12-01T14:00:00Z\n", "topic must be a topic"),
        ("[roadmaps.backend.goal]\nweekly_hours = 500\n", "weekly_hours must be hours"),
        ("[roadmaps.backend.goal]\nby = 2026-12-01T14:00:00Z\n", "by must be a date"),
        ('[roadmaps.backend.goal]\nscope = "most"\n', "scope must be one of"),
    ],
)
def test_corrupt_study_tables_are_refused_and_the_file_kept(
    path: Path, content: str, words: str
) -> None:
    path.write_text(content)
    s = ProgressStore(path, "backend", clock=Clock(T0))
    with pytest.raises(ProgressError, match=words) as info:
        s.log_time("a", 5)
    assert info.value.line is not None
    assert path.read_text() == content


def test_time_under_a_former_id_reads_as_the_current_topics(path: Path, utc) -> None:
    path.write_text("schema = 1\n[roadmaps.backend.time.old]\n2026-11-30 = 20\n")
    s = make(path, clock=Clock(T0), renamed={"old": "new"})
    s.log_time("new", 10)
    assert s.time() == {"new": {"2026-11-30": 20, "2026-12-01": 10}}


# ---- the timer ------------------------------------------------------------------------------


def test_a_timer_survives_a_crash_and_logs_when_stopped(path: Path, utc) -> None:
    clock = Clock(T0)
    s = make(path, clock=clock)
    assert s.start_timer("internet/http") == Timer("internet/http", T0)
    # starting on a to-do topic marks it in progress
    assert s.get("internet/http").status == "in-progress"
    del s  # the process dies: the start is in the file
    clock.advance(minutes=50)
    other = make(path, clock=clock)
    assert other.timer() == Timer("internet/http", T0)
    assert other.stop_timer() == [("2026-12-01", 50)]
    assert other.timer() is None and "timer" not in saved(path)
    assert saved(path)["time"] == {"internet/http": {"2026-12-01": 50}}


def test_a_timer_across_midnight_logs_on_both_days(path: Path, utc) -> None:
    clock = Clock(datetime(2026, 12, 1, 23, 30, tzinfo=UTC))
    s = make(path, clock=clock)
    s.start_timer("a")
    clock.advance(minutes=45)
    assert s.stop_timer() == [("2026-12-01", 30), ("2026-12-02", 15)]
    assert saved(path)["time"] == {"a": {"2026-12-01": 30, "2026-12-02": 15}}


def test_a_timer_left_running_logs_what_the_learner_says(path: Path, utc) -> None:
    clock = Clock(T0)
    s = make(path, clock=clock)
    s.start_timer("a")
    clock.advance(hours=30)
    with pytest.raises(ValueError, match="over a day"):
        s.stop_timer()  # never a silent 30-hour log
    assert s.timer() is not None and s.time() == {}
    assert s.stop_timer(minutes=60) is not None
    assert sum(s.time()["a"].values()) == 60
    s.start_timer("b")
    assert s.stop_timer(minutes=0) == [] and s.time().get("b") is None and s.timer() is None


def test_two_processes_stopping_one_timer_log_it_once(path: Path, utc) -> None:
    clock = Clock(T0)
    a = make(path, clock=clock)
    a.start_timer("a")
    b = make(path, clock=clock)
    clock.advance(minutes=20)
    assert a.stop_timer() == [("2026-12-01", 20)]
    assert b.stop_timer() is None  # b re-reads: already stopped
    assert make(path).time() == {"a": {"2026-12-01": 20}}


# ---- the goal -------------------------------------------------------------------------------


def test_a_goal_is_saved_and_cleared(path: Path) -> None:
    s = make(path)
    s.set_goal(Goal(6.0))
    s.set_goal(Goal(6.0, date(2027, 6, 30), "all"))
    assert saved(path)["goal"] == {"weekly_hours": 6.0, "by": date(2027, 6, 30), "scope": "all"}
    assert make(path).goal() == Goal(6.0, date(2027, 6, 30), "all")
    s.set_goal(None)
    assert "goal" not in saved(path) and make(path).goal() is None
    with pytest.raises(ValueError, match="weekly hours"):
        s.set_goal(Goal(200.0))
