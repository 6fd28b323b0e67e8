"""Pilot tests: plan and pace in the app -- study time in the details, the timer, the goal.

Assertions are about what a user notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from roadmap_tui.storage.progress import ProgressStore

from .conftest import read_progress, saved_status, wait_for
from .helpers import (
    SIZE,
    detail_text,
    goto,
    header,
    main,
    messages,
    saved,
    screen_text,
    stats_text,
)


def log(path, minutes: int, topic: str = "basics/intro") -> None:
    """Study time logged by another process (the `log` command) before the app starts."""
    store = ProgressStore(path, "mini")
    store.load()
    store.log_time(topic, minutes)


async def test_the_details_show_time_spent_against_the_estimate(make_app, mini, progress_path):
    log(progress_path, 90)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        assert "1.5 h of ~2 h" in detail_text(app)
        await goto(pilot, "basics/tools")  # nothing logged: the estimate alone
        assert "~1 h" in detail_text(app) and " of ~" not in detail_text(app)
        await goto(pilot, "basics")  # a section: the time on its topics against its hours
        assert "1.5 h of ~3 h" in detail_text(app)


async def test_the_statistics_show_study_time_and_the_goal_against_the_pace(
    make_app, mini, progress_path
):
    from roadmap_tui.core.studytime import Goal

    log(progress_path, 120, "web/protocols")
    store = ProgressStore(progress_path, "mini")
    store.set_goal(Goal(6.0))
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        text = " ".join(stats_text(app).split())
        assert "Study time 2 h in all; this week 2 h." in text
        assert "Per section: Web 2 h" in text
        assert "Goal: 6 h a week; this week 2.0 / 6 h." in text
        assert "Measured pace: 2.0 h a week over 1 week." in text


class Clock:
    """A settable clock for the store (and so the app)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


T0 = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def start_timer(path, topic: str, started: datetime) -> None:
    """A timer started by an earlier run (or the `timer` command), left in the file."""
    store = ProgressStore(path, "mini", clock=lambda: started)
    store.load()
    store.start_timer(topic)


async def test_T_starts_a_timer_the_header_shows_and_T_stops_and_logs_it(
    make_app, mini, progress_path
):
    clock = Clock(T0)
    app = make_app(mini, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("T")
        await saved(pilot)
        # a to-do topic becomes in progress; the start is in the file at once
        assert saved_status(progress_path, "mini", "basics/intro") == "in-progress"
        assert read_progress(progress_path)["roadmaps"]["mini"]["timer"]["topic"] == "basics/intro"
        assert "◷ Introduction 0m" in header(app)
        clock.now = T0 + timedelta(minutes=25)
        main(app).tick_timer()
        assert "◷ Introduction 25m" in header(app)
        await pilot.press("T")
        await saved(pilot)
        assert "Timer stopped on Introduction: logged 25 min." in messages(app)
        assert "◷" not in header(app)
        assert "25 min of ~2 h" in detail_text(app)
    data = read_progress(progress_path)["roadmaps"]["mini"]
    assert "timer" not in data and sum(data["time"]["basics/intro"].values()) == 25


async def test_T_on_a_section_says_to_pick_a_topic(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics")
        await pilot.press("T")
        assert any("timer runs on a topic" in m for m in messages(app))
    assert not progress_path.exists()


async def test_a_timer_that_survived_a_crash_shows_in_the_header(make_app, mini, progress_path):
    start_timer(progress_path, "basics/tools", T0)
    app = make_app(mini, clock=Clock(T0 + timedelta(minutes=40)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "◷ Tools 40m" in header(app)


async def test_a_timer_left_running_asks_how_much_was_study(make_app, mini, progress_path):
    from roadmap_tui.tui.screens.pace import TimerMinutesScreen

    start_timer(progress_path, "basics/tools", T0)
    app = make_app(mini, clock=Clock(T0 + timedelta(hours=9)))
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.screen, TimerMinutesScreen))
        await pilot.pause()
        assert "ran for 9 h. Left running?" in screen_text(app)
        await pilot.press("9", "9", "9", "enter")  # more than it ran: refused, still asking
        assert await wait_for(pilot, lambda: "from 0 to 540" in screen_text(app))
        await pilot.press("backspace", "backspace", "backspace", "5", "0", "enter")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, TimerMinutesScreen))
        await saved(pilot)
        assert "Timer stopped on Tools: logged 50 min." in messages(app)
    data = read_progress(progress_path)["roadmaps"]["mini"]
    assert "timer" not in data and sum(data["time"]["basics/tools"].values()) == 50


