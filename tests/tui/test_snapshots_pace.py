"""SVG snapshots of the plan-and-pace screens: Today, a long timer's question, the goal form.

Deterministic as tests/tui/test_snapshots.py: a fixed clock, local time UTC, no polling.
Update with ``--snapshot-update``."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from roadmap_tui.core.studytime import Goal
from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.storage.roadmaps import load
from roadmap_tui.storage.uistate import ViewState, save_state
from roadmap_tui.tui.app import RoadmapApp

from .conftest import FIXED_NOW

pytestmark = pytest.mark.usefixtures("utc")  # local time is UTC


def pace_app(tmp_path: Path, timer_ago: timedelta) -> RoadmapApp:
    """The bundled roadmap: two hours logged this week, a goal of 6 h a week, and a timer
    on HTTP started ``timer_ago`` before FIXED_NOW (a Monday, 00:00: the timer began last
    week)."""
    roadmap = load(bundled_path())
    progress = tmp_path / "progress.toml"
    before = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW - timer_ago)
    before.load()
    before.start_timer("internet/http")
    store = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW)
    store.log_time("internet/dns", 120)
    store.set_goal(Goal(6.0))
    state = tmp_path / "state.toml"
    save_state(state, roadmap.id, ViewState(cursor="internet/http", expanded=["internet"]))
    store = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW)
    store.load()
    return RoadmapApp(roadmap, store, state_path=state, poll_interval=0, show_today=True)


def test_today_shown_on_start(snap_compare, tmp_path):
    assert snap_compare(pace_app(tmp_path, timedelta(minutes=25)), terminal_size=(100, 30))


def test_a_timer_left_running_asks(snap_compare, tmp_path):
    assert snap_compare(pace_app(tmp_path, timedelta(hours=7)), terminal_size=(100, 30))


def test_the_goal_form(snap_compare, tmp_path):
    app = pace_app(tmp_path, timedelta(minutes=25))
    app.show_today = False

    async def open_goal(pilot) -> None:
        await pilot.pause()  # the main screen is pushed after the app's start
        app.main_screen().action_goal()
        await pilot.pause()

    assert snap_compare(app, run_before=open_goal, terminal_size=(100, 30))


def test_the_log_form(snap_compare, tmp_path):
    app = pace_app(tmp_path, timedelta(minutes=25))
    app.show_today = False

    async def open_log(pilot) -> None:
        await pilot.pause()
        app.main_screen().action_log_time()
        await pilot.pause()

    assert snap_compare(app, run_before=open_log, terminal_size=(100, 30))
