"""Statistics as pure functions on fixed dates: streaks, weekly pace, heatmap, forecast."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from roadmap_tui import report
from roadmap_tui.core.history import heatmap_grid, history, streaks, weekly_counts
from roadmap_tui.core.loader import parse
from roadmap_tui.core.stats import branch_counts, next_topic, status_lookup, summary
from roadmap_tui.storage.progress import TopicProgress

ROADMAP = """\
[roadmap]
id = "t"
title = "Test"

[[source]]
id = "a"
title = "A"

[[source]]
id = "b"
title = "B"

[[section]]
id = "one"
title = "One"

[[section.topic]]
id = "core1"
title = "Core 1"
hours = 2
sources = ["a", "b"]

[[section.topic]]
id = "opt"
title = "Optional"
kind = "optional"
hours = 1

[[section.topic]]
id = "core2"
title = "Core 2"
hours = 3
prerequisites = ["one/core1"]

[[section.topic.topic]]
id = "part"
title = "Part"
hours = 1

[[section]]
id = "lang"
title = "Language"

[[section.topic]]
id = "py"
title = "Python"
kind = "alternative"
hours = 10

[[section.topic]]
id = "go"
title = "Go"
kind = "alternative"
hours = 10
"""


def rm():
    return parse(ROADMAP, "t.toml")


def d(text: str) -> date:
    return date.fromisoformat(text)


def done_on(day: str) -> TopicProgress:
    when = datetime.fromisoformat(day + "T12:00:00+00:00")
    return TopicProgress(status="done", started=when, completed=when, changed=when)


# ------------------------------------------------------------------------------ streaks


def test_streak_across_a_month_end():
    active = {d("2026-01-30"), d("2026-01-31"), d("2026-02-01"), d("2026-02-02")}
    assert streaks(active, d("2026-02-02")) == (4, 4)


def test_streak_across_a_year_end_and_leap_day():
    active = {d("2023-12-31"), d("2024-01-01")}
    assert streaks(active, d("2024-01-01")) == (2, 2)
    leap = {d("2024-02-28"), d("2024-02-29"), d("2024-03-01")}
    assert streaks(leap, d("2024-03-01")) == (3, 3)


def test_current_streak_survives_until_today_is_over_but_not_a_gap():
    active = {d("2026-03-09"), d("2026-03-10")}
    assert streaks(active, d("2026-03-11")) == (2, 2)  # nothing yet today: still 2
    assert streaks(active, d("2026-03-12")) == (0, 2)  # a whole day missed


def test_longest_streak_is_kept_after_a_break():
    active = {d("2026-01-01"), d("2026-01-02"), d("2026-01-03"), d("2026-01-10")}
    assert streaks(active, d("2026-01-10")) == (1, 3)


def test_no_history_gives_zero_streaks():
    assert streaks(set(), d("2026-01-01")) == (0, 0)


# ------------------------------------------------------------------------------ weeks


def test_weekly_counts_use_monday_weeks_ending_this_week():
    today = d("2026-03-04")  # a Wednesday
    days = [d("2026-03-02"), d("2026-03-01"), d("2026-02-23"), d("2026-01-01")]
    starts, counts = weekly_counts(days, today, 3)
    assert starts == [d("2026-02-16"), d("2026-02-23"), d("2026-03-02")]
    assert counts == [0, 2, 1]  # Sun 1 March belongs to the week of 23 Feb


def test_heatmap_has_26_weeks_of_7_days_ending_today():
    today = d("2026-03-04")
    grid = heatmap_grid({today: 3, d("2026-03-02"): 1}, today)
    assert len(grid) == 26 and all(len(column) == 7 for column in grid)
    last = grid[-1]
    assert last[0] == (d("2026-03-02"), 1)
    assert last[2] == (today, 3)
    assert last[3] is None  # Thursday is in the future
    assert grid[0][0][0] == d("2026-03-02") - timedelta(weeks=25)


def test_weeks_and_the_calendar_start_on_the_first_weekday_given():
    today = d("2026-03-04")  # a Wednesday
    days = [d("2026-03-01"), d("2026-02-28")]  # a Sunday, a Saturday
    starts, counts = weekly_counts(days, today, 2, first_weekday=6)  # Sunday weeks
    assert starts == [d("2026-02-22"), d("2026-03-01")]
    assert counts == [1, 1]
    grid = heatmap_grid({today: 3}, today, first_weekday=6)
    assert grid[-1][0] == (d("2026-03-01"), 0)  # the column starts on Sunday
    assert grid[-1][3] == (today, 3) and grid[-1][4] is None
    hist = history(rm(), {}, {"2026-03-01": 1}, today, first_weekday=6)
    assert hist.heatmap[-1][0][0] == d("2026-03-01") and hist.week_starts[-1] == d("2026-03-01")
    calendar = report.heatmap(hist).plain.splitlines()
    assert [row[:3] for row in calendar[1:8]] == ["Sun", "   ", "Tue", "   ", "Thu", "   ", "Sat"]
    monday_first = report.heatmap(history(rm(), {}, {}, today)).plain.splitlines()
    assert [row[:3] for row in monday_first[1:8:2]] == ["Mon", "Wed", "Fri", "Sun"]


# ------------------------------------------------------------------------------ history


def test_empty_history_says_so_instead_of_forecasting():
    hist = history(rm(), {}, {}, d("2026-03-04"))
    assert not hist.has_history
    assert hist.pace == 0 and hist.core_finish is None and hist.all_finish is None
    lines = report.forecast_lines(hist)
    assert lines[0].startswith("No history yet")
    data = report.stats_json(rm(), summary(rm(), {}), hist)
    assert data["has_history"] is False
    assert data["forecast"]["core_finish"] is None


def test_pace_and_projected_finish():
    today = d("2026-03-04")
    entries = {"one/core1": done_on("2026-02-24"), "one/opt": done_on("2026-03-03")}
    activity = {"2026-02-24": 1, "2026-03-03": 1}
    hist = history(rm(), entries, activity, today)
    # two weeks of history (weeks of 23 Feb and 2 Mar), one topic each: 1 a week
    assert hist.weekly_completed[-2:] == [1, 1]
    assert hist.pace == 1.0
    assert hist.core_left == 2  # core2, core2/part (alternatives are not core)
    assert hist.core_finish == today + timedelta(days=14)
    assert hist.all_left == 4
    assert hist.all_finish == today + timedelta(days=28)
    assert hist.current_streak == 1  # yesterday counts while today is still open


def test_finished_roadmap_reports_all_complete():
    roadmap = rm()
    entries = {t.id: done_on("2026-03-01") for t in roadmap.topics()}
    hist = history(roadmap, entries, {"2026-03-01": 7}, d("2026-03-04"))
    assert hist.core_left == hist.all_left == 0
    assert hist.core_finish == hist.all_finish == d("2026-03-04")
    assert "Core topics: all complete." in report.forecast_lines(hist)
    tally = summary(roadmap, {k: "done" for k in entries})
    assert tally.percent == 100.0


def test_malformed_activity_keys_are_ignored():
    hist = history(rm(), {}, {"not-a-date": 3, "2026-03-01": 2}, d("2026-03-04"))
    assert hist.activity == {d("2026-03-01"): 2}


# ------------------------------------------------------------------------------ counts, next


def test_summary_counts_done_and_skipped_as_complete_and_hours():
    statuses = {"one/core1": "done", "one/opt": "skipped", "one/core2": "in-progress"}
    tally = summary(rm(), statuses)
    assert (tally.total, tally.done, tally.skipped, tally.in_progress, tally.todo) == (
        6,
        1,
        1,
        1,
        3,
    )
    assert tally.complete == 2
    assert round(tally.percent, 1) == 33.3
    assert tally.hours_done == 3 and tally.hours_in_progress == 3
    assert [c.id for c in tally.children] == ["one", "lang"]


def test_branch_counts_include_nested_parts():
    counts = branch_counts(rm(), status_lookup({"one/core2/part": "done"}))
    assert counts["one"] == (1, 4)
    assert counts["one/core2"] == (1, 1)


def test_next_topic_prefers_core_and_respects_prerequisites():
    roadmap = rm()
    upcoming = next_topic(roadmap, status_lookup({}))
    assert upcoming.topic.id == "one/core1"
    assert upcoming.reason == "no prerequisites, core, listed by 2 of 2"
    upcoming = next_topic(roadmap, status_lookup({"one/core1": "done"}))
    assert upcoming.topic.id == "one/core2"
    assert upcoming.reason.startswith("all prerequisites done, core")


def test_next_topic_passes_over_the_other_options_once_one_is_chosen():
    roadmap = parse(ROADMAP.replace('title = "Language"\n', 'title = "Language"\nchoose = 1\n'))
    done = {"one/core1": "done", "one/core2": "done", "one/core2/part": "done", "one/opt": "done"}
    upcoming = next_topic(roadmap, status_lookup(done))
    assert (upcoming.topic.id, upcoming.reason) == ("lang", "choose your language: Python, Go")
    done["lang/go"] = "done"
    assert next_topic(roadmap, status_lookup(done)) is None


# ------------------------------------------------------------------------------ output


def test_share_card_plain_and_markdown():
    roadmap = rm()
    tally = summary(roadmap, {"one/core1": "done"})
    hist = history(
        roadmap, {"one/core1": done_on("2026-03-04")}, {"2026-03-04": 1}, d("2026-03-04")
    )
    card = report.share_card(roadmap, tally, hist)
    assert card.splitlines()[0] == "Test"
    assert "17% · 1 done" in card and "streak 1 day" in card
    one = next(line for line in card.splitlines() if line.startswith("One"))
    assert one.endswith(" 25%  1/4")
    assert "██░░░░░░░░" in one  # 25% of a 10-cell bar
    md = report.share_card(roadmap, tally, hist, markdown=True)
    assert md.startswith("### Test\n") and "```text" in md


def test_heatmap_text_has_weekday_rows_and_a_legend():
    hist = history(rm(), {}, {"2026-03-04": 9}, d("2026-03-04"))
    lines = report.heatmap(hist).plain.splitlines()
    assert lines[1].startswith("Mon") and lines[7].startswith("Sun")
    assert "█" in lines[3]  # Wednesday, 9 changes: the top level
    assert lines[-1].strip() == "topics changed a day: less · ░ ▒ ▓ █ more"


def test_next_topic_with_the_in_progress_hint_agrees_with_the_full_scan():
    """The app passes the ids in progress to skip a full walk; the answer must not change."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from roadmap_tui.storage.paths import bundled_path
    from roadmap_tui.storage.roadmaps import load

    roadmap = load(bundled_path())
    ids = [t.id for t in roadmap.topics()]

    @settings(max_examples=150, deadline=None)
    @given(
        st.dictionaries(
            st.sampled_from(ids), st.sampled_from(["todo", "in-progress", "done", "skipped"])
        ),
        st.booleans(),
    )
    def check(statuses, focus):
        status_of = status_lookup(statuses)
        only = (lambda t: t.kind == "core" or len(t.sources) >= 3) if focus else None
        full = next_topic(roadmap, status_of, only=only)
        started = [tid for tid, s in statuses.items() if s == "in-progress"]
        hinted = next_topic(roadmap, status_of, only=only, in_progress=started)
        assert (full and (full.topic.id, full.reason)) == (
            hinted and (hinted.topic.id, hinted.reason)
        )

    check()