async def test_esc_keeps_a_long_timer_running(make_app, mini, progress_path):
    start_timer(progress_path, "basics/tools", T0)
    app = make_app(mini, clock=Clock(T0 + timedelta(hours=9)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "◷ Tools 540m" in header(app)
    assert read_progress(progress_path)["roadmaps"]["mini"]["timer"]["topic"] == "basics/tools"


async def test_the_goal_from_the_palette_and_the_header_shows_the_week(
    make_app, mini, progress_path
):
    from roadmap_tui.tui.screens.pace import GoalScreen

    log(progress_path, 90)
    app = make_app(mini)
    async with app.run_test(size=(140, 40)) as pilot:
        assert "this week" not in header(app)  # no goal: nothing about it
        main(app).action_goal()
        await pilot.pause()
        assert isinstance(app.screen, GoalScreen)
        await pilot.press("x", "enter")
        assert "invalid weekly goal 'x'" in screen_text(app)
        await pilot.press("backspace", "6", "enter")
        await saved(pilot)
        assert "Goal saved." in messages(app)
        assert "this week 1.5 / 6 h" in header(app)
    goal = read_progress(progress_path)["roadmaps"]["mini"]["goal"]
    assert goal == {"weekly_hours": 6.0}


async def test_D_shows_today_and_esc_closes_it(make_app, mini, progress_path):
    from roadmap_tui.tui.screens.pace import TodayScreen

    log(progress_path, 30)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        text = " ".join(screen_text(app).split())
        assert "Reviews: none due." in text
        assert "Next: Introduction (basics/intro); why:" in text
        assert "This week: 0.5 h studied; no weekly goal" in text
        assert "Streak: 1 day now, longest 1." in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TodayScreen)


async def test_today_shows_on_start_when_a_timer_runs_at_most_once_a_day(
    make_app, mini, progress_path, state_path
):
    from roadmap_tui.tui.screens.pace import TodayScreen

    start_timer(progress_path, "basics/tools", T0)
    for shown in (True, False):  # the second start, the same day: not again
        app = make_app(mini, clock=Clock(T0 + timedelta(minutes=10)))
        app.show_today = True
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen) is shown
            if shown:
                assert "Timer: Tools, 10 min so far; T stops it." in screen_text(app)


async def test_today_is_not_shown_on_start_when_nothing_is_due(make_app, mini, state_path):
    from roadmap_tui.tui.screens.pace import TodayScreen

    app = make_app(mini)
    app.show_today = True
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, TodayScreen)


async def test_study_time_logged_by_hand_shows_in_the_details(make_app, mini, progress_path):
    from roadmap_tui.tui.screens.pace import LogScreen

    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        main(app).action_log_time()  # the palette's "Log study time"
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        await pilot.press("4", "5", "enter")  # no unit: refused
        assert await wait_for(pilot, lambda: "add a unit" in screen_text(app))
        await pilot.press("m", "enter")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, LogScreen))
        await saved(pilot)
        assert "Logged 45 min on Protocols." in messages(app)
        assert await wait_for(pilot, lambda: "45 min of ~3 h" in detail_text(app))
    time_ = read_progress(progress_path)["roadmaps"]["mini"]["time"]
    assert sum(time_["web/protocols"].values()) == 45


async def test_a_minus_in_the_log_form_takes_back_time_logged_by_mistake(
    make_app, mini, progress_path
):
    from roadmap_tui.tui.screens.pace import LogScreen

    log(progress_path, 45, "web/protocols")
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        main(app).action_log_time()
        await pilot.pause()
        assert "-45m takes back" in screen_text(app)  # the form says how
        await pilot.press("-", "5", "0", "m", "enter")  # more than today's: refused
        assert await wait_for(pilot, lambda: "only 45 min logged today" in screen_text(app))
        assert isinstance(app.screen, LogScreen)
        await pilot.press("backspace", "backspace", "backspace", "1", "5", "m", "enter")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, LogScreen))
        await saved(pilot)
        assert "Took back 15 min on Protocols." in messages(app)
        assert await wait_for(pilot, lambda: "30 min of ~3 h" in detail_text(app))
    time_ = read_progress(progress_path)["roadmaps"]["mini"]["time"]
    assert sum(time_["web/protocols"].values()) == 30


