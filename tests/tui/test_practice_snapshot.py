"""An SVG snapshot of the detail pane with the learner's links and a project's checklist
(deterministic: a fixed clock, dates in UTC, a missing path and a URL as links)."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tui.core.practice import checklist
from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.storage.roadmaps import load
from roadmap_tui.storage.uistate import ViewState, save_state
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen

from .conftest import FIXED_NOW
from .helpers import detail_text

MISSING = "/nonexistent/roadmap-tui-snapshot/todo-api"


pytestmark = pytest.mark.usefixtures("utc")  # local time is UTC


def practice_app(tmp_path: Path) -> RoadmapApp:
    roadmap = load(bundled_path())
    progress = tmp_path / "progress.toml"
    store = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW)
    store.set_status("projects/todo-api", "in-progress")
    store.link("projects/todo-api", ["https://github.com/me/todo-api", MISSING])
    items = checklist(roadmap["projects/todo-api"].description)
    store.check("projects/todo-api", [items[0].key, items[2].key])
    state = tmp_path / "state.toml"
    save_state(state, roadmap.id, ViewState(cursor="projects/todo-api", expanded=["projects"]))
    store = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW)
    store.load()
    return RoadmapApp(roadmap, store, state_path=state, poll_interval=0)


def test_detail_pane_with_links_and_a_checklist(snap_compare, tmp_path):
    async def scroll_to_the_work(pilot) -> None:
        app = pilot.app
        for _ in range(60):  # the worker looking at the path: done in a moment
            if isinstance(app.screen, MainScreen) and "no such path" in detail_text(app):
                break
            await pilot.pause(0.05)
        detail = app.screen.query_one("#detail")
        detail.scroll_to_widget(detail.query_one("#work"), top=True, animate=False)
        await pilot.pause()

    assert snap_compare(
        practice_app(tmp_path), terminal_size=(120, 40), run_before=scroll_to_the_work
    )


def _opened_with(key: str):
    async def open_it(pilot) -> None:
        app = pilot.app
        for _ in range(60):  # the main screen, its pane drawn
            if isinstance(app.screen, MainScreen) and "no such path" in detail_text(app):
                break
            await pilot.pause(0.05)
        await pilot.press(key)
        await pilot.pause()

    return open_it


def test_the_link_dialog(snap_compare, tmp_path):
    assert snap_compare(
        practice_app(tmp_path), terminal_size=(100, 30), run_before=_opened_with("L")
    )


def test_the_checklist_dialog(snap_compare, tmp_path):
    assert snap_compare(
        practice_app(tmp_path), terminal_size=(100, 30), run_before=_opened_with("x")
    )
