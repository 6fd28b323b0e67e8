"""Goal and pace, pure core with a fixed day: study time per week and section, the finish at
the goal's pace and at the measured pace, and the weekly hours a target date needs."""

from __future__ import annotations

from datetime import date

from roadmap_tui.core.loader import parse
from roadmap_tui.core.pace import goal_lines, pace, pace_json, time_lines
from roadmap_tui.core.progress import TopicProgress
from roadmap_tui.core.studytime import Goal
from tests.conftest import TINY_ROADMAP

TODAY = date(2026, 12, 2)  # a Wednesday
ROADMAP = parse(TINY_ROADMAP)
# the tiny roadmap: 17 h; core topics all but basics/extras (2 h, optional): 15 h


def test_no_time_and_no_goal_say_so_plainly() -> None:
    p = pace(ROADMAP, {}, {}, None, TODAY)
    assert time_lines(p) == [
        "No study time logged yet: `roadmap-tui log TOPIC 45m`, or T in the app."
    ]
    assert goal_lines(p) == [
        "No study time logged in the last weeks, so there is no measured pace.",
        "No goal set: `roadmap-tui goal 6h` (or the palette) sets hours a week.",
        "Core: 15 h left; no pace to project yet.",
        "Everything: 17 h left; no pace to project yet.",
    ]


def test_hours_left_are_the_estimates_less_the_time_spent() -> None:
    entries = {"basics/dns": TopicProgress("done"), "basics/http": TopicProgress("in-progress")}
    # 3 h on http (4 h estimated): 1 h left; 5 h on rest (5 h): none left, never below zero
    time = {"basics/http": {"2026-12-01": 180}, "apis/rest": {"2026-11-30": 360}}
    p = pace(ROADMAP, entries, time, None, TODAY)
    assert p.core_hours_left == 15 - 3 - 3 - 5  # dns done, http 1 h left, rest none left
    assert p.all_hours_left == p.core_hours_left + 2


def test_the_goal_against_the_measured_pace() -> None:
    # 9 h over the three weeks since the first logged study: 3 h a week
    time = {
        "basics/http": {"2026-11-17": 180, "2026-11-24": 120},
        "apis/intro": {"2026-12-01": 240},
    }
    goal = Goal(6.0, date(2026, 12, 30), "core")
    p = pace(ROADMAP, {}, time, goal, TODAY)
    assert p.measured == 3.0 and p.measured_weeks == 3 and p.this_week_minutes == 240
    assert time_lines(p) == [
        "9 h in all; this week 4 h.",
        "Hours per week, last 8 weeks: 0.0 · 0.0 · 0.0 · 0.0 · 0.0 · 3.0 · 2.0 · 4.0",
        "Per section: Basics 5 h, APIs 4 h",
    ]
    # core: 15 h less 4 h (http: 5 h of a 4 h estimate counts 4) less 1 h (apis/intro) = 10 h
    assert p.core_hours_left == 10
    assert goal_lines(p) == [
        "Measured pace: 3.0 h a week over 3 weeks.",
        "Goal: 6 h a week; this week 4.0 / 6 h.",
        "Core: 10 h left, done around 14 Dec 2026 at the goal's 6.0 h a week; "
        "around 26 Dec 2026 at the measured 3.0 h a week.",
        "Everything: 12 h left, done around 16 Dec 2026 at the goal's 6.0 h a week; "
        "around 30 Dec 2026 at the measured 3.0 h a week.",
        "Core by 30 Dec 2026 needs 2.5 h a week; you average 3.0.",
    ]
    data = pace_json(p)
    assert data["needed_hours_per_week"] == 2.5
    assert data["finish"] == {
        "core_at_goal": "2026-12-14",
        "all_at_goal": "2026-12-16",
        "core_measured": "2026-12-26",
        "all_measured": "2026-12-30",
    }


def test_a_target_date_alone_and_for_everything() -> None:
    p = pace(ROADMAP, {}, {}, Goal(None, date(2027, 1, 27), "all"), TODAY)
    # 17 h in 8 weeks (56 days): 2.1 h a week
    assert (
        goal_lines(p)[-1] == "Everything by 27 Jan 2027 needs 2.1 h a week; no measured pace yet."
    )
    assert not any(line.startswith("Goal:") for line in goal_lines(p))


def test_a_passed_target_date_says_so() -> None:
    p = pace(ROADMAP, {}, {}, Goal(5.0, date(2026, 12, 2), "core"), TODAY)
    assert goal_lines(p)[-1] == "Core by 02 Dec 2026: that date has passed."


def test_the_measured_pace_counts_at_most_eight_weeks() -> None:
    time = {"basics/http": {"2026-01-05": 600, "2026-11-30": 480}}
    p = pace(ROADMAP, {}, time, None, TODAY)
    assert p.measured_weeks == 8 and p.measured == 1.0  # the January log is outside the window


def test_weeks_start_on_the_given_day_and_the_config_goal_fills_in():
    from datetime import date

    from roadmap_tui.core.studytime import Goal, effective_goal, minutes_in_week, weekly_minutes

    time = {"a/b": {"2026-11-29": 60, "2026-11-30": 30, "2026-12-01": 15}}  # Sun, Mon, Tue
    tuesday = date(2026, 12, 1)
    assert minutes_in_week(time, tuesday) == 45  # Monday-based
    assert minutes_in_week(time, tuesday, first_weekday=6) == 105  # Sunday-based
    assert weekly_minutes(time, tuesday, 2, first_weekday=6) == [
        (date(2026, 11, 22), 0),
        (date(2026, 11, 29), 105),
    ]
    assert effective_goal(None, None) == (None, "none")
    assert effective_goal(None, 5.0) == (Goal(5.0), "config")
    assert effective_goal(Goal(7.0), 5.0) == (Goal(7.0), "progress")
    by = date(2027, 6, 30)
    assert effective_goal(Goal(None, by, "all"), 5.0) == (Goal(5.0, by, "all"), "config")
    assert effective_goal(Goal(None, by), None) == (Goal(None, by), "progress")