async def test_g_on_the_statistics_sets_the_goal(make_app, mini, progress_path):
    from roadmap_tui.tui.screens.pace import GoalScreen

    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("g")
        assert await wait_for(pilot, lambda: isinstance(app.screen, GoalScreen))
        await pilot.press("7", ".", "5", "tab", *"2099-01-01", "enter")
        await saved(pilot)
        assert "Goal saved." in messages(app)
    goal = read_progress(progress_path)["roadmaps"]["mini"]["goal"]
    assert goal["weekly_hours"] == 7.5 and str(goal["by"]) == "2099-01-01"
    assert goal["scope"] == "core"


async def test_config_week_start_and_weekly_goal_reach_the_header_and_statistics(
    make_app, mini, progress_path
):
    from roadmap_tui.core.config import Settings

    clock = Clock(T0)  # Tuesday 1 Dec 2026
    store = ProgressStore(progress_path, "mini", clock=clock)
    store.load()
    store.log_time("basics/intro", 60, T0.date() - timedelta(days=1))  # Monday
    store.log_time("basics/intro", 30, T0.date())
    tuesday = Settings(week_start="tuesday", weekly_goal=4.0)
    app = make_app(mini, clock=clock, settings=tuesday)
    app.today = T0.date()  # the statistics' day, as the clock's
    async with app.run_test(size=(140, 40)) as pilot:
        assert "this week 0.5 / 4 h" in header(app)  # Monday's hour was last week
        await pilot.press("t")
        text = " ".join(stats_text(app).split())
        assert "Goal: 4 h a week; this week 0.5 / 4 h." in text
    monday = Settings(week_start="monday", weekly_goal=4.0)
    app = make_app(mini, clock=clock, settings=monday)
    async with app.run_test(size=(140, 40)):
        assert "this week 1.5 / 4 h" in header(app)
    assert "goal" not in read_progress(progress_path)["roadmaps"]["mini"]


async def test_the_goal_form_says_what_an_empty_hours_field_means_with_a_config_default(
    make_app, mini, progress_path
):
    from roadmap_tui.core.config import Settings
    from roadmap_tui.tui.screens.pace import GoalScreen

    app = make_app(mini, settings=Settings(weekly_goal=5.0))
    async with app.run_test(size=(140, 40)) as pilot:
        main(app).action_goal()
        assert await wait_for(pilot, lambda: isinstance(app.screen, GoalScreen))
        assert await wait_for(pilot, lambda: "empty: 5 h from config.toml" in screen_text(app))
        await pilot.press("7", "enter")  # a goal of this roadmap's own
        await saved(pilot)
        assert "this week 0.0 / 7 h" in header(app)
        main(app).action_goal()
        assert await wait_for(pilot, lambda: isinstance(app.screen, GoalScreen))
        await pilot.press("backspace", "enter")  # emptied: the config's hours apply again
        await saved(pilot)
        assert "Goal cleared; config.toml's weekly_goal (5 h a week) still applies." in messages(
            app
        )
        assert "this week 0.0 / 5 h" in header(app)
    assert "goal" not in read_progress(progress_path).get("roadmaps", {}).get("mini", {})


async def test_m_on_the_statistics_switches_the_calendar_to_minutes(make_app, mini, progress_path):
    log(progress_path, 45)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert "Activity, last 26 weeks" in stats_text(app)
        assert "topics changed a day: less" in stats_text(app)
        await pilot.press("m")
        text = stats_text(app)
        assert "Minutes studied, last 26 weeks" in text and "Activity, last" not in text
        assert "minutes studied a day: · 0 ░ <30m ▒ <1h ▓ <2h █ 2h+" in text
        assert "▒ " in text.split("Minutes studied")[1].split("minutes studied a day")[0]
        await pilot.press("m")
        assert "Activity, last 26 weeks" in stats_text(app)
